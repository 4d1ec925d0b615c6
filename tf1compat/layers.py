"""`tf1compat.layers`: TF1's `tf.layers.dense`, `Dense` and `dropout`.

They sit next to RNNs in nearly every TF1 model and are as broken on Keras 3
(`tf.compat.v1.layers.dense` raises). Variables are TF1's (`dense/kernel`,
`dense/bias`, uniquified `dense_1/...`), created as described in `TF1Layer`.
"""

import tensorflow as tf

from tf1compat.options import resolve_activation
from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import TF1Layer, require_graph_mode

__all__ = ["Dense", "dense", "dropout"]


class Dense(TF1Layer):
    """TF1's densely-connected layer: `outputs = activation(inputs . kernel + bias)`.

    Inputs of rank > 2 are multiplied along their last axis.

    Args:
        units: int, output size.
        activation: Callable or name, or `None` for linear.
        use_bias: Whether to add a bias.
        kernel_initializer: Default: the variable scope's, else Glorot uniform.
        bias_initializer: Default: zeros.
        kernel_regularizer, bias_regularizer: Optional callables `variable -> loss`.
        trainable, name, dtype, reuse: As in `TF1Layer`.

    Example:

    >>> layer = tf1compat.layers.Dense(3, activation=tf.nn.relu)
    >>> layer(tf.ones([2, 5, 4])).shape
    TensorShape([2, 5, 3])
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
                 trainable=True, name=None, dtype=None, reuse=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, reuse=reuse, **kwargs)
        self.units = units
        self._activation = resolve_activation(activation, default=None)
        self._use_bias = use_bias
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer or tf.compat.v1.zeros_initializer()
        self._kernel_regularizer = kernel_regularizer
        self._bias_regularizer = bias_regularizer

    kernel_name, bias_name = "kernel", "bias"

    def build(self, inputs_shape):
        depth = static_dim(inputs_shape, -1)
        if depth is None:
            raise ValueError("The last dimension of the inputs to `Dense` must be known. "
                             f"Received: inputs.shape={tf.TensorShape(inputs_shape)}")
        self.kernel = self.add_weight(self.kernel_name, shape=[depth, self.units],
                                      initializer=self._kernel_initializer,
                                      regularizer=self._kernel_regularizer)
        self.bias = self.add_weight(self.bias_name, shape=[self.units], initializer=self._bias_initializer,
                                    regularizer=self._bias_regularizer) if self._use_bias else None

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


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
          trainable=True, name=None, reuse=None):
    """Functional form of `Dense`, as TF1's `tf.layers.dense` (graph mode).

    Each call creates a new layer: in a TF1 graph its variables come from
    `get_variable` in scope `name` (default `dense`, uniquified), so `reuse=True`
    or `tf.compat.v1.AUTO_REUSE` share them as in TF1.

    Returns:
        The output tensor.

    Raises:
        RuntimeError: in eager mode or inside `tf.function`, where a fresh layer
            per call would create fresh variables every call: create one
            `tf1compat.layers.Dense(units)` and call it instead.
    """
    require_graph_mode("tf1compat.layers.dense", f"tf1compat.layers.Dense({units!r})", inputs)
    layer = Dense(units, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  trainable=trainable, name=name, reuse=reuse)
    return layer(inputs)


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """TF1's `tf.layers.dropout`: `tf.nn.dropout` when `training`, else the identity.

    Args:
        inputs: Tensor.
        rate: Fraction of units dropped (not a keep probability).
        noise_shape: Optional 1-D shape of the keep/drop mask.
        seed: Optional int seed.
        training: Python bool or a boolean tensor (the default `False` is TF1's:
            dropout is off unless asked for).
        name: Optional name scope.

    Returns:
        The output tensor.
    """
    with tf.name_scope(name or "dropout"):
        if isinstance(training, bool):
            return tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed) \
                if training else tf.identity(inputs)
        return tf.cond(training,
                       lambda: tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed),
                       lambda: tf.identity(inputs))
