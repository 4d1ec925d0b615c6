"""`graph-mode` decided on Python's `ast`, for the plain cases, without libcst.

Most TF1 files that the rule changes are plain: one module-level `import tensorflow as tf`
(or `import tensorflow`, `import tensorflow.compat.v1 as tf`), a name bound nowhere else,
and sessions created as `tf.Session()`, `tf.train.MonitoredTrainingSession()`, ... There the
libcst planner (`codemods.rules.graph_mode`) can only resolve the calls as their text reads,
and it inserts `tf.compat.v1.disable_v2_behavior()` on the line after that import and the
import lines that directly follow it. `plan_graph_mode_on_ast` gives that result from the
`ast` alone, or says that the rule changes and reports nothing; in any other case (another
import or binding of the name, a call it cannot resolve, statements sharing a line, CR line
breaks or form feeds, which libcst prints differently) it answers `None` and the libcst
planner decides. `tests/codemods` checks that both paths agree on every test source.
"""

import ast

from codemods.ast_bindings import Bindings, dotted
from codemods.nesting import MAX_DEPTH
from codemods.rule import NO_CHANGE, TextEdit
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
LAST_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in SESSION_NAMES | GRAPH_MODE_SWITCHES)
# The call to insert, by the module an `import` binds; `compat.v1` also works on compat.v1.
SWITCH_BY_MODULE = {
    "tensorflow": "compat.v1.disable_v2_behavior",
    "tensorflow.compat.v1": "disable_v2_behavior",
}


def _module_of(bindings, name):
    """The module (`tensorflow` or its `compat.v1`) plain `import`s bind to `name`, else
    `None` (see `Bindings.plain_import`)."""
    plain = bindings.plain_import(name, repeated=True)
    if plain is None or not isinstance(plain[0], ast.Import):
        return None
    return plain[1] if plain[1] in SWITCH_BY_MODULE else None


def _last_name(func):
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _session_alias(bindings):
    """The one alias the sessions are created with, `NO_CHANGE`, or `None` if unsure."""
    calls = [call for call in bindings.calls if _last_name(call.func) in LAST_NAMES]
    if not calls:
        return NO_CHANGE
    if "tensorflow" in bindings.other:
        return None
    aliases = set()
    for call in calls:
        name = dotted(call.func)
        if name is None:
            return None
        base, _, rest = name.partition(".")
        if not bindings.imported(base):
            continue  # libcst names it after its variable, or a builtin, or nothing.
        module = _module_of(bindings, base)
        if module is None:
            return None
        name = normalize_tensorflow_name(f"{module}.{rest}" if rest else module)
        if name in GRAPH_MODE_SWITCHES:
            return NO_CHANGE
        if name in SESSION_NAMES:
            aliases.add(base)
    if not aliases:
        return NO_CHANGE
    return aliases.pop() if len(aliases) == 1 else None


def _offset_of_line(code, line):
    """Character offset of the start of 0-based `line` of `code` (LF line breaks)."""
    offset = 0
    for _ in range(line):
        offset = code.index("\n", offset) + 1
    return offset


def _insertion_line(tree, statement):
    """The 0-based line after `statement` and the import statements right after it, or
    `None` if two of these statements (or the next one) share a line."""
    body = tree.body
    index = next(i for i, node in enumerate(body) if node is statement)
    end = index + 1
    while end < len(body) and isinstance(body[end], (ast.Import, ast.ImportFrom)):
        end += 1
    for i in range(max(index, 1), min(end + 1, len(body))):
        if body[i].lineno <= body[i - 1].end_lineno:
            return None
    return body[end - 1].end_lineno


def plan_graph_mode_on_ast(code, tree):
    """Decides the `graph-mode` rule on the `ast` of `code`, when that is certain.

    Args:
        code: the source.
        tree: `code` parsed by `ast.parse`.

    Returns:
        `NO_CHANGE` if the rule changes and reports nothing, a `TextEdit` that gives the
        libcst planner's result, or `None` when only the libcst planner can tell.
    """
    bindings = Bindings.of(tree)
    alias = _session_alias(bindings)
    if alias is None or alias is NO_CHANGE:
        return alias
    if bindings.depth > MAX_DEPTH or "\r" in code or "\f" in code or not code.endswith("\n"):
        return None
    statement, module = bindings.plain_import(alias, repeated=True)
    line = _insertion_line(tree, statement)
    if line is None:
        return None
    text = f"{alias}.{SWITCH_BY_MODULE[module]}()\n"
    return TextEdit(_offset_of_line(code, line), text)
