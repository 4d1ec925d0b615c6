"""`GLSTMCell`: contrib's group LSTM (Kuchaiev & Ginsburg, "Factorization Tricks for LSTM
Networks", 2017)."""

import tensorflow as tf

from tf1compat.cells._contrib_helpers import linear, linear_weights
from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation

_GATES = ("i", "j", "f", "o")


class GLSTMCell(LSTMStateCell):
    """An LSTM split into `number_of_groups` independent sub-LSTMs.

    Group `g` sees slice `g` of the inputs and of the previous output `m`, and computes
    slice `g` of each gate (order i, j, f, o) with its own kernel and no bias; the gates
    are concatenated and get one bias each. Then `c' = sigmoid(f + forget_bias) * c +
    sigmoid(i) * tanh(j)`, `m' = sigmoid(o) * activation(c')`, and `m' . P` with `num_proj`.

    Variables (in `glstm_cell/`): `group{g}/kernel [D/G + P/G, 4H/G]`, `bias_i`, `bias_j`,
    `bias_f`, `bias_o [H]` (zeros), `projection/kernel [H, P]`, where `P = num_proj or H`.

    Args:
        num_units: int, the number of units H, divisible by `number_of_groups`.
        initializer: Initializer of the group kernels (the projection takes the variable
            scope's, as in TF 1.15).
        num_proj: Optional int, the size P of the output projection, divisible by
            `number_of_groups`.
        number_of_groups: int, G (1 is an LSTM with separate biases).
        forget_bias: float added to the forget gate at run time (default 1.0).
        activation: Activation of the output (default `tanh`; `j` always uses `tanh`).
        reuse: As in `RNNCell`.

    Raises:
        ValueError: `num_units` or `num_proj` not divisible by `number_of_groups`; at the
            first call, an input depth not divisible by it.

    Example:

    >>> cell = GLSTMCell(8, number_of_groups=2, num_proj=4)
    >>> out, state = cell(tf.ones([3, 6]), cell.zero_state(3, tf.float32))
    >>> out.shape, cell.tf1_variable_names["glstm_cell/group1/kernel"].shape
    (TensorShape([3, 4]), TensorShape([5, 16]))
    """

    def __init__(self, num_units, initializer=None, num_proj=None, number_of_groups=1,
                 forget_bias=1.0, activation=None, reuse=None):
        super().__init__(reuse=reuse)
        if num_units % number_of_groups != 0:
            raise ValueError("num_units must be divisible by number_of_groups. Received: "
                             f"num_units={num_units}, number_of_groups={number_of_groups}")
        if num_proj and num_proj % number_of_groups != 0:
            raise ValueError("num_proj must be divisible by number_of_groups. Received: "
                             f"num_proj={num_proj}, number_of_groups={number_of_groups}")
        self._num_units = num_units
        self._initializer = initializer
        self._num_proj = num_proj
        self._number_of_groups = number_of_groups
        self._forget_bias = forget_bias
        self._activation = resolve_activation(activation)

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        groups = self._number_of_groups
        if depth % groups != 0:
            raise ValueError(f"input size ({depth}) must be divisible by number_of_groups "
                             f"({groups}). Received: inputs of depth {depth}")
        self._input_group = depth // groups
        self._output_group = self._output_depth // groups
        units = self._num_units // groups
        self._groups = [
            linear_weights(self, f"group{g}", self._input_group + self._output_group, 4 * units,
                           bias=False, initializer=self._initializer)
            for g in range(groups)]
        self._biases = [self.add_weight(f"bias_{gate}", shape=[self._num_units],
                                        initializer=tf.compat.v1.zeros_initializer())
                        for gate in _GATES]
        self._projection = (linear_weights(self, "projection", self._num_units, self._num_proj,
                                           bias=False)
                            if self._num_proj is not None else None)

    def call(self, inputs, state):
        c_prev, m_prev = state
        parts = [[] for _ in _GATES]
        for g, weights in enumerate(self._groups):
            x_g = inputs[:, g * self._input_group:(g + 1) * self._input_group]
            m_g = m_prev[:, g * self._output_group:(g + 1) * self._output_group]
            for part, gate in zip(parts, tf.split(linear([tf.concat([x_g, m_g], 1)], weights),
                                                  4, axis=1)):
                part.append(gate)
        i, j, f, o = (tf.nn.bias_add(tf.concat(part, 1), bias)
                      for part, bias in zip(parts, self._biases))
        c = tf.sigmoid(f + self._forget_bias) * c_prev + tf.sigmoid(i) * tf.tanh(j)
        m = tf.sigmoid(o) * self._activation(c)
        if self._projection is not None:
            m = linear([m], self._projection)
        return m, LSTMStateTuple(c, m)
