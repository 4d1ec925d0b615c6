"""TF1 weights re-laid out as Keras 3 weights, exactly: the one place the layouts meet.

TF1 kernels act on `concat([x, h])`: `[D + H, G]`; Keras keeps `kernel [D, G]` and
`recurrent_kernel [H, G]`. Gate orders differ too: TF1's LSTM is i, j, f, o (Keras i, f, c,
o, with `c` TF1's `j`); TF1's GRU is r, u plus a separate candidate map (Keras z, r, h, with
`z` TF1's `u`, `reset_after=False`). TF1 adds `forget_bias` at run time; Keras folds it
into the bias. Each function takes NumPy arrays or tensors and returns the Keras weights
in the order `cell.weights` lists them.
"""

import numpy as np


def split_rows(kernel, depth):
    """A TF1 `[D + H, G]` kernel -> (input kernel `[D, G]`, recurrent kernel `[H, G]`)."""
    return kernel[:depth], kernel[depth:]


def simple_rnn_weights(kernel, bias, depth):
    """`BasicRNNCell` -> `keras.layers.SimpleRNNCell`: `[kernel, recurrent_kernel, bias]`."""
    return [*split_rows(np.asarray(kernel), depth), np.asarray(bias)]


def lstm_weights(kernel, bias, depth, forget_bias):
    """`BasicLSTMCell` / `LSTMCell` -> `keras.layers.LSTMCell` (forget bias folded in)."""

    def reorder(w):  # TF1 gate columns i, j, f, o -> Keras i, f, c(j), o
        i, j, f, o = np.split(np.asarray(w), 4, axis=-1)
        return np.concatenate([i, f, j, o], axis=-1)

    i, j, f, o = np.split(np.asarray(bias), 4)
    kernel, recurrent = split_rows(np.asarray(kernel), depth)
    return [reorder(kernel), reorder(recurrent),
            np.concatenate([i, f + np.asarray(forget_bias, f.dtype), j, o])]


def gru_weights(gate_kernel, gate_bias, candidate_kernel, candidate_bias, depth):
    """`GRUCell` -> `keras.layers.GRUCell(reset_after=False)`."""

    def keras_order(gates, candidate):  # TF1 [r | u] + candidate -> Keras [z | r | h]
        r, u = np.split(np.asarray(gates), 2, axis=-1)
        return np.concatenate([u, r, np.asarray(candidate)], axis=-1)

    gates_x, gates_h = split_rows(np.asarray(gate_kernel), depth)
    candidate_x, candidate_h = split_rows(np.asarray(candidate_kernel), depth)
    return [keras_order(gates_x, candidate_x), keras_order(gates_h, candidate_h),
            keras_order(gate_bias, candidate_bias)]


def built_with(keras_cell, depth, weights):
    """`keras_cell` built for inputs of depth `depth`, holding `weights`."""
    keras_cell.build((None, depth))
    for variable, value in zip(keras_cell.weights, weights, strict=True):
        variable.assign(value)
    return keras_cell
