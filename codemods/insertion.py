"""Inserting a statement right after the import that binds a name, wherever that import is.

A statement that uses `tf` must come after `import tensorflow as tf`, which is not always in
the leading import block: it may follow `os.environ[...] = ...`, sit in a `try`, in a function
body, or in the first cell of a notebook. The statement goes into the block of the scope that
binds the name (the module, or the function), after the statement holding the import and the
import lines that directly follow it.

Rules plan an insertion on the module they analysed and insert it last, after other rules
rewrote the module, so an import is named by an `ImportAnchor` (which import of the name, in
document order) instead of by its node. Only the statement-level parts of the tree are
walked and rebuilt.
"""

import dataclasses

import libcst as cst

from codemods.cst_names import dotted_name

# Statement containers walked to find imports: blocks, compound statements and their clauses.
_CONTAINERS = (
    cst.Module,
    cst.BaseSuite,
    cst.BaseCompoundStatement,
    cst.ExceptHandler,
    cst.ExceptStarHandler,
    cst.Else,
    cst.Finally,
    cst.MatchCase,
)
_SCOPES = (cst.Module, cst.FunctionDef, cst.ClassDef)


@dataclasses.dataclass(frozen=True)
class ImportAnchor:
    """The `ordinal`-th import (from 0, in document order) binding `name` to module `bound`.

    Args:
        name: the local name, e.g. `"tf"`.
        bound: the module bound to it, e.g. `"tensorflow"` (also for a plain
            `import tensorflow.compat.v1`, which binds `tensorflow`).
        ordinal: which of these imports.
    """

    name: str
    bound: str
    ordinal: int


def _binding(alias):
    """`(local name, module bound to it)` for an `ImportAlias` of an `import` statement."""
    module = dotted_name(alias.name)
    if alias.asname is not None:
        return alias.asname.name.value, module
    root = module.split(".")[0]
    return root, root


def _walk(node, path):
    """Yields `(path, import)` for every `import` statement under `node`, in document order;
    `path` is the list of nodes from the module down to the import's statement line."""
    path = [*path, node]
    if isinstance(node, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        for small in node.body:
            if isinstance(small, cst.Import):
                yield path, small
        return
    for child in node.children:
        if isinstance(child, (*_CONTAINERS, cst.SimpleStatementLine)):
            yield from _walk(child, path)


def anchor_of(module, import_node, name):
    """Returns the `ImportAnchor` of `import_node`, an `Import` of `module` binding `name`.

    Raises:
        ValueError: if `import_node` does not bind `name` in `module`.
    """
    bound = next((b for local, b in map(_binding, import_node.names) if local == name), None)
    ordinal = 0
    for _, node in _walk(module, []):
        if node is import_node and bound is not None:
            return ImportAnchor(name, bound, ordinal)
        ordinal += sum(_binding(alias) == (name, bound) for alias in node.names)
    raise ValueError(
        f"import_node must be an import of module binding {name!r}. Received: {import_node!r}"
    )


def _find(module, anchor):
    ordinal = 0
    for path, node in _walk(module, []):
        for alias in node.names:
            if _binding(alias) == (anchor.name, anchor.bound):
                if ordinal == anchor.ordinal:
                    return path
                ordinal += 1
    return None


def _is_import_line(statement):
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _replace_child(parent, old, new):
    """Returns `parent` with its direct child `old` replaced by `new`."""
    for field in dataclasses.fields(parent):
        value = getattr(parent, field.name)
        if value is old:
            return parent.with_changes(**{field.name: new})
        if isinstance(value, (list, tuple)) and any(item is old for item in value):
            items = [new if item is old else item for item in value]
            return parent.with_changes(**{field.name: items})
    raise ValueError(f"old must be a child of parent. Received: old={type(old).__name__}")


def _place(module, anchor):
    """`(path to the anchor's line, index of its scope's owner in it, the block statements go
    in)`, or `None` if the import is gone or its scope's body is one line
    (`def f(): import tensorflow as tf; ...`), which cannot take another statement."""
    path = _find(module, anchor)
    if path is None:
        return None
    scope_depth = max(i for i, node in enumerate(path) if isinstance(node, _SCOPES))
    owner = path[scope_depth]
    block = owner if isinstance(owner, cst.Module) else owner.body
    if not isinstance(block, (cst.Module, cst.IndentedBlock)):
        return None
    return path, scope_depth, block


def can_insert_after(module, anchor):
    """Tells whether `insert_after_import` can insert after the import `anchor` names."""
    return _place(module, anchor) is not None


def insert_after_import(module, anchor, statement):
    """Inserts `statement` after the import block of the import `anchor` names.

    Args:
        module: a `libcst.Module`.
        anchor: an `ImportAnchor` of `module`.
        statement: a `libcst.SimpleStatementLine`.

    Returns:
        The new module, or `None` if `can_insert_after` is false.
    """
    place = _place(module, anchor)
    if place is None:
        return None
    path, scope_depth, block = place
    owner = path[scope_depth]
    top = path[scope_depth + (1 if block is owner else 2)]
    index = next(i for i, item in enumerate(block.body) if item is top) + 1
    while index < len(block.body) and _is_import_line(block.body[index]):
        index += 1
    new = block.with_changes(body=[*block.body[:index], statement, *block.body[index:]])
    if block is not owner:
        new = owner.with_changes(body=new)
    for parent in reversed(path[:scope_depth]):
        new, owner = _replace_child(parent, owner, new), parent
    return new
