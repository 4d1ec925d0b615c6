"""Conversions between dotted names and libcst `Name`/`Attribute` chains, and name resolution."""

import functools

import libcst as cst

from codemods.symbols import normalize_tensorflow_name


def dotted_name(node):
    """Returns `"a.b.c"` for a `Name`/`Attribute` chain, `None` for any other expression."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def dotted_node(name):
    """Returns the `Name`/`Attribute` chain spelling `name`, e.g. `"tf1compat.nn"`."""
    first, *rest = name.split(".")
    return functools.reduce(
        lambda value, attr: cst.Attribute(value=value, attr=cst.Name(attr)),
        rest,
        cst.Name(first),
    )


def chain_base(node):
    """Returns the leftmost `Name` of an attribute chain, `None` if it starts with a call etc."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node if isinstance(node, cst.Name) else None


def resolve(scopes, node):
    """Returns the one TensorFlow-normalized qualified name of `node`, or `None`.

    Computed on demand like libcst's `QualifiedNameProvider` does for every node:
    `Scope.get_qualified_names_for`.

    Args:
        scopes: the module's `ScopeProvider` metadata (`codemods.scopes.resolve_scopes`).
        node: an expression of that module.

    Returns:
        The qualified name with `tensorflow.compat.v1.` folded into `tensorflow.`, or `None`
        when the name is unknown or ambiguous (e.g. bound differently on two branches).
    """
    scope = scopes.get(node)
    if scope is None:
        return None
    names = {normalize_tensorflow_name(q.name) for q in scope.get_qualified_names_for(node)}
    return names.pop() if len(names) == 1 else None
