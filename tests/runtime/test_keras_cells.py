"""Native Keras 3 cells in the TF1 drivers: same results as Keras' own RNN layer.

`keras.layers.RNN(cell, zero_output_for_mask=True)` with a length mask is the
Keras equivalent of `dynamic_rnn` with `sequence_length` (DESIGN §4).
"""

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat

LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
INPUTS = np.random.default_rng(1).normal(size=(5, 6, 3)).astype(np.float32)

KERAS_CELLS = {
    "lstm": lambda: keras.layers.LSTMCell(4),
    "gru": lambda: keras.layers.GRUCell(4),
    "gru_reset_before": lambda: keras.layers.GRUCell(4, reset_after=False),
    "simple_rnn": lambda: keras.layers.SimpleRNNCell(4),
    "stacked": lambda: keras.layers.StackedRNNCells([keras.layers.LSTMCell(4), keras.layers.GRUCell(3)]),
}


def randomize(cell):
    rng = np.random.default_rng(5)
    for weight in cell.weights:
        weight.assign(rng.uniform(-0.7, 0.7, size=weight.shape).astype(np.float32))


@pytest.mark.parametrize("use_function", [False, True], ids=["eager", "tf_function"])
@pytest.mark.parametrize("name", list(KERAS_CELLS))
def test_dynamic_rnn_matches_keras_rnn_layer(name, use_function):
    cell = KERAS_CELLS[name]()
    run = lambda x: tf1compat.nn.dynamic_rnn(cell, x, sequence_length=LENGTHS, dtype=tf.float32)
    if use_function:
        run = tf.function(run)
    run(INPUTS)
    randomize(cell)
    outputs, state = run(INPUTS)

    layer = keras.layers.RNN(cell, return_sequences=True, return_state=True, zero_output_for_mask=True)
    mask = tf.sequence_mask(LENGTHS, INPUTS.shape[1])
    expected_outputs, *expected_state = layer(INPUTS, mask=mask)
    np.testing.assert_allclose(outputs, expected_outputs, atol=1e-5, rtol=0)
    flat_state, expected_state = tf.nest.flatten(state), tf.nest.flatten(expected_state)
    assert len(flat_state) == len(expected_state)
    for got, want in zip(flat_state, expected_state):
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
    # Entry 0 has length 0: its state is the initial (zero) state.
    assert all(not np.asarray(s)[0].any() for s in flat_state)


def test_keras_lstm_state_keeps_keras_structure():
    cell = keras.layers.LSTMCell(4)
    _, state = tf1compat.nn.dynamic_rnn(cell, INPUTS, dtype=tf.float32)
    assert isinstance(state, list) and len(state) == 2  # [h, c], Keras order


def test_keras_cells_inside_multi_rnn_cell():
    cell = tf1compat.nn.rnn_cell.MultiRNNCell(
        [keras.layers.GRUCell(4), tf1compat.nn.rnn_cell.BasicLSTMCell(3)])
    outputs, (gru_state, lstm_state) = tf1compat.nn.dynamic_rnn(
        cell, INPUTS, sequence_length=LENGTHS, dtype=tf.float32)
    assert outputs.shape == (5, 6, 3)
    for b, length in enumerate(LENGTHS):  # the state is the output of step length - 1
        want = outputs[b, length - 1] if length else np.zeros(3)
        np.testing.assert_allclose(lstm_state.h[b], want, atol=1e-6)
    assert tf.nest.flatten(gru_state)[0].shape == (5, 4)


def test_user_keras_cell_with_call_and_state_size():
    class Accumulator(keras.layers.Layer):
        state_size = 3

        def call(self, inputs, states):
            new = states[0] + inputs
            return new, [new]

    outputs, state = tf1compat.nn.dynamic_rnn(
        Accumulator(), INPUTS, sequence_length=LENGTHS,
        initial_state=[tf.zeros([5, 3])], dtype=tf.float32)
    expected = np.cumsum(INPUTS, axis=1) * (np.arange(6)[None, :, None] < LENGTHS[:, None, None])
    np.testing.assert_allclose(outputs, expected, atol=1e-5)
    # A single Keras state `[h]` is carried and returned as the tensor `h`, as TF1 did.
    assert tf.is_tensor(state)
    np.testing.assert_allclose(state, [expected[b, max(n - 1, 0)] if n else 0 * expected[b, 0]
                                       for b, n in enumerate(LENGTHS)], atol=1e-5)


def test_raw_rnn_seed_example_corrected():
    """Seed 000's raw_rnn example, with its TF1-only mistakes fixed (see docs/raw_rnn.md).

    Fixes: `tf1compat.nn.raw_rnn` (there is no `tf.raw_rnn`), no `initial_state`/`dtype`
    arguments (the time-0 loop_fn call gives the state), Keras 3's
    `get_initial_state(batch_size)` has no `dtype`, and `finished` is a `[batch]` vector.
    """
    batch_size, max_time, input_dim = 4, 5, 6
    inputs = tf.random.normal((batch_size, max_time, input_dim), seed=1)
    cell = keras.layers.LSTMCell(units=8)

    def loop_fn(time, cell_output, cell_state, loop_state):
        elements_finished = tf.fill([batch_size], time >= max_time)
        if cell_output is None:
            next_cell_state = cell.get_initial_state(batch_size=batch_size)
            emit_output = None
            next_loop_state = tf.TensorArray(tf.float32, size=max_time)
        else:
            next_cell_state = cell_state
            emit_output = cell_output
            next_loop_state = loop_state.write(time - 1, cell_output)
        next_input = tf.cond(tf.reduce_all(elements_finished),
                             lambda: tf.zeros([batch_size, input_dim]),
                             lambda: inputs[:, tf.minimum(time, max_time - 1), :])
        return elements_finished, next_input, next_cell_state, emit_output, next_loop_state

    emit_ta, final_state, loop_state = tf1compat.nn.raw_rnn(cell, loop_fn)
    outputs = tf.transpose(loop_state.stack(), [1, 0, 2])
    np.testing.assert_allclose(tf.transpose(emit_ta.stack(), [1, 0, 2]), outputs, atol=1e-6)
    expected = keras.layers.RNN(cell, return_sequences=True)(inputs)
    np.testing.assert_allclose(outputs, expected, atol=1e-5)
    np.testing.assert_allclose(final_state[0], expected[:, -1], atol=1e-5)
    # Keras 3 weights: kernel [D, 4H] and recurrent_kernel [H, 4H], not TF1's [D + H, 4H].
    assert [tuple(w.shape) for w in cell.trainable_weights] == [(6, 32), (8, 32), (32,)]
