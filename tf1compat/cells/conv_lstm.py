"""`ConvLSTMCell` and its 1-D, 2-D and 3-D forms: contrib's convolutional LSTM (Shi et al.,
2015), whose gates are convolutions of `concat([x, h], channels)`."""

import tensorflow as tf

from tf1compat.cells.base import LSTMStateTuple, RNNCell

_CONVOLUTIONS = {1: tf.nn.conv1d, 2: tf.nn.conv2d, 3: tf.nn.conv3d}


class ConvLSTMCell(RNNCell):
    """An LSTM over `[batch, *spatial, channels]` steps with convolutional gates.

    Math: `i, j, f, o = split(conv([x, h], kernel, stride 1, SAME) + biases, channels)`,
    `c' = sigmoid(f + forget_bias) * c + sigmoid(i) * tanh(j)`,
    `h' = tanh(c') * sigmoid(o)`; with `skip_connection` the output (and, as in TF 1.15,
    the state's `h`, which then no longer matches `state_size`: one step at a time only)
    is `concat([h', x], channels)`.

    Variables (in `conv_lstm_cell/`, or the `name` given): `kernel [*kernel_shape,
    C_in + C_out, 4 C_out]` and `biases [4 C_out]` (zeros; with `use_bias`).

    Args:
        conv_ndims: Convolution dimensionality, 1, 2 or 3.
        input_shape: Shape of one step's input without the batch, `[*spatial, C_in]`.
        output_channels: int, C_out.
        kernel_shape: Shape of the convolution window (`conv_ndims` ints).
        use_bias: Whether to add `biases` (default True).
        skip_connection: Concatenate the inputs to the outputs (default False).
        forget_bias: float added to the forget gate at run time (default 1.0).
        initializers: Unused, as in TF 1.15.
        name: Scope name of the variables.

    Raises:
        ValueError: `input_shape` does not have `conv_ndims + 1` entries.

    Example:

    >>> cell = Conv2DLSTMCell(input_shape=[5, 5, 2], output_channels=3, kernel_shape=[3, 3])
    >>> out, state = cell(tf.ones([4, 5, 5, 2]), cell.zero_state(4, tf.float32))
    >>> out.shape, cell.tf1_variable_names["conv_2d_lstm_cell/kernel"].shape
    (TensorShape([4, 5, 5, 3]), TensorShape([3, 3, 5, 12]))
    """

    def __init__(self, conv_ndims, input_shape, output_channels, kernel_shape, use_bias=True,
                 skip_connection=False, forget_bias=1.0, initializers=None,
                 name="conv_lstm_cell"):
        super().__init__(name=name)
        if conv_ndims not in _CONVOLUTIONS or conv_ndims != len(input_shape) - 1:
            raise ValueError(f"Invalid input_shape {input_shape} for conv_ndims={conv_ndims}. "
                             f"Received: input_shape={input_shape}, conv_ndims={conv_ndims}")
        self._conv_ndims = conv_ndims
        self._input_shape = list(input_shape)
        self._output_channels = output_channels
        self._kernel_shape = list(kernel_shape)
        self._use_bias = use_bias
        self._skip_connection = skip_connection
        self._forget_bias = forget_bias

    @property
    def state_size(self):
        size = tf.TensorShape(self._input_shape[:-1] + [self._output_channels])
        return LSTMStateTuple(size, size)

    @property
    def output_size(self):
        channels = self._output_channels + (self._input_shape[-1] if self._skip_connection else 0)
        return tf.TensorShape(self._input_shape[:-1] + [channels])

    def build(self, inputs_shape):
        in_channels = tf.compat.dimension_value(tf.TensorShape(inputs_shape)[-1])
        depth = in_channels + self._output_channels
        self._kernel = self.add_weight(
            "kernel", shape=self._kernel_shape + [depth, 4 * self._output_channels])
        self._biases = (self.add_weight("biases", shape=[4 * self._output_channels],
                                        initializer=tf.compat.v1.zeros_initializer())
                        if self._use_bias else None)

    def call(self, inputs, state):
        cell, hidden = state
        rank = self._conv_ndims + 2
        convolve = _CONVOLUTIONS[self._conv_ndims]
        strides = 1 if self._conv_ndims == 1 else [1] * rank
        gates = convolve(tf.concat([inputs, hidden], axis=rank - 1), self._kernel, strides,
                         padding="SAME")
        if self._biases is not None:
            gates = gates + self._biases
        input_gate, new_input, forget_gate, output_gate = tf.split(gates, 4, axis=rank - 1)
        new_cell = tf.sigmoid(forget_gate + self._forget_bias) * cell
        new_cell += tf.sigmoid(input_gate) * tf.tanh(new_input)
        output = tf.tanh(new_cell) * tf.sigmoid(output_gate)
        if self._skip_connection:
            output = tf.concat([output, inputs], axis=-1)
        return output, LSTMStateTuple(new_cell, output)


class Conv1DLSTMCell(ConvLSTMCell):
    """`ConvLSTMCell` over `[batch, width, channels]` steps; variables in `conv_1d_lstm_cell/`.

    Takes `ConvLSTMCell`'s arguments but `conv_ndims`.
    """

    def __init__(self, name="conv_1d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=1, name=name, **kwargs)


class Conv2DLSTMCell(ConvLSTMCell):
    """`ConvLSTMCell` over `[batch, height, width, channels]` steps; variables in
    `conv_2d_lstm_cell/`. Takes `ConvLSTMCell`'s arguments but `conv_ndims`."""

    def __init__(self, name="conv_2d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=2, name=name, **kwargs)


class Conv3DLSTMCell(ConvLSTMCell):
    """`ConvLSTMCell` over `[batch, depth, height, width, channels]` steps; variables in
    `conv_3d_lstm_cell/`. Takes `ConvLSTMCell`'s arguments but `conv_ndims`."""

    def __init__(self, name="conv_3d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=3, name=name, **kwargs)
