"""`BasicRNNCell`: the TF1 vanilla RNN cell."""

import tensorflow as tf

from tf1compat.cells.base import UnitsCell
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation
from tf1compat.cells.projection import ProjectedInputsMixin


class BasicRNNCell(ProjectedInputsMixin, UnitsCell):
    """The most basic RNN cell: `h' = activation(W . [x, h] + b)`, output = new state.

    Variables: `basic_rnn_cell/kernel [D + H, H]`, `basic_rnn_cell/bias [H]`.

    Args:
        num_units: int, the number of units H.
        activation: Nonlinearity (callable or name). Default: `tanh`.
        reuse, name, dtype: As in `RNNCell`.

    Example:

    >>> cell = BasicRNNCell(5)
    >>> output, state = cell(tf.ones([4, 3]), cell.zero_state(4, tf.float32))
    >>> output.shape
    TensorShape([4, 5])
    """

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        check_supported_dtype(dtype)
        self._num_units = num_units
        self._activation = resolve_activation(activation)

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        self._kernel = self.add_weight("kernel", shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_weight(
            "bias", shape=[self._num_units], initializer=tf.compat.v1.zeros_initializer())
        self._depth = depth

    def _kernels(self):
        return [(self._kernel, self._bias)]

    def _step(self, state, affine):
        output = self._activation(affine(0, state))
        return output, output
