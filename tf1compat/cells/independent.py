"""Cells whose recurrence is element-wise, each unit seeing only its own state: contrib's
`IndRNNCell`, `IndyGRUCell`, `IndyLSTMCell` (Li et al. 2018, Gonnet & Deselaers 2019) and
`SRUCell` (Lei et al. 2017).

The Indy cells' maps are `x . W + tile(h) * u + b`, with a `[1, G]` vector `u` (initialised
uniformly in [-1, 1]) in place of a recurrent matrix.
"""

import tensorflow as tf

from tf1compat.cells.base import GRUArgsCell, LSTMStateCell, LSTMStateTuple, UnitsCell
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation


class _IndependentCell(GRUArgsCell):
    """Builds and applies the `x . W + tile(h) * u + b` maps of the Indy cells."""

    def _diagonal_map(self, names, depth, size, bias_initializer):
        """Creates the variables `names = (W, u, b)` of one map, `W [depth, size]`."""
        kernel_name, vector_name, bias_name = names
        return (self.add_weight(kernel_name, shape=[depth, size],
                                initializer=self._kernel_initializer),
                self.add_weight(vector_name, shape=[1, size],
                                initializer=tf.compat.v1.random_uniform_initializer(-1, 1)),
                self.add_weight(bias_name, shape=[size],
                                initializer=self._bias_initializer or bias_initializer))

    @staticmethod
    def _apply(weights, inputs, recurrent):
        kernel, vector, bias = weights
        return tf.nn.bias_add(tf.matmul(inputs, kernel) + recurrent * vector, bias)


class IndRNNCell(_IndependentCell, UnitsCell):
    """The independently recurrent cell: `h' = activation(x . W + h * u + b)`.

    Variables: `ind_rnn_cell/kernel_w [D, H]`, `ind_rnn_cell/kernel_u [1, H]`,
    `ind_rnn_cell/bias [H]` (zeros).

    Args:
        num_units: int, the number of units H.
        activation: Nonlinearity (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.

    Example:

    >>> cell = IndRNNCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 4])
    """

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None):
        super().__init__(num_units, activation=activation, reuse=reuse, name=name, dtype=dtype)

    def build(self, inputs_shape):
        self._map = self._diagonal_map(("kernel_w", "kernel_u", "bias"),
                                       input_depth(inputs_shape), self._num_units,
                                       tf.compat.v1.zeros_initializer())

    def call(self, inputs, state):
        output = self._activation(self._apply(self._map, inputs, state))
        return output, output


class IndyGRUCell(_IndependentCell, UnitsCell):
    """`GRUCell` with diagonal recurrent weights: each unit sees only its own state.

    Math: `r, u = sigmoid(x . W_g + tile(h, 2) * u_g + b_g)`,
    `c = activation(x . W_c + (r * h) * u_c + b_c)`, `h' = u * h + (1 - u) * c`.

    Variables: `indy_gru_cell/gates/kernel_w [D, 2H]`, `gates/kernel_u [1, 2H]`,
    `gates/bias [2H]` (1.0), `candidate/kernel [D, H]`, `candidate/kernel_u [1, H]`,
    `candidate/bias [H]` (0.0).

    Args:
        num_units: int, the number of units H.
        activation: Candidate activation (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.
        kernel_initializer: Initializer of the input kernels.
        bias_initializer: Initializer of both biases (replaces 1.0 / 0.0).

    Example:

    >>> cell = IndyGRUCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 4])
    """

    def build(self, inputs_shape):
        depth, units = input_depth(inputs_shape), self._num_units
        self._gates = self._diagonal_map(("gates/kernel_w", "gates/kernel_u", "gates/bias"),
                                         depth, 2 * units, tf.compat.v1.constant_initializer(1.0))
        self._candidate = self._diagonal_map(
            ("candidate/kernel", "candidate/kernel_u", "candidate/bias"), depth, units,
            tf.compat.v1.zeros_initializer())

    def call(self, inputs, state):
        gates = tf.sigmoid(self._apply(self._gates, inputs, tf.tile(state, [1, 2])))
        r, u = tf.split(gates, 2, axis=1)
        candidate = self._activation(self._apply(self._candidate, inputs, r * state))
        new_h = u * state + (1 - u) * candidate
        return new_h, new_h


