"""Conversions between dotted names and libcst `Name`/`Attribute` chains, and name resolution."""

import functools

import libcst as cst
from libcst.metadata import QualifiedNameProvider

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


def resolve(visitor, node):
    """Returns the one TensorFlow-normalized qualified name of `node`, or `None`.

    Args:
        visitor: a visitor declaring `QualifiedNameProvider` among its dependencies.
        node: an expression of the tree it visits.

    Returns:
        The qualified name with `tensorflow.compat.v1.` folded into `tensorflow.`, or `None`
        when the name is unknown or ambiguous (e.g. bound differently on two branches).
    """
    names = {
        normalize_tensorflow_name(q.name)
        for q in visitor.get_metadata(QualifiedNameProvider, node, ())
    }
    return names.pop() if len(names) == 1 else None
