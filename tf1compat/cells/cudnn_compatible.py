"""`CudnnCompatibleLSTMCell` and `CudnnCompatibleGRUCell`: the cells that compute what
`tf.contrib.cudnn_rnn`'s cuDNN layers compute, on any device, with their checkpoint names."""

import tensorflow as tf

from tf1compat.cells.base import UnitsCell
from tf1compat.cells.lstm import LSTMBlockCell
from tf1compat.cells.projection import ProjectedInputsMixin
from tf1compat.options import check_supported_dtype, input_depth


class CudnnCompatibleLSTMCell(LSTMBlockCell):
    """The LSTM cell whose weights are those of a `CudnnLSTM` layer, as TF1's contrib cell.

    `LSTMBlockCell` with `forget_bias=0` (cuDNN adds none) and TF1's scope name: its
    variables are `cudnn_compatible_lstm_cell/kernel [D + H, 4H]` (gates i, j, f, o) and
    `cudnn_compatible_lstm_cell/bias [4H]`. Inside `MultiRNNCell` under `dynamic_rnn`
    (`rnn/multi_rnn_cell/cell_{i}/cudnn_compatible_lstm_cell/...`) they are the names a
    `CudnnLSTM` checkpoint stores its weights under, so either restores the other's.

    Args:
        num_units: int, the number of units H.
        reuse: As in `RNNCell`.

    Example:

    >>> cell = CudnnCompatibleLSTMCell(4)
    >>> outputs, state = tf1compat.nn.dynamic_rnn(cell, tf.ones([2, 3, 5]), dtype=tf.float32)
    >>> sorted(cell.tf1_variable_names)
    ['rnn/cudnn_compatible_lstm_cell/bias', 'rnn/cudnn_compatible_lstm_cell/kernel']
    """

    def __init__(self, num_units, reuse=None):
        super().__init__(num_units, forget_bias=0, cell_clip=None, use_peephole=False,
                         reuse=reuse, name="cudnn_compatible_lstm_cell")


class CudnnCompatibleGRUCell(ProjectedInputsMixin, UnitsCell):
    """The GRU cell whose weights are those of a `CudnnGRU` layer, as TF1's contrib cell.

    cuDNN's GRU applies the reset gate after the hidden projection, where `GRUCell`
    applies it before (so, unlike TF1's, this cell is no `GRUCell` subclass):
    `r, u = sigmoid(W_g . [x, h] + b_g)`, `c = tanh(x . W_i + b_i + r * (h . W_h + b_h))`,
    `h' = u * h + (1 - u) * c`. Keras 3's `GRUCell(reset_after=True)` computes the same.

    Variables (scope `cudnn_compatible_gru_cell`): `gates/kernel [D + H, 2H]`,
    `gates/bias [2H]` (initialised to 1.0), `candidate/input_projection/kernel [D, H]`,
    `candidate/hidden_projection/kernel [H, H]`, `candidate/input_projection/bias [H]`,
    `candidate/hidden_projection/bias [H]` (both initialised to 0.0).

    Args:
        num_units: int, the number of units H.
        reuse: As in `RNNCell`.
        kernel_initializer: Initializer of the three kernels.

    Example:

    >>> cell = CudnnCompatibleGRUCell(4)
    >>> outputs, state = tf1compat.nn.dynamic_rnn(cell, tf.ones([2, 3, 5]), dtype=tf.float32)
    >>> outputs.shape, state.shape
    (TensorShape([2, 3, 4]), TensorShape([2, 4]))
    """

    def __init__(self, num_units, reuse=None, kernel_initializer=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._kernel_initializer = kernel_initializer

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        units, initializer = self._num_units, self._kernel_initializer
        zeros = tf.compat.v1.zeros_initializer()
        # TF1's creation order (it decides the draws of seeded initializers).
        self._gate_kernel = self.add_weight("gates/kernel", shape=[depth + units, 2 * units],
                                            initializer=initializer)
        self._gate_bias = self.add_weight("gates/bias", shape=[2 * units],
                                          initializer=tf.compat.v1.constant_initializer(1.0))
        self._input_kernel = self.add_weight("candidate/input_projection/kernel",
                                             shape=[depth, units], initializer=initializer)
        self._hidden_kernel = self.add_weight("candidate/hidden_projection/kernel",
                                              shape=[units, units], initializer=initializer)
        self._input_bias = self.add_weight("candidate/input_projection/bias", shape=[units],
                                           initializer=zeros)
        self._hidden_bias = self.add_weight("candidate/hidden_projection/bias", shape=[units],
                                            initializer=zeros)
        self._depth = depth

    def _kernels(self):
        # The input projection is a map of the inputs alone: its `h` part is empty.
        return [(self._gate_kernel, self._gate_bias), (self._input_kernel, self._input_bias)]

    def _hidden_projection(self):
        """`(kernel, bias)` of the hidden state's projection, which the reset gate scales."""
        return self._hidden_kernel, self._hidden_bias

    def _step(self, state, affine):
        r, u = tf.split(tf.sigmoid(affine(0, state)), 2, axis=1)
        hidden_kernel, hidden_bias = self._hidden_projection()
        hidden = tf.nn.bias_add(tf.matmul(state, hidden_kernel), hidden_bias)
        candidate = tf.tanh(affine(1, state[:, :0]) + r * hidden)
        new_h = (1 - u) * candidate + u * state
        return new_h, new_h
