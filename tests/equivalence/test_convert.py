"""to_keras: converted Keras 3 cells in keras.layers.RNN reproduce the TF1 oracle (DESIGN §4)."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import harness
import tf1compat
from harness import LENGTHS, CellCase
from tf1compat.convert import lstm_state_from_keras

CASES = {
    "basic_rnn": CellCase("basic_rnn", lambda m: m.BasicRNNCell(4), None, None),
    "basic_lstm": CellCase("basic_lstm", lambda m: m.BasicLSTMCell(4, forget_bias=0.7), None, None),
    "lstm": CellCase("lstm", lambda m: m.LSTMCell(3), None, None),
    "gru": CellCase("gru", lambda m: m.GRUCell(4), None, None),
    "multi": CellCase("multi", lambda m: m.MultiRNNCell([m.BasicLSTMCell(4), m.GRUCell(3)]), None, None),
}


def keras_state_as_tf1(cell, state):
    """Keras RNN's returned states, in the TF1 cell's structure."""
    if isinstance(cell, tf1compat.nn.rnn_cell.MultiRNNCell):
        return tuple(keras_state_as_tf1(c, s) for c, s in zip(cell._cells, state))
    if isinstance(cell, tf1compat.nn.rnn_cell.LSTMCell):
        return lstm_state_from_keras(state)
    return state[0] if isinstance(state, (list, tuple)) else state


@pytest.mark.parametrize("name", list(CASES))
def test_converted_cell_in_keras_rnn_matches_tf1(name):
    inputs = harness.random_inputs()
    expected = harness.run_graph(harness.dynamic_rnn_program(CASES[name], False), inputs, LENGTHS,
                                 oracle=True)
    tf.compat.v1.reset_default_graph()
    cell = CASES[name].make(tf1compat.nn.rnn_cell)
    tf1compat.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    for tf1_name, variable in cell.tf1_variable_names.items():
        variable.assign(harness.weight_value(tf1_name, variable.shape))
    layer = keras.layers.RNN(tf1compat.convert.to_keras(cell), return_sequences=True,
                             return_state=True, zero_output_for_mask=True)
    outputs, *states = layer(inputs, mask=tf.sequence_mask(LENGTHS, inputs.shape[1]))
    if not isinstance(cell, tf1compat.nn.rnn_cell.MultiRNNCell):
        states = states if len(states) > 1 else states[0]
    values = [outputs] + tf.nest.flatten(keras_state_as_tf1(cell, states))
    assert len(values) == len(expected.values)
    for got, want in zip(values, expected.values):
        np.testing.assert_allclose(got, want, atol=harness.TOLERANCE, rtol=0)


@pytest.mark.parametrize("options, message", [
    ({"use_peepholes": True}, "use_peepholes"),
    ({"num_proj": 2, "cell_clip": 1.0}, "cell_clip, num_proj"),
    ({"state_is_tuple": False}, "state_is_tuple=False"),
])
def test_options_without_keras_equivalent_raise(options, message):
    cell = tf1compat.nn.rnn_cell.LSTMCell(3, **options)
    tf1compat.nn.dynamic_rnn(cell, tf.zeros([1, 2, 2]), dtype=tf.float32)
    with pytest.raises(ValueError, match=f"no equivalent of {message}"):
        tf1compat.convert.to_keras(cell)


def test_unbuilt_cell_raises():
    with pytest.raises(ValueError, match="Call the cell once"):
        tf1compat.convert.to_keras(tf1compat.nn.rnn_cell.GRUCell(2))


@pytest.mark.parametrize("name", list(CASES))
def test_checkpoint_of_the_legacy_path_loads_as_keras(name, tmp_path):
    """A checkpoint written by TF1's code (tf_keras legacy cells, `tf.compat.v1.nn`, Saver)
    read by `load_tf1_checkpoint`: the Keras layer reproduces TF1's outputs and states."""
    inputs = harness.random_inputs()
    case = CASES[name]
    with tf.Graph().as_default():
        cell = case.make(harness.LEGACY_RNN_CELL)
        outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, inputs, LENGTHS, dtype=tf.float32)
        with tf.compat.v1.Session() as session:
            for v in tf.compat.v1.global_variables():
                v.load(harness.weight_value(v.op.name, v.shape), session)
            expected = session.run([outputs] + tf.nest.flatten(state))
            path = tf.compat.v1.train.Saver().save(session, str(tmp_path / "legacy.ckpt"))
    forget_bias = 0.7 if name == "basic_lstm" else 1.0
    layer = tf1compat.convert.keras_rnn(path, forget_bias=forget_bias)
    got, *states = layer(inputs, mask=tf.sequence_mask(LENGTHS, inputs.shape[1]))
    tf1_order = tf.nest.flatten(keras_state_as_tf1(case.make(tf1compat.nn.rnn_cell), states
                                                   if name == "multi" else
                                                   (states if len(states) > 1 else states[0])))
    for value, want in zip([got] + tf1_order, expected, strict=True):
        np.testing.assert_allclose(value, want, atol=harness.TOLERANCE, rtol=0)
