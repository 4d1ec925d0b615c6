"""Variable names and sharing in graph mode are TF1's, checked against the TF1 cells."""

import pytest
import tensorflow as tf
import tf1compat
from harness import LEGACY_RNN_CELL


def names_of(build, oracle):
    """Variable names and shapes after `build(rnn_cell, nn)` in a fresh graph."""
    module, nn = ((LEGACY_RNN_CELL, tf.compat.v1.nn) if oracle
                  else (tf1compat.nn.rnn_cell, tf1compat.nn))
    with tf.Graph().as_default():
        build(module, nn)
        return [(v.op.name, tuple(v.shape.as_list())) for v in tf.compat.v1.global_variables()]


def x():
    return tf.compat.v1.placeholder(tf.float32, [None, None, 3])


def two_layers_in_scopes(m, nn):
    with tf.compat.v1.variable_scope("encoder"):
        outputs, _ = nn.dynamic_rnn(m.MultiRNNCell([m.GRUCell(4), m.BasicRNNCell(2)]), x(),
                                    dtype=tf.float32)
    nn.dynamic_rnn(m.LSTMCell(3, num_proj=2), outputs, dtype=tf.float32, scope="decoder")


def shared_with_reuse(m, nn):
    cell = m.BasicLSTMCell(4)
    with tf.compat.v1.variable_scope("shared"):
        nn.dynamic_rnn(cell, x(), dtype=tf.float32)
    with tf.compat.v1.variable_scope("shared", reuse=True):
        nn.dynamic_rnn(m.BasicLSTMCell(4), x(), dtype=tf.float32)


def two_new_cells_same_scope(m, nn):
    with tf.compat.v1.variable_scope("rnn"):
        m.GRUCell(2)(tf.zeros([1, 3]), tf.zeros([1, 2]))
        m.GRUCell(2)(tf.zeros([1, 3]), tf.zeros([1, 2]))


def same_cell_called_twice(m, nn):
    cell = m.BasicRNNCell(2)
    nn.dynamic_rnn(cell, x(), dtype=tf.float32, scope="a")
    nn.dynamic_rnn(cell, x(), dtype=tf.float32, scope="b")  # reuses the first variables


def cell_called_with_scope_and_name(m, nn):
    m.BasicLSTMCell(2)(tf.zeros([1, 3]), (tf.zeros([1, 2]),) * 2, scope="explicit")
    m.GRUCell(2, name="my_gru")(tf.zeros([1, 3]), tf.zeros([1, 2]))


def cell_with_reuse_flag(m, nn):
    nn.dynamic_rnn(m.GRUCell(2), x(), dtype=tf.float32, scope="enc")
    nn.dynamic_rnn(m.GRUCell(2, reuse=True), x(), dtype=tf.float32, scope="enc")


def raw_rnn_default_scope(m, nn):
    cell = m.GRUCell(2)

    def loop_fn(time, output, state, loop_state):
        state = cell.zero_state(2, tf.float32) if state is None else state
        return tf.fill([2], time >= 2), tf.zeros([2, 3]), state, output, None

    nn.raw_rnn(cell, loop_fn)


@pytest.mark.parametrize("build", [two_layers_in_scopes, shared_with_reuse, two_new_cells_same_scope,
                                   same_cell_called_twice, cell_called_with_scope_and_name,
                                   cell_with_reuse_flag, raw_rnn_default_scope])
def test_variable_names_match_tf1(build):
    expected = names_of(build, oracle=True)
    assert expected  # the oracle built variables
    assert names_of(build, oracle=False) == expected


def test_new_variables_without_reuse_fail_like_tf1():
    def duplicate(m, nn):
        nn.dynamic_rnn(m.GRUCell(2), x(), dtype=tf.float32, scope="dup")
        with tf.compat.v1.variable_scope("dup"):  # a new scope object, not reused
            m.GRUCell(2)(tf.zeros([1, 3]), tf.zeros([1, 2]), scope="gru_cell")

    for oracle in (True, False):
        with pytest.raises(ValueError, match="already exists"):
            names_of(duplicate, oracle)


def test_scope_initializer_is_honoured():
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("s", initializer=tf.compat.v1.constant_initializer(0.25)):
            tf1compat.nn.dynamic_rnn(tf1compat.nn.rnn_cell.BasicRNNCell(2), x(), dtype=tf.float32)
        kernel = tf.compat.v1.global_variables()[0]
        assert kernel.op.name == "s/rnn/basic_rnn_cell/kernel"
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            assert (session.run(kernel) == 0.25).all()


def test_graph_mode_cell_lists_its_variables():
    with tf.Graph().as_default():
        cell = tf1compat.nn.rnn_cell.MultiRNNCell([tf1compat.nn.rnn_cell.GRUCell(2),
                                                    tf1compat.nn.rnn_cell.BasicLSTMCell(3)])
        tf1compat.nn.dynamic_rnn(cell, x(), dtype=tf.float32)
        assert [v.op.name for v in cell.trainable_weights] == [
            v.op.name for v in tf.compat.v1.trainable_variables()]
        assert len(cell.weights) == 6