class IndyLSTMCell(_IndependentCell, LSTMStateCell):
    """`BasicLSTMCell` with diagonal recurrent weights (gate order i, j, f, o).

    Math: `i, j, f, o = split(x . W + tile(h, 4) * u + b)`,
    `c' = c * sigmoid(f + forget_bias) + sigmoid(i) * activation(j)`,
    `h' = activation(c') * sigmoid(o)`.

    Variables: `indy_lstm_cell/kernel_w [D, 4H]`, `kernel_u [1, 4H]`, `bias [4H]` (zeros).

    Args:
        num_units: int, the number of units H.
        forget_bias: float added to the forget gate at run time (default 1.0).
        activation: Inner activation (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.
        kernel_initializer: Initializer of the input kernel.
        bias_initializer: Initializer of the bias.

    Example:

    >>> cell = IndyLSTMCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> state.c.shape
    TensorShape([2, 4])
    """

    def __init__(self, num_units, forget_bias=1.0, activation=None, reuse=None,
                 kernel_initializer=None, bias_initializer=None, name=None, dtype=None):
        super().__init__(num_units, activation=activation, reuse=reuse,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, name=name, dtype=dtype)
        self._forget_bias = forget_bias

    def build(self, inputs_shape):
        self._map = self._diagonal_map(("kernel_w", "kernel_u", "bias"),
                                       input_depth(inputs_shape), 4 * self._num_units,
                                       tf.compat.v1.zeros_initializer())

    def call(self, inputs, state):
        c, h = state
        i, j, f, o = tf.split(self._apply(self._map, inputs, tf.tile(h, [1, 4])), 4, axis=1)
        new_c = c * tf.sigmoid(f + self._forget_bias) + tf.sigmoid(i) * self._activation(j)
        new_h = self._activation(new_c) * tf.sigmoid(o)
        return new_h, LSTMStateTuple(new_c, new_h)


class SRUCell(UnitsCell):
    """The simple recurrent unit: no recurrent matrix, element-wise gates.

    Math: `x_bar, f, r, x_tx = split(x . W)`, `f, r = sigmoid([f, r] + b)`,
    `c' = f * c + (1 - f) * x_bar`, `h = r * activation(c') + (1 - r) * x_tx`;
    output `h`, state `c'`.

    Variables: `sru_cell/kernel [D, 4H]`, `sru_cell/bias [2H]` (zeros).

    Args:
        num_units: int, the number of units H (the input depth need not equal it).
        activation: Nonlinearity (default `tanh`).
        reuse, name: As in `RNNCell`.
        **kwargs: Layer arguments (`dtype`, `trainable`).

    Example:

    >>> cell = SRUCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 4])
    """

    def __init__(self, num_units, activation=None, reuse=None, name=None, **kwargs):
        super().__init__(reuse=reuse, name=name, **kwargs)
        check_supported_dtype(kwargs.get("dtype"))
        self._num_units = num_units
        self._activation = resolve_activation(activation)

    def build(self, inputs_shape):
        units = self._num_units
        self._kernel = self.add_weight("kernel", shape=[input_depth(inputs_shape), 4 * units])
        self._bias = self.add_weight("bias", shape=[2 * units],
                                     initializer=tf.compat.v1.zeros_initializer())

    def call(self, inputs, state):
        x_bar, f_intermediate, r_intermediate, x_tx = tf.split(
            tf.matmul(inputs, self._kernel), 4, axis=1)
        f, r = tf.split(tf.sigmoid(tf.nn.bias_add(
            tf.concat([f_intermediate, r_intermediate], 1), self._bias)), 2, axis=1)
        c = f * state + (1.0 - f) * x_bar
        return r * self._activation(c) + (1.0 - r) * x_tx, c
