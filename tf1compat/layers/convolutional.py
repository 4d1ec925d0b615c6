"""TF1's convolution layers: `Conv1D/2D/3D`, `SeparableConv1D/2D` and their functional
forms (`tf.layers.conv2d`, ...); the transposed ones are in `convolutional_transpose`.

Variables are TF1's: `conv2d/kernel` (`kernel_size + (in_channels, filters)`),
`conv2d/bias`; separable layers
`separable_conv2d/depthwise_kernel`, `.../pointwise_kernel`, `.../bias`. `channels_first`
inputs are computed channels-last (TensorFlow's CPU kernels support nothing else) and
transposed back: the same numbers as TF1's channels-first kernels.
"""

import tensorflow as tf

from tf1compat.layers._base import (Layer, channels, from_channels_last, functional_form,
                                    normalize_choice, normalize_data_format, normalize_tuple,
                                    to_channels_last)
from tf1compat.options import resolve_activation

__all__ = ["Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "conv1d",
           "conv2d", "conv3d", "separable_conv1d", "separable_conv2d"]

ZEROS = tf.compat.v1.zeros_initializer()


class _Convolution(Layer):
    """A convolution over `rank` spatial dimensions (subclasses set `rank`).

    Args: see `Conv2D`; 1-D layers also take `padding="causal"`.
    """

    rank = None

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=ZEROS, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, trainable=trainable,
                         name=name, **kwargs)
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, self.rank, "kernel_size")
        self.strides = normalize_tuple(strides, self.rank, "strides")
        paddings = ("valid", "same", "causal") if self.rank == 1 else ("valid", "same")
        self.padding = normalize_choice(padding, "padding", paddings)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, self.rank, "dilation_rate")
        self.activation = resolve_activation(activation, default=None)
        self.use_bias = use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self.kernel_regularizer, self.bias_regularizer = kernel_regularizer, bias_regularizer
        self.kernel_constraint, self.bias_constraint = kernel_constraint, bias_constraint

    def _kernel_shape(self, depth):
        return self.kernel_size + (depth, self.filters)

    def build(self, inputs_shape):
        depth = channels(inputs_shape, self.data_format, self.rank, type(self).__name__)
        self.kernel = self.add_weight(
            "kernel", shape=self._kernel_shape(depth), initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self._build_bias()

    def _build_bias(self):
        self.bias = self.add_weight(
            "bias", shape=(self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer,
            constraint=self.bias_constraint) if self.use_bias else None

    def call(self, inputs):
        inputs = to_channels_last(tf.convert_to_tensor(inputs), self.data_format)
        if self.padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            inputs = tf.pad(inputs, [[0, 0], [left, 0], [0, 0]])
        outputs = self._convolve(inputs, "VALID" if self.padding == "causal" else
                                 self.padding.upper())
        if self.bias is not None:
            outputs = tf.nn.bias_add(outputs, self.bias)
        outputs = from_channels_last(outputs, self.data_format)
        return self.activation(outputs) if self.activation is not None else outputs

    def _convolve(self, inputs, padding):
        return tf.nn.convolution(inputs, self.kernel, strides=self.strides, padding=padding,
                                 dilations=self.dilation_rate)


class Conv1D(_Convolution):
    """TF1's 1-D convolution layer (temporal convolution), `tf.layers.Conv1D`.

    Args: see `Conv2D` (tuples have 1 entry; `padding` may also be `"causal"`).

    Example:

    >>> layer = tf1compat.layers.Conv1D(4, 3, padding="same", dilation_rate=2)
    >>> layer(tf.ones([2, 10, 3])).shape
    TensorShape([2, 10, 4])
    """

    rank = 1


class Conv2D(_Convolution):
    """TF1's 2-D convolution layer, `tf.layers.Conv2D`: `activation(conv(inputs, kernel) + bias)`.

    Args:
        filters: int, number of output channels.
        kernel_size: int or tuple of 2 ints.
        strides: int or tuple of 2 ints (strides > 1 exclude dilation > 1).
        padding: `"valid"` or `"same"` (any case).
        data_format: `"channels_last"` (`[batch, height, width, channels]`, default) or
            `"channels_first"` (`[batch, channels, height, width]`).
        dilation_rate: int or tuple of 2 ints.
        activation: Callable or name, or `None` for linear.
        use_bias: Whether to add a bias.
        kernel_initializer: Default: the variable scope's, else Glorot uniform.
        bias_initializer: Default: zeros.
        kernel_regularizer, bias_regularizer: Optional callables `variable -> loss`.
        activity_regularizer: Optional callable `outputs -> loss` (divided by the batch size).
        kernel_constraint, bias_constraint: Optional projections applied by optimizers.
        trainable, name: As in `TF1Layer` (also `dtype`, `reuse`).

    Example:

    >>> layer = tf1compat.layers.Conv2D(8, 3, strides=2, activation=tf.nn.relu)
    >>> layer(tf.ones([2, 9, 9, 3])).shape
    TensorShape([2, 4, 4, 8])
    >>> list(layer.tf1_variable_names)
    ['conv2d/kernel', 'conv2d/bias']
    """

    rank = 2


class Conv3D(_Convolution):
    """TF1's 3-D convolution layer, `tf.layers.Conv3D`.

    Args: see `Conv2D` (tuples have 3 entries).

    Example:

    >>> tf1compat.layers.Conv3D(2, 2)(tf.ones([1, 4, 4, 4, 3])).shape
    TensorShape([1, 3, 3, 3, 2])
    """

    rank = 3


class _SeparableConvolution(_Convolution):
    """A depthwise convolution (`depth_multiplier` filters per input channel), then a 1x1 one."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=ZEROS, depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, trainable=trainable, name=name,
                         **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer, self.pointwise_initializer = (depthwise_initializer,
                                                                  pointwise_initializer)
        self.depthwise_regularizer, self.pointwise_regularizer = (depthwise_regularizer,
                                                                  pointwise_regularizer)
        self.depthwise_constraint, self.pointwise_constraint = (depthwise_constraint,
                                                                pointwise_constraint)

    def build(self, inputs_shape):
        depth = channels(inputs_shape, self.data_format, self.rank, type(self).__name__)
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=self.kernel_size + (depth, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel", shape=(1,) * self.rank + (depth * self.depth_multiplier,
                                                          self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self._build_bias()

    def _convolve(self, inputs, padding):
        depthwise, pointwise = self.depthwise_kernel, self.pointwise_kernel
        strides, rate = self.strides, self.dilation_rate
        if self.rank == 1:  # as TF1: a 2-D convolution over a height of 1
            inputs = tf.expand_dims(inputs, 1)
            depthwise, pointwise = tf.expand_dims(depthwise, 0), tf.expand_dims(pointwise, 0)
            strides, rate = strides * 2, (1,) + rate
        outputs = tf.nn.separable_conv2d(inputs, depthwise, pointwise, (1,) + strides + (1,),
                                         padding, dilations=rate)
        return tf.squeeze(outputs, [1]) if self.rank == 1 else outputs


class SeparableConv1D(_SeparableConvolution):
    """TF1's depthwise-separable 1-D convolution, `tf.layers.SeparableConv1D`.

    Args: see `SeparableConv2D` (tuples have 1 entry; `padding` may also be `"causal"`).

    Example:

    >>> tf1compat.layers.SeparableConv1D(4, 3, depth_multiplier=2)(tf.ones([2, 8, 3])).shape
    TensorShape([2, 6, 4])
    """

    rank = 1


class SeparableConv2D(_SeparableConvolution):
    """TF1's depthwise-separable 2-D convolution, `tf.layers.SeparableConv2D`.

    Args:
        filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
            use_bias, bias_*, activity_regularizer, trainable, name: As in `Conv2D`.
        depth_multiplier: Depthwise filters per input channel.
        depthwise_initializer, pointwise_initializer: Default: the variable scope's, else
            Glorot uniform.
        depthwise_regularizer, pointwise_regularizer: Optional callables `variable -> loss`.
        depthwise_constraint, pointwise_constraint: Optional projections applied by optimizers.

    Example:

    >>> layer = tf1compat.layers.SeparableConv2D(4, 3, padding="same")
    >>> layer(tf.ones([1, 5, 5, 3])).shape
    TensorShape([1, 5, 5, 4])
    >>> list(layer.tf1_variable_names)
    ['separable_conv2d/depthwise_kernel', 'separable_conv2d/pointwise_kernel', \
'separable_conv2d/bias']
    """

    rank = 2


conv1d = functional_form(Conv1D, "conv1d", """\
>>> with tf.Graph().as_default():
...     y = tf1compat.layers.conv1d(tf.ones([2, 10, 3]), 4, 3)
...     y2 = tf1compat.layers.conv1d(y, 4, 3)
...     print([v.op.name for v in tf.compat.v1.global_variables()])
['conv1d/kernel', 'conv1d/bias', 'conv1d_1/kernel', 'conv1d_1/bias']""")
conv2d = functional_form(Conv2D, "conv2d", """\
>>> with tf.Graph().as_default():
...     x = tf.ones([2, 8, 8, 3])
...     y = tf1compat.layers.conv2d(x, 4, 3, name="stem")
...     shared = tf1compat.layers.conv2d(x, 4, 3, name="stem", reuse=True)
...     print(y.shape, len(tf.compat.v1.global_variables()))
(2, 6, 6, 4) 2""")
conv3d = functional_form(Conv3D, "conv3d", """\
>>> with tf.Graph().as_default():
...     print(tf1compat.layers.conv3d(tf.ones([1, 4, 4, 4, 1]), 2, 3).shape)
(1, 2, 2, 2, 2)""")
separable_conv1d = functional_form(SeparableConv1D, "separable_conv1d", """\
>>> with tf.Graph().as_default():
...     print(tf1compat.layers.separable_conv1d(tf.ones([2, 8, 3]), 4, 3).shape)
(2, 6, 4)""")
separable_conv2d = functional_form(SeparableConv2D, "separable_conv2d", """\
>>> with tf.Graph().as_default():
...     print(tf1compat.layers.separable_conv2d(tf.ones([1, 5, 5, 3]), 4, 3).shape)
(1, 3, 3, 4)""")
