"""`graph-mode` planned with libcst (see `codemods.rules.graph_mode`).

Calls are found in, and their names resolved with, libcst's scope analysis of the file (the
one the other rules share), so the rule costs no libcst pass of its own.
"""

import ast

import libcst as cst
from libcst.metadata import GlobalScope

from codemods.cst_names import chain_base, dotted_name, dotted_node
from codemods.insertion import anchor_of, can_insert_after
from codemods.rules.graph_mode_ast import (
    GRAPH_MODE_SWITCHES,
    LAST_NAMES,
    SESSION_NAMES,
    SWITCH_BY_MODULE,
)
from codemods.rule import Finding, InsertionPlan
from codemods.symbols import normalize_tensorflow_name

_BY_HAND_MESSAGE = (
    "TF1 sessions need graph mode on TF 2.x: add `tf.compat.v1.disable_v2_behavior()` at the "
    "start of the program"
)


def plan_graph_mode(rule, module, tree, scopes):
    """Returns the `InsertionPlan` of `module` (see the module doc)."""
    sessions, switched = [], False
    for node, scope in scopes.items():
        if type(node) is not cst.Call or scope is None or _last_name(node.func) not in LAST_NAMES:
            continue
        names = {normalize_tensorflow_name(q.name) for q in scope.get_qualified_names_for(node.func)}
        switched = switched or bool(names & GRAPH_MODE_SWITCHES)
        if names & SESSION_NAMES:
            sessions.append((node, scope))
    if switched or not sessions:
        return InsertionPlan()
    imports = _binding_imports(sessions, scopes) or _module_imports(module, scopes)
    insertions = []
    for (name, _), bindings in imports.items():
        modules = {bound for bound, _ in bindings}
        attribute = SWITCH_BY_MODULE[modules.pop() if len(modules) == 1 else "tensorflow"]
        call = cst.Call(func=dotted_node(f"{name}.{attribute}"))
        last = max((anchor_of(module, node, name) for _, node in bindings), key=lambda a: a.ordinal)
        if can_insert_after(module, last):
            insertions.append((last, cst.SimpleStatementLine(body=[cst.Expr(call)])))
    if not insertions:
        return InsertionPlan(findings=(Finding(rule, _first_call_line(tree), _BY_HAND_MESSAGE),))
    return InsertionPlan(tuple(insertions), kept_names=frozenset(name for name, _ in imports))


def _first_call_line(tree):
    """Line of the first call whose last name is a session's or a switch's."""
    lines = [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, (ast.Attribute, ast.Name))
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in LAST_NAMES
    ]
    return min(lines)


def _last_name(func):
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


def _module_imported_as(assignment, name):
    """The module (`tensorflow` or `tensorflow.compat.v1`) an `import` binds to `name`, or None."""
    if not isinstance(assignment.node, cst.Import):
        return None
    for alias in assignment.node.names:
        local = alias.asname.name.value if alias.asname else dotted_name(alias.name).split(".")[0]
        if local == name:
            module = dotted_name(alias.name) if alias.asname else local
            return module if module in SWITCH_BY_MODULE else None
    return None


def _binding_imports(sessions, scopes):
    """`{(name, scope): [(module, Import node), ...]}` of the imports binding the names the
    sessions are created with, in the scope that binds them.

    With a module-level one, only the module-level ones: the call then runs at import time,
    before any function does.
    """
    found = {}
    for call, scope in sessions:
        base = chain_base(call.func)
        if base is None:
            continue
        for assignment in scope[base.value]:
            module = _module_imported_as(assignment, base.value)
            if module is not None:
                entries = found.setdefault((base.value, assignment.scope), [])
                if all(node is not assignment.node for _, node in entries):
                    entries.append((module, assignment.node))
    module_level = {key: value for key, value in found.items() if isinstance(key[1], GlobalScope)}
    return module_level or found


def _module_imports(module, scopes):
    """The module-level `import tensorflow[.compat.v1] [as X]`, for sessions created from a
    name that is not such a module (`from tensorflow import Session`)."""
    scope = scopes.get(module)
    found = {}
    for assignment in scope.assignments if scope is not None else ():
        bound = _module_imported_as(assignment, assignment.name)
        if bound is not None:
            found.setdefault((assignment.name, scope), []).append((bound, assignment.node))
    return found
