"""`UGRNNCell` and `IntersectionRNNCell`: the cells of Collins et al., "Capacity and
Trainability in Recurrent Neural Networks" (ICLR 2017), as contrib.rnn had them."""

import tensorflow as tf

from tf1compat.cells._contrib_helpers import linear, linear_weights
from tf1compat.cells.base import UnitsCell
from tf1compat.cells.projection import ProjectedInputsMixin
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation


class UGRNNCell(ProjectedInputsMixin, UnitsCell):
    """The update-gate RNN: one gate between integrating and computing afresh.

    Math: `g_act, c_act = split(W . [x, h] + b)`, `c = activation(c_act)`,
    `g = sigmoid(g_act + forget_bias)`, `h' = g * h + (1 - g) * c`; output = new state.

    Variables: `ugrnn_cell/kernel [D + H, 2H]`, `ugrnn_cell/bias [2H]` (zeros).

    Args:
        num_units: int, the number of units H.
        initializer: Initializer of the kernel (default: the variable scope's, else
            Glorot uniform).
        forget_bias: float added to the gate at run time (default 1.0).
        activation: Candidate activation (default `tanh`).
        reuse: As in `RNNCell`.

    Example:

    >>> cell = UGRNNCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 4])
    """

    def __init__(self, num_units, initializer=None, forget_bias=1.0, activation=None, reuse=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._activation = resolve_activation(activation)

    def build(self, inputs_shape):
        self._depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        self._gates = linear_weights(self, "", self._depth + self._num_units,
                                       2 * self._num_units, initializer=self._initializer)

    def _kernels(self):
        return [self._gates]

    def _step(self, state, affine):
        g_act, c_act = tf.split(affine(0, state), 2, axis=1)
        g = tf.sigmoid(g_act + self._forget_bias)
        new_state = g * state + (1.0 - g) * self._activation(c_act)
        return new_state, new_state


class IntersectionRNNCell(UnitsCell):
    """The +RNN: coupled gates through time (the state) and through depth (the output).

    Math: `gh, h, gy, y = split(W . [x, s] + b)` (each H wide),
    `s' = sigmoid(gh + forget_bias) * s + (1 - sigmoid(gh + forget_bias)) * tanh(h)`,
    `y' = sigmoid(gy + forget_bias) * x + (1 - sigmoid(gy + forget_bias)) * y_activation(y)`;
    output `y'`, state `s'`. The inputs must be H wide, or are first projected to H
    (`in_projection/kernel`, `in_projection/bias`) when `num_in_proj` is given.

    Variables: `intersection_rnn_cell/kernel [2H, 4H]`, `intersection_rnn_cell/bias [4H]`,
    and `intersection_rnn_cell/in_projection/kernel [D, H]` and `/bias [H]` if the inputs
    are projected.

    Args:
        num_units: int, the number of units H.
        num_in_proj: Set (TF1 expects `num_units`) to project inputs that are not H wide.
        initializer: Initializer of the kernels.
        forget_bias: float added to both gates at run time (default 1.0).
        y_activation: Activation of the depth output (default `relu`).
        reuse: As in `RNNCell`.

    Raises:
        ValueError: at the first call, inputs not H wide and no `num_in_proj`.

    Example:

    >>> cell = IntersectionRNNCell(4, num_in_proj=4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape, state.shape
    (TensorShape([2, 4]), TensorShape([2, 4]))
    """

    def __init__(self, num_units, num_in_proj=None, initializer=None, forget_bias=1.0,
                 y_activation=None, reuse=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._num_input_proj = num_in_proj
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._y_activation = resolve_activation(y_activation, default=tf.nn.relu)

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        units = self._num_units
        self._in_projection = None
        if depth != units:
            if not self._num_input_proj:
                raise ValueError(
                    "Must have input size == output size for Intersection RNN. To fix, "
                    "num_in_proj should be set to num_units at cell init. Received: "
                    f"input depth {depth}, num_units={units}, num_in_proj={self._num_input_proj}")
            self._in_projection = linear_weights(self, "in_projection", depth, units,
                                                 initializer=self._initializer)
        self._recurrent = linear_weights(self, "", 2 * units, 4 * units,
                                       initializer=self._initializer)

    def call(self, inputs, state):
        if self._in_projection is not None:
            inputs = linear([inputs], self._in_projection)
        gates = linear([inputs, state], self._recurrent)
        gh_act, h_act, gy_act, y_act = tf.split(gates, 4, axis=1)
        gh = tf.sigmoid(gh_act + self._forget_bias)
        gy = tf.sigmoid(gy_act + self._forget_bias)
        new_state = gh * state + (1.0 - gh) * tf.tanh(h_act)
        new_y = gy * inputs + (1.0 - gy) * self._y_activation(y_act)
        return new_y, new_state
