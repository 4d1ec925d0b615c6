"""TF1's core layers: `Dense` / `dense`, `Dropout` / `dropout`, `Flatten` / `flatten`.

They sit next to RNNs in nearly every TF1 model and are as broken on Keras 3
(`tf.compat.v1.layers.dense` raises). Variables are TF1's (`dense/kernel`,
`dense/bias`, uniquified `dense_1/...`), created as described in `TF1Layer`.
"""

import numpy as np
import tensorflow as tf

from tf1compat.layers._base import (Layer, functional_form, normalize_data_format,
                                    static_training)
from tf1compat.options import resolve_activation
from tf1compat.shapes import static_dim

__all__ = ["Dense", "dense", "Dropout", "dropout", "Flatten", "flatten"]


class Dense(Layer):
    """TF1's densely-connected layer: `outputs = activation(inputs . kernel + bias)`.

    Inputs of rank > 2 are multiplied along their last axis.

    Args:
        units: int, output size.
        activation: Callable or name, or `None` for linear.
        use_bias: Whether to add a bias.
        kernel_initializer: Default: the variable scope's, else Glorot uniform.
        bias_initializer: Default: zeros (`None`: as `kernel_initializer`, as in TF1).
        kernel_regularizer, bias_regularizer: Optional callables `variable -> loss`.
        activity_regularizer: Optional callable `outputs -> loss` (divided by the batch size).
        kernel_constraint, bias_constraint: Optional projections applied by optimizers.
        trainable, name, dtype, reuse: As in `TF1Layer`.

    Example:

    >>> layer = tf1compat.layers.Dense(3, activation=tf.nn.relu)
    >>> layer(tf.ones([2, 5, 4])).shape
    TensorShape([2, 5, 3])
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=tf.compat.v1.zeros_initializer(), kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, trainable=trainable,
                         name=name, **kwargs)
        self.units = units
        self._activation = resolve_activation(activation, default=None)
        self._use_bias = use_bias
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer
        self._kernel_regularizer = kernel_regularizer
        self._bias_regularizer = bias_regularizer
        self._kernel_constraint = kernel_constraint
        self._bias_constraint = bias_constraint

    def build(self, inputs_shape):
        depth = static_dim(inputs_shape, -1)
        if depth is None:
            raise ValueError("The last dimension of the inputs to `Dense` must be known. "
                             f"Received: inputs.shape={tf.TensorShape(inputs_shape)}")
        self.kernel = self.add_weight("kernel", shape=[depth, self.units],
                                      initializer=self._kernel_initializer,
                                      regularizer=self._kernel_regularizer,
                                      constraint=self._kernel_constraint)
        self.bias = self.add_weight(
            "bias", shape=[self.units], initializer=self._bias_initializer,
            regularizer=self._bias_regularizer,
            constraint=self._bias_constraint) if self._use_bias else None

    def compute_output_shape(self, input_shape):
        """`input_shape` with its last dimension replaced by `units`."""
        return tf.TensorShape(input_shape)[:-1].concatenate([self.units])

    def call(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        if inputs.shape.rank == 2:
            outputs = tf.matmul(inputs, self.kernel)
        else:
            outputs = tf.tensordot(inputs, self.kernel, [[inputs.shape.rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([self.units]))
        if self.bias is not None:
            outputs = tf.nn.bias_add(outputs, self.bias)
        return self._activation(outputs) if self._activation is not None else outputs


class Dropout(Layer):
    """TF1's dropout layer: `tf.nn.dropout` when called with `training=True`, else the identity.

    Args:
        rate: Fraction of the units dropped (not a keep probability).
        noise_shape: Optional shape of the keep/drop mask; `None` entries take the
            inputs' size.
        seed: Optional int seed (with `tf.compat.v1.set_random_seed`, the same mask as TF1).
        name: Optional name.

    Call arguments:
        inputs: A tensor.
        training: Python bool or a boolean tensor; default `False`, as in TF1.

    Example:

    >>> layer = tf1compat.layers.Dropout(0.5)
    >>> layer(tf.ones([2, 3])).numpy()  # training=False: the identity
    array([[1., 1., 1.],
           [1., 1., 1.]], dtype=float32)
    """

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):
        inputs = tf.convert_to_tensor(inputs)

        def dropped():
            noise_shape = self.noise_shape
            if noise_shape is not None:
                sizes = tf.shape(inputs)
                noise_shape = tf.stack([sizes[i] if size is None else size
                                        for i, size in enumerate(noise_shape)])
            return tf.nn.dropout(inputs, rate=self.rate, noise_shape=noise_shape, seed=self.seed)

        value = static_training(training)
        if value is None:
            return tf.cond(training, dropped, lambda: tf.identity(inputs))
        return dropped() if value else tf.identity(inputs)


class Flatten(Layer):
    """TF1's flatten layer: `[batch, ...]` -> `[batch, size]`.

    Args:
        data_format: `"channels_last"` (default) or `"channels_first"`: channels-first
            inputs are flattened in channels-last order, as TF1 did, so that a following
            `Dense` sees the same order either way.
        name: Optional name.

    Example:

    >>> tf1compat.layers.Flatten()(tf.ones([2, 3, 4])).shape
    TensorShape([2, 12])
    """

    def __init__(self, data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.data_format = normalize_data_format(data_format)

    def call(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if self.data_format == "channels_first" and rank is not None and rank > 1:
            inputs = tf.transpose(inputs, [0] + list(range(2, rank)) + [1])
        batch = static_dim(inputs.shape, 0) if rank else None
        outputs = tf.reshape(inputs, [batch if batch is not None else tf.shape(inputs)[0], -1])
        sizes = inputs.shape[1:].as_list() if rank is not None else [None]
        outputs.set_shape([batch, int(np.prod(sizes)) if None not in sizes else None])
        return outputs


dense = functional_form(Dense, "dense", """\
>>> with tf.Graph().as_default():
...     y = tf1compat.layers.dense(tf.ones([2, 4]), 3, name="logits")
...     print([v.op.name for v in tf.compat.v1.global_variables()])
['logits/kernel', 'logits/bias']""")


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Functional form of `Dropout`: TF1's `tf.layers.dropout` (in every mode).

    Args:
        inputs: Tensor.
        rate, noise_shape, seed, name: As in `Dropout`.
        training: Python bool or a boolean tensor (the default `False` is TF1's:
            dropout is off unless asked for).

    Returns:
        The output tensor.

    Example:

    >>> tf1compat.layers.dropout(tf.ones([2, 2]), rate=0.5).numpy()
    array([[1., 1.],
           [1., 1.]], dtype=float32)
    """
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)(inputs, training=training)


def flatten(inputs, name=None, data_format="channels_last"):
    """Functional form of `Flatten`: TF1's `tf.layers.flatten` (in every mode).

    Returns:
        The output tensor, `[batch, size]`.

    Example:

    >>> tf1compat.layers.flatten(tf.ones([2, 3, 4]), data_format="channels_first").shape
    TensorShape([2, 12])
    """
    return Flatten(data_format=data_format, name=name)(inputs)
