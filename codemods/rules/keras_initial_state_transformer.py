"""The libcst transformer of `keras-initial-state` (see `codemods.rules.keras_initial_state`)."""

import collections

import libcst as cst

from codemods.cst_names import resolve
from codemods.transformer import TransformRuleTransformer

KERAS_LAYER_PREFIXES = ("keras.layers.", "tensorflow.keras.layers.")
FLOAT32_NAMES = frozenset({"tensorflow.float32", "tensorflow.dtypes.float32", "numpy.float32"})
INITIAL_STATE_KEYWORDS = frozenset({"inputs", "batch_size", "dtype"})
_NO_SPACE = cst.SimpleWhitespace("")


class _AssignedValues(cst.CSTVisitor):
    """Records the value assigned to every `name = ...` target and every `self.attr = ...`."""

    def __init__(self):
        super().__init__()
        self.by_target = {}
        self.by_self_attribute = collections.defaultdict(list)
        self._classes = []

    def visit_ClassDef(self, node):
        self._classes.append(node)

    def leave_ClassDef(self, original_node):
        self._classes.pop()

    def _record(self, target, value):
        if isinstance(target, cst.Name):
            self.by_target[id(target)] = value
        elif (
            self._classes
            and isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
        ):
            self.by_self_attribute[(id(self._classes[-1]), target.attr.value)].append(value)

    def visit_Assign(self, node):
        for target in node.targets:
            self._record(target.target, node.value)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self._record(node.target, node.value)


class KerasInitialStateTransformer(TransformRuleTransformer):
    """Rewrites or reports TF1 initial-state calls on Keras 3 cells (see `TransformRuleTransformer`)."""

    def __init__(self, rule, scopes):
        super().__init__(rule, scopes)
        self._assigned = None
        self._classes = []

    def visit_Module(self, node):
        self._assigned = _AssignedValues()
        node.visit(self._assigned)

    def visit_ClassDef(self, node):
        self._classes.append(node)

    def leave_ClassDef(self, original_node, updated_node):
        self._classes.pop()
        return updated_node

    def _is_keras_cell_constructor(self, value):
        if not isinstance(value, cst.Call):
            return False
        name = resolve(self._scopes, value.func) or ""
        return name.startswith(KERAS_LAYER_PREFIXES) and (
            name.endswith("Cell") or name.endswith("StackedRNNCells")
        )

    def _assigned_values(self, receiver):
        if isinstance(receiver, cst.Name):
            scope = self._scopes.get(receiver)
            if scope is None:
                return []
            assignments = scope[receiver.value]
            if not all(isinstance(a.node, cst.Name) for a in assignments):
                return []
            return [self._assigned.by_target.get(id(a.node)) for a in assignments]
        if (
            self._classes
            and isinstance(receiver, cst.Attribute)
            and isinstance(receiver.value, cst.Name)
            and receiver.value.value == "self"
        ):
            return self._assigned.by_self_attribute.get(
                (id(self._classes[-1]), receiver.attr.value), []
            )
        return []

    def _is_keras_cell(self, receiver):
        values = self._assigned_values(receiver)
        return bool(values) and all(self._is_keras_cell_constructor(v) for v in values)

    def _is_float32(self, value):
        if isinstance(value, cst.SimpleString):
            return value.evaluated_value == "float32"
        return resolve(self._scopes, value) in FLOAT32_NAMES

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("get_initial_state", "zero_state")
            and self._is_keras_cell(func.value)
        ):
            return updated_node
        if func.attr.value == "zero_state":
            batch_size = self._zero_state_batch_size(original_node)
        else:
            batch_size = self._initial_state_batch_size(original_node)
        if batch_size is None:
            return updated_node
        self.record_change(self._rule)
        return updated_node.with_changes(
            func=updated_node.func.with_changes(attr=cst.Name("get_initial_state")),
            args=[
                cst.Arg(
                    keyword=cst.Name("batch_size"),
                    value=batch_size,
                    equal=cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE),
                )
            ],
        )

    def _initial_state_batch_size(self, call):
        """Returns the batch size expression to keep, or `None` to leave the call as is."""
        args = call.args
        if len(args) == 1 and args[0].keyword is None and not args[0].star:
            return None  # Already the Keras 3 form `get_initial_state(batch_size)`.
        keywords = {arg.keyword.value: arg.value for arg in args if arg.keyword is not None}
        if len(keywords) != len(args) or not set(keywords) <= INITIAL_STATE_KEYWORDS:
            self.report(
                self._rule,
                call,
                "`get_initial_state` on a Keras 3 cell takes only `batch_size`; "
                "rewrite these arguments by hand",
            )
            return None
        if "dtype" in keywords and not self._is_float32(keywords["dtype"]):
            self._report_dtype(call)
            return None
        if "batch_size" not in keywords:
            if "inputs" in keywords:
                self.report(
                    self._rule,
                    call,
                    "Keras 3 `get_initial_state` has no `inputs`: pass "
                    "`batch_size=tf.shape(inputs)[0]` by hand",
                )
            return None
        return None if set(keywords) == {"batch_size"} else keywords["batch_size"]

    def _zero_state_batch_size(self, call):
        """Returns the batch size of a float32 `zero_state(batch_size, dtype)`, else `None`."""
        names = ("batch_size", "dtype")
        values = {
            arg.keyword.value if arg.keyword is not None else name: arg.value
            for arg, name in zip(call.args, names)
            if not arg.star
        }
        if len(call.args) != 2 or set(values) != set(names) or not self._is_float32(values["dtype"]):
            self._report_dtype(call)
            return None
        return values["batch_size"]

    def _report_dtype(self, call):
        self.report(
            self._rule,
            call,
            "Keras 3 cells create their states in the cell's own dtype (no `dtype` argument, "
            "no `zero_state`): create the cell with that dtype or cast the states by hand",
        )
