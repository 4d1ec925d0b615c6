"""`graph-mode`: TF1 programs that run a `Session` get `disable_v2_behavior()` after their imports.

TF1 graph code (placeholders, `Session`, `Dimension.value`) only runs on TF 2.x with the v2
behaviour off, and neither `tf_upgrade_v2` nor the RNN rules add that. A file that creates a
session (`tf.Session`, `tf.InteractiveSession`, `tf.train.MonitoredTrainingSession`, ...
in any spelling) and does not already turn eager execution or the v2 behaviour off gets
`<tensorflow alias>.compat.v1.disable_v2_behavior()` right after its leading imports. Without
a plain `import tensorflow[.compat.v1] [as X]` to spell it with, the file is reported instead.

The calls are found on the `ast` tree and their names resolved with libcst's scope analysis
of the file (the one the other rules share), so the rule costs no libcst pass of its own.
"""

import ast

import libcst as cst

from codemods.cst_names import dotted_name, dotted_node
from codemods.rule import Finding, InsertionRule
from codemods.symbols import normalize_tensorflow_name

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
_LAST_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in SESSION_NAMES | GRAPH_MODE_SWITCHES)
# The call to insert, by the module a top-level `import ... as alias` binds.
_SWITCH_BY_IMPORTED_MODULE = {
    "tensorflow": "compat.v1.disable_v2_behavior",
    "tensorflow.compat.v1": "disable_v2_behavior",
}


def plan_graph_mode(rule, module, tree, scopes):
    """Returns `(statement to insert or None, findings)` for `module` (see the module doc)."""
    module_scope = scopes.get(module)
    first_session, switched = None, False
    for node in ast.walk(tree):
        name = _called_name(node)
        if name is None or name.rsplit(".", 1)[-1] not in _LAST_NAMES:
            continue
        qualified = {normalize_tensorflow_name(q.name)
                     for q in module_scope.get_qualified_names_for(name)}
        if qualified & GRAPH_MODE_SWITCHES:
            switched = True
        elif qualified & SESSION_NAMES and (first_session is None or node.lineno < first_session):
            first_session = node.lineno
    if first_session is None or switched:
        return None, []
    switch = _switch_call(module)
    if switch is None:
        return None, [Finding(rule, first_session,
                              "TF1 sessions need graph mode on TF 2.x: add "
                              "`tf.compat.v1.disable_v2_behavior()` at the start of the program")]
    return cst.SimpleStatementLine(body=[cst.Expr(cst.Call(func=switch))]), []


def _called_name(node):
    """`"a.b.c"` for an `ast.Call` of a dotted name, else `None`."""
    if not isinstance(node, ast.Call):
        return None
    parts, func = [], node.func
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return None
    return ".".join([func.id, *reversed(parts)])


def _switch_call(module):
    """`X.compat.v1.disable_v2_behavior` for the module's `import tensorflow as X`, or `None`."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Import):
                continue
            for alias in small.names:
                imported = dotted_name(alias.name)
                attribute = _SWITCH_BY_IMPORTED_MODULE.get(imported)
                if attribute is not None and (alias.asname or imported == "tensorflow"):
                    bound = alias.asname.name.value if alias.asname else "tensorflow"
                    return dotted_node(f"{bound}.{attribute}")
    return None


RULE = InsertionRule(
    name="graph-mode",
    summary="files that run a TF1 Session get tf.compat.v1.disable_v2_behavior() after their "
    "imports",
    planner=plan_graph_mode,
    markers=(("tensorflow",), ("Session",)),
)
