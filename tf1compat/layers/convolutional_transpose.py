"""TF1's transposed convolutions ("deconvolutions"): `Conv2DTranspose`, `Conv3DTranspose`
and their functional forms `tf.layers.conv2d_transpose`, `conv3d_transpose`.

Variables: `conv2d_transpose/kernel`, `kernel_size + (filters, in_channels)`, and
`conv2d_transpose/bias`. Output size per spatial axis: `size * stride`, plus
`max(kernel - stride, 0)` with `padding="valid"`, as TF1 computed it.
"""

import tensorflow as tf

from tf1compat.layers._base import functional_form
from tf1compat.layers.convolutional import ZEROS, _Convolution
from tf1compat.shapes import static_dim

__all__ = ["Conv2DTranspose", "Conv3DTranspose", "conv2d_transpose", "conv3d_transpose"]


class _TransposedConvolution(_Convolution):
    """The gradient of a convolution with respect to its input ("deconvolution")."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=ZEROS, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)

    def _kernel_shape(self, depth):
        return self.kernel_size + (self.filters, depth)

    def _convolve(self, inputs, padding):
        sizes = tf.shape(inputs)
        spatial = [self._output_length(sizes[i + 1], static_dim(inputs.shape, i + 1), i)
                   for i in range(self.rank)]
        outputs = tf.nn.conv_transpose(
            inputs, self.kernel, tf.stack([sizes[0]] + [dynamic for dynamic, _ in spatial]
                                          + [self.filters]),
            strides=self.strides, padding=padding)
        outputs.set_shape([static_dim(inputs.shape, 0)] + [static for _, static in spatial]
                          + [self.filters])
        return outputs

    def _output_length(self, dynamic, static, axis):
        """(dynamic, static) output length along spatial `axis`, as TF1's Keras computed it."""
        def length(size):
            grown = size * self.strides[axis]
            if self.padding == "valid":
                grown += max(self.kernel_size[axis] - self.strides[axis], 0)
            return grown
        return length(dynamic), None if static is None else length(static)


class Conv2DTranspose(_TransposedConvolution):
    """TF1's transposed 2-D convolution, `tf.layers.Conv2DTranspose`.

    Output size per spatial axis: `size * stride`, plus `max(kernel - stride, 0)` with
    `padding="valid"`. Kernel: `kernel_size + (filters, in_channels)`.

    Args: as `Conv2D`, without `dilation_rate`.

    Example:

    >>> tf1compat.layers.Conv2DTranspose(3, 3, strides=2)(tf.ones([1, 4, 4, 8])).shape
    TensorShape([1, 9, 9, 3])
    """

    rank = 2


class Conv3DTranspose(_TransposedConvolution):
    """TF1's transposed 3-D convolution, `tf.layers.Conv3DTranspose`.

    Args: as `Conv2DTranspose` (tuples have 3 entries).

    Example:

    >>> tf1compat.layers.Conv3DTranspose(2, 2, padding="same")(tf.ones([1, 3, 3, 3, 4])).shape
    TensorShape([1, 3, 3, 3, 2])
    """

    rank = 3


conv2d_transpose = functional_form(Conv2DTranspose, "conv2d_transpose", """\
>>> with tf.Graph().as_default():
...     print(tf1compat.layers.conv2d_transpose(tf.ones([1, 4, 4, 8]), 3, 2, strides=2).shape)
(1, 8, 8, 3)""")
conv3d_transpose = functional_form(Conv3DTranspose, "conv3d_transpose", """\
>>> with tf.Graph().as_default():
...     print(tf1compat.layers.conv3d_transpose(tf.ones([1, 2, 2, 2, 4]), 3, 2, 2).shape)
(1, 4, 4, 4, 3)""")
