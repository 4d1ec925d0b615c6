"""`NASCell`: contrib's cell found by Neural Architecture Search (Zoph & Le, 2017)."""

import tensorflow as tf

from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.options import check_supported_dtype, input_depth

_BRANCHES = 8  # the NAS cell splits both projections into 8 branches


class NASCell(LSTMStateCell):
    """contrib.rnn's NAS cell, with an optional output projection, as TF 1.15 ran it.

    Math: `x . kernel` and `h . recurrent_kernel (+ bias)` are each split into 8 branches
    `x_k`, `h_k`; layer 1 is `sigmoid(x0 + h0)`, `relu(x1 + h1)`, `sigmoid(x2 + h2)`,
    `relu(x3 * h3)`, `tanh(x4 + h4)`, `sigmoid(x5 + h5)`, `tanh(x6 + h6)`,
    `sigmoid(x7 + h7)`; layer 2 combines them pairwise (`tanh(l0 * l1)`, `tanh(l2 + l3)`,
    `tanh(l4 * l5)`, `sigmoid(l6 + l7)`), the memory enters as `tanh(l2_0 + c)`, and
    `c' = tanh(l2_0 + c) * l2_1`, `h' = tanh(c' * tanh(l2_2 + l2_3))`, then `h' . P`.

    Variables: `nas_cell/kernel [D, 8H]`, `nas_cell/recurrent_kernel [P, 8H]`,
    `nas_cell/bias [8H]` (zeros; with `use_bias`), `nas_cell/projection_weights [H, P]`
    (with `num_proj`), where `P = num_proj or H`.

    Args:
        num_units: int, the number of units H.
        num_proj: Optional int, the size P of the output projection.
        use_bias: Whether the recurrent projection adds a bias (default False).
        reuse, name, dtype: As in `RNNCell`.

    Example:

    >>> cell = NASCell(4, num_proj=2, use_bias=True)
    >>> out, state = cell(tf.ones([3, 5]), cell.zero_state(3, tf.float32))
    >>> out.shape, state.c.shape
    (TensorShape([3, 2]), TensorShape([3, 4]))
    """

    def __init__(self, num_units, num_proj=None, use_bias=False, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        check_supported_dtype(dtype)
        self._num_units = num_units
        self._num_proj = num_proj
        self._use_bias = use_bias

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        width = _BRANCHES * self._num_units
        self.recurrent_kernel = self.add_weight(
            "recurrent_kernel", shape=[self._output_depth, width])
        self.kernel = self.add_weight("kernel", shape=[depth, width])
        self.bias = (self.add_weight("bias", shape=[width],
                                     initializer=tf.compat.v1.zeros_initializer())
                     if self._use_bias else None)
        self.projection_weights = (
            self.add_weight("projection_weights", shape=[self._num_units, self._num_proj])
            if self._num_proj is not None else None)

    def call(self, inputs, state):
        c_prev, m_prev = state
        m_matrix = tf.matmul(m_prev, self.recurrent_kernel)
        inputs_matrix = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            m_matrix = tf.nn.bias_add(m_matrix, self.bias)
        x = tf.split(inputs_matrix, _BRANCHES, axis=1)
        h = tf.split(m_matrix, _BRANCHES, axis=1)
        layer1 = [tf.sigmoid(x[0] + h[0]), tf.nn.relu(x[1] + h[1]), tf.sigmoid(x[2] + h[2]),
                  tf.nn.relu(x[3] * h[3]), tf.tanh(x[4] + h[4]), tf.sigmoid(x[5] + h[5]),
                  tf.tanh(x[6] + h[6]), tf.sigmoid(x[7] + h[7])]
        with_memory = tf.tanh(tf.tanh(layer1[0] * layer1[1]) + c_prev)
        new_c = with_memory * tf.tanh(layer1[2] + layer1[3])
        second = tf.tanh(tf.tanh(layer1[4] * layer1[5]) + tf.sigmoid(layer1[6] + layer1[7]))
        new_m = tf.tanh(new_c * second)
        if self.projection_weights is not None:
            new_m = tf.matmul(new_m, self.projection_weights)
        return new_m, LSTMStateTuple(new_c, new_m)
