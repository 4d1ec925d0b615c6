"""The examples of the seed tutorials (shared/seeds) as tests, against TF1 and NumPy."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import harness
import tf1compat
from tf1compat import testing as ref

# "tf.nn.dynamic_rnn in depth": 4 instances, 2 steps, 3 features; the second has length 1.
X_BATCH = np.array([[[0, 1, 2], [9, 8, 7]],
                    [[3, 4, 5], [5, 1, 9]],
                    [[6, 7, 8], [6, 5, 4]],
                    [[9, 0, 1], [3, 2, 1]]], np.float32)
SEQ_LENGTH = np.array([2, 1, 2, 2], np.int32)

SEED_CELLS = {
    "basic_rnn": lambda m: m.BasicRNNCell(5),
    "basic_lstm": lambda m: m.BasicLSTMCell(5),
    "multi_lstm": lambda m: m.MultiRNNCell([m.BasicLSTMCell(4), m.BasicLSTMCell(5)]),
}


def seed_program(make_cell):
    def program(module):
        cell = make_cell(module)

        def run(nn, x, seq):
            initial_state = cell.zero_state(4, tf.float32)
            return nn.dynamic_rnn(cell, x, sequence_length=seq, initial_state=initial_state,
                                  dtype=tf.float32)
        return cell, run
    return program


@pytest.mark.parametrize("mode", ["graph", "eager"])
@pytest.mark.parametrize("name", list(SEED_CELLS))
def test_dynamic_rnn_in_depth_examples(name, mode):
    program = seed_program(SEED_CELLS[name])
    expected = harness.run_graph(program, X_BATCH, SEQ_LENGTH, oracle=True)
    actual = (harness.run_graph(program, X_BATCH, SEQ_LENGTH, oracle=False) if mode == "graph"
              else harness.run_tf2(program, X_BATCH, SEQ_LENGTH, use_function=False))
    actual.assert_close(expected)
    outputs = actual.values[0]
    assert outputs.shape == (4, 2, 5)
    assert not outputs[1, 1].any()  # instance 1 stops after one step: zeros
    final_h = actual.values[-1]
    np.testing.assert_allclose(final_h[1], outputs[1, 0], atol=1e-6)  # its state is from step 0
    if name == "multi_lstm":  # a tuple per layer, each an LSTMStateTuple (c, h)
        assert [v.shape for v in actual.values[1:]] == [(4, 4)] * 2 + [(4, 5)] * 2


def test_weight_sharing_tensorarray_loop_equals_basic_rnn_cell():
    """"RNNs as temporal weight sharing": the hand-written tf.function TensorArray loop."""
    n_outputs, inputs = 3, tf.random.uniform((2, 24, 16), seed=4)
    cell = tf1compat.nn.rnn_cell.BasicRNNCell(n_outputs)
    outputs, state = tf1compat.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    kernel, bias = cell.weights
    w_xh, w_hh = kernel[:16], kernel[16:]  # TF1 stacks [W_xh; W_hh] in one kernel

    @tf.function
    def seed_loop():
        state = tf.zeros((inputs.shape[0], n_outputs))
        hidden_states = tf.TensorArray(tf.float32, size=inputs.shape[1])
        for t in tf.range(inputs.shape[1]):
            state = tf.nn.tanh(inputs[:, t, :] @ w_xh + state @ w_hh + bias)
            hidden_states = hidden_states.write(t, state)
        return tf.transpose(hidden_states.stack(), [1, 0, 2])

    np.testing.assert_allclose(seed_loop(), outputs, atol=1e-5)
    np.testing.assert_allclose(outputs[:, -1], state, atol=1e-6)


def test_rnn_by_shapes_keras_simple_rnn_equals_tf1_cell_and_numpy():
    """"RNNs by shapes" (N, T, D, M, K): Keras SimpleRNN weights run as a TF1 BasicRNNCell."""
    n, t, d, m, k = 3, 10, 3, 5, 2
    x = np.random.default_rng(6).normal(size=(n, t, d)).astype(np.float32)
    rnn = keras.layers.SimpleRNN(m)
    dense = keras.layers.Dense(k)
    y_keras = dense(rnn(x))
    wx, wh, bh = (w.numpy() for w in rnn.weights)  # (D, M), (M, M), (M,)
    assert (wx.shape, wh.shape, bh.shape) == ((d, m), (m, m), (m,))

    h = np.zeros((n, m))
    for step in range(t):  # the seed's manual loop, for N > 1 at once
        h = ref.basic_rnn_step(x[:, step], h, np.concatenate([wx, wh]), bh)
    wo, bo = (w.numpy() for w in dense.weights)
    np.testing.assert_allclose(h @ wo + bo, y_keras, atol=1e-5)

    cell = tf1compat.nn.rnn_cell.BasicRNNCell(m)
    tf1compat.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    cell.weights[0].assign(np.concatenate([wx, wh]))  # kernel [D + M, M]
    cell.weights[1].assign(bh)
    _, state = tf1compat.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    np.testing.assert_allclose(dense(state), y_keras, atol=1e-5)
