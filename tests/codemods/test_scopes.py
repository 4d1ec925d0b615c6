"""`resolve_scopes` gives the same metadata as libcst's `MetadataWrapper.resolve(ScopeProvider)`."""

import textwrap

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider

from codemods.scopes import resolve_scopes

SOURCES = [
    """
    import tensorflow as tf
    from tensorflow.contrib import rnn as rnn_lib

    class Model:
        cell_class = rnn_lib.LSTMCell

        def build(self, inputs, rnn=None):
            cells = [tf.nn.rnn_cell.GRUCell(n) for n in (1, 2)]
            outputs, _ = tf.nn.dynamic_rnn(cells[0], inputs, dtype=tf.float32)
            return lambda x: outputs + x
    """,
    """
    try:
        import tensorflow.compat.v1 as tf
    except ImportError:
        import tensorflow as tf
    import tensorflow.contrib.rnn

    def f(cell: "tf.nn.rnn_cell.RNNCell", *args, **kwargs):
        global tf
        del kwargs
        return tensorflow.contrib.rnn.static_rnn(cell, *args), {k: v for k, v in kwargs.items()}
    """,
]


class _Nodes(cst.CSTVisitor):
    def __init__(self):
        super().__init__()
        self.nodes = []

    def on_visit(self, node):
        self.nodes.append(node)
        return True


def _summary(scope):
    if scope is None:
        return None
    return (
        type(scope).__name__,
        sorted((a.name, type(a).__name__, len(a.references)) for a in scope.assignments),
        sorted(a.node.__class__.__name__ for a in scope.accesses),
    )


@pytest.mark.parametrize("source", SOURCES)
def test_same_scopes_as_the_metadata_wrapper(source):
    module = cst.parse_module(textwrap.dedent(source))
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    actual = resolve_scopes(module)
    # String annotations are parsed again by each analysis: compare the module's own nodes.
    assert len(actual) == len(expected)
    collector = _Nodes()
    module.visit(collector)
    for node in collector.nodes:
        scope = expected.get(node)
        assert _summary(actual.get(node)) == _summary(scope)
        if isinstance(node, (cst.Name, cst.Attribute)) and scope is not None:
            assert actual[node].get_qualified_names_for(node) == scope.get_qualified_names_for(node)
