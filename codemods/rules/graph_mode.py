"""`graph-mode`: TF1 programs that run a `Session` get `disable_v2_behavior()` after their imports.

TF1 graph code (placeholders, `Session`, `Dimension.value`) only runs on TF 2.x with the v2
behaviour off, and neither `tf_upgrade_v2` nor the RNN rules add that. A file that creates a
session (`tf.Session`, `tf.InteractiveSession`, `tf.train.MonitoredTrainingSession`, ...
in any spelling) and does not already turn eager execution or the v2 behaviour off gets
`<tensorflow alias>.compat.v1.disable_v2_behavior()` right after its leading imports. Without
a plain `import tensorflow[.compat.v1] [as X]` to spell it with, the file is reported instead.
"""

import libcst as cst

from codemods.cst_names import dotted_name, dotted_node, resolve
from codemods.imports import is_leading_statement
from codemods.rule import TransformRule, TransformRuleTransformer

SESSION_NAMES = frozenset({
    "tensorflow.Session",
    "tensorflow.InteractiveSession",
    "tensorflow.train.MonitoredTrainingSession",
    "tensorflow.train.MonitoredSession",
    "tensorflow.train.SingularMonitoredSession",
})
GRAPH_MODE_SWITCHES = frozenset({
    "tensorflow.disable_v2_behavior",
    "tensorflow.disable_eager_execution",
    "tensorflow.enable_eager_execution",  # an explicit choice of eager: leave the file alone
})
# The call to insert, by the module a top-level `import ... as alias` binds.
_SWITCH_BY_IMPORTED_MODULE = {
    "tensorflow": "compat.v1.disable_v2_behavior",
    "tensorflow.compat.v1": "disable_v2_behavior",
}


class GraphModeTransformer(TransformRuleTransformer):
    """Adds `disable_v2_behavior()` to files that run TF1 sessions (see `TransformRuleTransformer`)."""

    def __init__(self, rule, scopes):
        super().__init__(rule, scopes)
        self._first_session = None
        self._switched = False

    def visit_Call(self, node):
        name = resolve(self._scopes, node.func)
        if name in SESSION_NAMES and self._first_session is None:
            self._first_session = node
        self._switched = self._switched or name in GRAPH_MODE_SWITCHES

    def leave_Module(self, original_node, updated_node):
        if self._first_session is None or self._switched:
            return updated_node
        switch = _switch_call(updated_node)
        if switch is None:
            self.report(self._rule, self._first_session,
                        "TF1 sessions need graph mode on TF 2.x: add "
                        "`tf.compat.v1.disable_v2_behavior()` at the start of the program")
            return updated_node
        self.record_change(self._rule)
        index = 0
        while index < len(updated_node.body) and is_leading_statement(updated_node.body[index], index):
            index += 1
        line = cst.SimpleStatementLine(body=[cst.Expr(cst.Call(func=switch))])
        return updated_node.with_changes(
            body=[*updated_node.body[:index], line, *updated_node.body[index:]])


def _switch_call(module):
    """`X.compat.v1.disable_v2_behavior` for the module's `import tensorflow as X`, or `None`."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Import):
                continue
            for alias in small.names:
                attribute = _SWITCH_BY_IMPORTED_MODULE.get(dotted_name(alias.name))
                if attribute is not None and (alias.asname or dotted_name(alias.name) == "tensorflow"):
                    bound = alias.asname.name.value if alias.asname else "tensorflow"
                    return dotted_node(f"{bound}.{attribute}")
    return None


RULE = TransformRule(
    name="graph-mode",
    summary="files that run a TF1 Session get tf.compat.v1.disable_v2_behavior() after their "
    "imports",
    transformer_class=GraphModeTransformer,
    markers=(("tensorflow",), ("Session",)),
)
