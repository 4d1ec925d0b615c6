"""A NumPy reference of the TF1 cells and `dynamic_rnn`, independent of TensorFlow.

Each step function is the cell's math written out with the shapes of
"RNNs by shapes" (N batch, T time, D input depth, H units): kernels act on
`concat([x, h])` (`[N, D + H]`), as in TF1. It is the second oracle of the test
suite, next to the real TF1 implementation, and documents the math.

Example:

>>> rng = np.random.default_rng(0)
>>> x = rng.normal(size=(2, 4, 3))                  # [N, T, D]
>>> kernel, bias = rng.normal(size=(3 + 5, 5)), np.zeros(5)
>>> step = lambda x_t, h: (basic_rnn_step(x_t, h, kernel, bias),) * 2
>>> outputs, state = dynamic_rnn(step, x, np.zeros((2, 5)), sequence_length=[4, 1])
>>> outputs.shape, bool((outputs[1, 1:] == 0).all())
((2, 4, 5), True)
"""

import numpy as np
import tensorflow as tf  # only tf.nest, to walk nested states


def sigmoid(x):
    """Logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def basic_rnn_step(x, h, kernel, bias, activation=np.tanh):
    """`BasicRNNCell`: `h' = act([x, h] . kernel + bias)`; returns `h'` `[N, H]`."""
    return activation(np.concatenate([x, h], 1) @ kernel + bias)


def lstm_step(x, state, kernel, bias, forget_bias=1.0, w_f_diag=None, w_i_diag=None,
              w_o_diag=None, cell_clip=None, proj_kernel=None, proj_clip=None,
              activation=np.tanh):
    """`BasicLSTMCell` / `LSTMCell` step with TF1's gate order i, j, f, o.

    Args:
        x: `[N, D]` inputs.
        state: `(c, h)`, `[N, H]` and `[N, P]` (P = projection size or H).
        kernel: `[D + P, 4H]`; bias: `[4H]`.
        forget_bias, w_*_diag, cell_clip, proj_kernel, proj_clip: as in `LSTMCell`.

    Returns:
        `(h', (c', h'))`.
    """
    c, h = state
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
    if w_f_diag is not None:
        i, f = i + w_i_diag * c, f + w_f_diag * c
    c = sigmoid(f + forget_bias) * c + sigmoid(i) * activation(j)
    if cell_clip is not None:
        c = np.clip(c, -cell_clip, cell_clip)
    if w_o_diag is not None:
        o = o + w_o_diag * c
    h = sigmoid(o) * activation(c)
    if proj_kernel is not None:
        h = h @ proj_kernel
        if proj_clip is not None:
            h = np.clip(h, -proj_clip, proj_clip)
    return h, (c, h)


def layer_norm(x, gamma, beta, epsilon=1e-12):
    """contrib's layer norm over the last axis: `gamma * (x - mean) / sqrt(var + eps) + beta`."""
    mean, variance = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(variance + epsilon) + beta


def layer_norm_lstm_step(x, state, kernel, norms, forget_bias=1.0, activation=np.tanh):
    """`LayerNormBasicLSTMCell` step (no dropout); `norms` maps gate scope -> (gamma, beta).

    Returns:
        `(h', (c', h'))`.
    """
    c, h = state
    gates = np.split(np.concatenate([x, h], 1) @ kernel, 4, axis=1)
    i, j, f, o = (layer_norm(g, *norms[s]) for g, s in
                  zip(gates, ("input", "transform", "forget", "output")))
    c = layer_norm(c * sigmoid(f + forget_bias) + sigmoid(i) * activation(j), *norms["state"])
    h = activation(c) * sigmoid(o)
    return h, (c, h)


def gru_step(x, h, gate_kernel, gate_bias, candidate_kernel, candidate_bias, activation=np.tanh):
    """`GRUCell` step with TF1's gate order r, u; returns `h'` `[N, H]`."""
    r, u = np.split(sigmoid(np.concatenate([x, h], 1) @ gate_kernel + gate_bias), 2, axis=1)
    candidate = activation(np.concatenate([x, r * h], 1) @ candidate_kernel + candidate_bias)
    return u * h + (1 - u) * candidate


def dynamic_rnn(step, inputs, initial_state, sequence_length=None):
    """TF1 `dynamic_rnn` semantics over batch-major `inputs` `[N, T, D]`.

    Args:
        step: `step(x_t, state) -> (output, new_state)`; `state` may be nested
            tuples of `[N, ...]` arrays.
        inputs: `[N, T, D]` array.
        initial_state: the state at t = 0.
        sequence_length: optional `[N]` ints. Past its length an entry emits
            zeros and keeps its state.

    Returns:
        `(outputs [N, T, output_size], final_state)`.
    """
    batch, steps = inputs.shape[:2]
    lengths = np.full(batch, steps) if sequence_length is None else np.asarray(sequence_length)
    state, outputs = initial_state, []
    for t in range(steps):
        output, new_state = step(inputs[:, t], state)
        active = (t < lengths)[:, None]
        outputs.append(np.where(active, output, 0.0))
        state = tf.nest.map_structure(lambda old, new: np.where(active, new, old), state, new_state)
    return np.stack(outputs, 1), state


def multi_step(steps):
    """Chains per-layer steps like `MultiRNNCell`; the state is a tuple of layer states."""

    def step(x, state):
        new_states = []
        for layer_step, layer_state in zip(steps, state):
            x, new_state = layer_step(x, layer_state)
            new_states.append(new_state)
        return x, tuple(new_states)

    return step

