"""Bad input gets an error that names the argument and what was received."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell

X = tf.zeros([4, 3, 2])


def run(cell=None, inputs=X, **kwargs):
    kwargs.setdefault("dtype", tf.float32)
    return tf1compat.nn.dynamic_rnn(cell or rnn_cell.BasicLSTMCell(3), inputs, **kwargs)


@pytest.mark.parametrize("inputs, message", [
    (tf.zeros([4, 2]), r"rank >= 3.*Received: inputs.shape=\(4, 2\)"),
    (tf.zeros([4, 3, 2], tf.int32), r"floating point inputs.*Received: inputs.dtype=int32"),
    ((), r"at least one tensor"),
])
def test_bad_inputs(inputs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        run(inputs=inputs)


def test_unknown_depth_in_graph():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, None, None])
        with pytest.raises(ValueError, match="depth of inputs.*Received: inputs.shape"):
            run(inputs=x)


def test_mismatched_batch_between_nested_inputs():
    with pytest.raises(ValueError, match="same batch dimension"):
        run(inputs=(tf.zeros([4, 3, 2]), tf.zeros([5, 3, 2])))


@pytest.mark.parametrize("lengths, error, message", [
    ([[1, 2, 3, 3]], ValueError, r"vector of length batch_size. Received: sequence_length.shape"),
    ([1, 2, 3], ValueError, r"one entry per batch element \(4\)"),
    ([1.0, 2.0, 3.0, 3.0], TypeError, r"int32 or int64.*Received: sequence_length.dtype=float32"),
    ([1, -2, 3, 3], ValueError, r"non-negative. Received: sequence_length=\[1, -2, 3, 3\]"),
])
def test_bad_sequence_length(lengths, error, message):
    with pytest.raises(error, match=message):
        run(sequence_length=lengths)


def test_sequence_length_checked_at_run_time_in_graph():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 3, 2])
        seq = tf.compat.v1.placeholder(tf.int32, [None])
        outputs, _ = run(inputs=x, sequence_length=seq)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            feed = {x: np.zeros([4, 3, 2]), seq: [1, 2, 3]}
            with pytest.raises(tf.errors.InvalidArgumentError, match="one entry per batch"):
                session.run(outputs, feed)
            with pytest.raises(tf.errors.InvalidArgumentError, match="non-negative"):
                session.run(outputs, {x: np.zeros([4, 3, 2]), seq: [1, 2, -3, 0]})


def test_no_initial_state_and_no_dtype():
    with pytest.raises(ValueError, match="If there is no initial_state, you must give a dtype."):
        run(dtype=None)


def test_float64_inputs_with_float32_state():
    """The raw_rnn seed's warning: float64 inputs and a float32 state."""
    with pytest.raises(ValueError, match="Received: dtype=float32, inputs.dtype=float64"):
        run(inputs=tf.zeros([4, 3, 2], tf.float64))
    cell = rnn_cell.GRUCell(3)
    with pytest.raises(ValueError, match="initial_state.dtype.*float32.*inputs.dtype=float64"):
        run(cell, inputs=tf.zeros([4, 3, 2], tf.float64), initial_state=cell.zero_state(4, tf.float32))


def test_float64_everywhere_works():
    outputs, state = run(inputs=tf.zeros([4, 3, 2], tf.float64), dtype=tf.float64)
    assert outputs.dtype == tf.float64 and state.h.dtype == tf.float64


def test_keras_cell_with_other_dtype():
    with pytest.raises(ValueError, match="computes in float32.*Received: inputs.dtype=float64"):
        run(keras.layers.GRUCell(3), inputs=tf.zeros([4, 3, 2], tf.float64), dtype=tf.float64)


def test_initial_state_structure_mismatch():
    cell = rnn_cell.BasicLSTMCell(3)
    with pytest.raises(ValueError, match=r"structure of cell.state_size=LSTMStateTuple\(c=3, h=3\)"):
        run(cell, initial_state=tf.zeros([4, 3]))


@pytest.mark.parametrize("cell", ["LSTMCell", 3, None.__class__])
def test_not_a_cell(cell):
    with pytest.raises(TypeError, match=r"`cell` must be a tf1compat RNNCell or a Keras RNN cell.*Received: cell="):
        tf1compat.nn.dynamic_rnn(cell, X, dtype=tf.float32)


def test_multi_rnn_cell_arguments():
    with pytest.raises(ValueError, match=r"non-empty list of cells. Received: cells=\[\]"):
        rnn_cell.MultiRNNCell([])
    with pytest.raises(TypeError, match=r"`cells\[1\]` must be"):
        rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2), "gru"])


def test_raw_rnn_arguments():
    with pytest.raises(TypeError, match="`loop_fn` must be callable. Received: loop_fn=3"):
        tf1compat.nn.raw_rnn(rnn_cell.GRUCell(2), 3)

    def loop_fn(time, cell_output, cell_state, loop_state):
        return tf.fill([4], time >= 3), tf.zeros([4, 2]), tf.zeros([4, 5]), None, None

    with pytest.raises(ValueError, match=r"initial state returned by loop_fn.*structure of cell.state_size=LSTMStateTuple"):
        tf1compat.nn.raw_rnn(rnn_cell.BasicLSTMCell(5), loop_fn)


def test_bad_activation():
    with pytest.raises(TypeError, match="Received: activation=3"):
        rnn_cell.BasicRNNCell(4, activation=3)


def test_restore_tf1_variables_errors(tmp_path):
    saved = rnn_cell.GRUCell(2)
    tf1compat.nn.dynamic_rnn(saved, X, dtype=tf.float32, scope="enc")
    path = tf.train.Checkpoint(v=saved.weights[0]).save(str(tmp_path / "ckpt"))
    with pytest.raises(ValueError, match="no variables yet: call it once"):
        tf1compat.checkpoints.restore_tf1_variables(rnn_cell.GRUCell(2), path)
    tf.compat.v1.reset_default_graph()
    cell = rnn_cell.GRUCell(2)
    tf1compat.nn.dynamic_rnn(cell, X, dtype=tf.float32)
    with pytest.raises(ValueError, match=r"'rnn/gru_cell/gates/kernel' is not in checkpoint"):
        tf1compat.checkpoints.restore_tf1_variables(cell, path)

