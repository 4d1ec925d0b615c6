"""contrib's core layers: `fully_connected`, `convolution` (`conv1d`, `conv2d`, `conv3d`),
`dropout` and `flatten`, with contrib's defaults (ReLU, `SAME` padding, Glorot weights) and
names (`fully_connected/weights`, `Conv/weights`, `Conv/biases`).
"""

import inspect

import tensorflow as tf

from tf1compat.layers import Conv1D, Conv2D, Conv3D, Dense, Dropout
from tf1compat.layers import flatten as _core_flatten
from tf1compat.options import reject_unsupported
from tf1compat.tf1_layer import require_graph_mode

__all__ = ["fully_connected", "convolution", "convolution1d", "convolution2d",
           "convolution3d", "conv1d", "conv2d", "conv3d", "dropout", "flatten"]

_COLLECTIONS_ADVICE = "Add the tensors to collections with tf.compat.v1.add_to_collection."
_CONTRIB_NAMES = {"kernel": "weights", "bias": "biases"}
_DATA_FORMATS = (None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW")


class _ContribNames:
    """contrib's names for a core layer's variables: `weights` and `biases`."""

    def add_weight(self, name=None, *args, **kwargs):
        return super().add_weight(_CONTRIB_NAMES.get(name, name), *args, **kwargs)


class _FullyConnected(_ContribNames, Dense):
    """`Dense` with contrib's variable names."""


_CONVOLUTIONS = {layer.rank + 2: type(f"_Contrib{layer.__name__}", (_ContribNames, layer), {})
                 for layer in (Conv1D, Conv2D, Conv3D)}


def _apply(layer, inputs, scope, default_name, reuse, normalizer_fn, normalizer_params,
           activation_fn):
    """contrib's pattern: the layer in `variable_scope(scope, default_name)`, then the
    optional normalizer, then the activation."""
    with tf.compat.v1.variable_scope(scope, default_name=default_name, values=[inputs],
                                     reuse=reuse) as variable_scope:
        outputs = layer(inputs, scope=variable_scope)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        return activation_fn(outputs) if activation_fn is not None else outputs


def fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None,
                    normalizer_params=None,
                    weights_initializer=tf.compat.v1.glorot_uniform_initializer(),
                    weights_regularizer=None,
                    biases_initializer=tf.compat.v1.zeros_initializer(), biases_regularizer=None,
                    reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """TF1's `tf.contrib.layers.fully_connected` (graph mode).

    `activation_fn(normalizer_fn(inputs . weights))` if a normalizer is given,
    else `activation_fn(inputs . weights + biases)`. Note the default
    activation is ReLU, as in contrib. Variables: `fully_connected/weights`
    (Glorot uniform, contrib's `xavier_initializer`) and
    `fully_connected/biases` (zeros), in scope `scope`.

    Args:
        inputs: Tensor of rank >= 2.
        num_outputs: int, output size.
        activation_fn: Callable or `None` for linear (default `tf.nn.relu`).
        normalizer_fn, normalizer_params: Optional normalisation replacing the biases.
        weights_initializer, weights_regularizer: For the weights.
        biases_initializer, biases_regularizer: For the biases; `biases_initializer=None`
            means no biases, as in contrib.
        reuse, trainable, scope: As in contrib.
        variables_collections, outputs_collections: Not supported; must be `None`.

    Returns:
        The output tensor.

    Raises:
        NotImplementedError: for `variables_collections` / `outputs_collections`.
        RuntimeError: in eager mode or `tf.function` (use `tf1compat.layers.Dense`).

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.contrib.layers.fully_connected(tf.ones([2, 4]), 3)
    ...     print([v.op.name for v in tf.compat.v1.global_variables()])
    ['fully_connected/weights', 'fully_connected/biases']
    """
    reject_unsupported(_COLLECTIONS_ADVICE, variables_collections=variables_collections,
                       outputs_collections=outputs_collections)
    require_graph_mode("tf1compat.contrib.layers.fully_connected",
                       f"tf1compat.layers.Dense({num_outputs!r}, activation=...)", inputs)
    layer = _FullyConnected(
        num_outputs, use_bias=normalizer_fn is None and biases_initializer is not None,
        kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
        kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
        trainable=trainable, name="fully_connected")
    return _apply(layer, inputs, scope, "fully_connected", reuse, normalizer_fn,
                  normalizer_params, activation_fn)


def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                weights_initializer=tf.compat.v1.glorot_uniform_initializer(),
                weights_regularizer=None, biases_initializer=tf.compat.v1.zeros_initializer(),
                biases_regularizer=None, reuse=None, variables_collections=None,
                outputs_collections=None, trainable=True, scope=None, conv_dims=None):
    """TF1's `tf.contrib.layers.convolution`: a 1-, 2- or 3-D convolution by the inputs' rank.

    `activation_fn(normalizer_fn(conv(inputs, weights)))` with a normalizer, else
    `activation_fn(conv(inputs, weights) + biases)`. contrib's defaults: ReLU, `"SAME"`
    padding, Glorot-uniform weights. Variables `Conv/weights`, `Conv/biases` (scope
    `scope`, default `Conv` uniquified).

    Args:
        inputs: `[batch, ..., channels]`, or channels second with `data_format` `"NC..."`.
        num_outputs: int, number of filters.
        kernel_size, stride, rate: int or one int per spatial dimension (`rate` is the
            dilation).
        padding: `"SAME"` or `"VALID"`.
        data_format: `None`, `"NWC"`, `"NHWC"`, `"NDHWC"` (channels last) or `"NCW"`,
            `"NCHW"`, `"NCDHW"` (channels first).
        activation_fn, normalizer_fn, normalizer_params, weights_initializer,
            weights_regularizer, biases_initializer, biases_regularizer, reuse, trainable,
            scope: As in `fully_connected`.
        variables_collections, outputs_collections: Not supported; must be `None`.
        conv_dims: If given, the number of spatial dimensions the inputs must have.

    Returns:
        The output tensor.

    Raises:
        ValueError: an unknown `data_format`, or inputs of the wrong rank.
        NotImplementedError: for `variables_collections` / `outputs_collections`.
        RuntimeError: in eager mode or `tf.function` (use `tf1compat.layers.Conv2D`).

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.contrib.layers.conv2d(tf.ones([1, 5, 5, 3]), 4, 3)
    ...     print(y.shape, [v.op.name for v in tf.compat.v1.global_variables()])
    (1, 5, 5, 4) ['Conv/weights', 'Conv/biases']
    """
    reject_unsupported(_COLLECTIONS_ADVICE, variables_collections=variables_collections,
                       outputs_collections=outputs_collections)
    if data_format not in _DATA_FORMATS:
        raise ValueError(f"`data_format` must be one of {_DATA_FORMATS}. "
                         f"Received: data_format={data_format!r}")
    require_graph_mode("tf1compat.contrib.layers.convolution",
                       f"tf1compat.layers.Conv2D({num_outputs!r}, ...)", inputs)
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.shape.rank
    expected = (conv_dims + 2,) if conv_dims is not None else tuple(_CONVOLUTIONS)
    if rank not in expected:
        raise ValueError(f"Convolution expects inputs of rank {' or '.join(map(str, expected))}. "
                         f"Received: inputs.shape={inputs.shape}")
    layer = _CONVOLUTIONS[rank](
        num_outputs, kernel_size, strides=stride, padding=padding,
        data_format="channels_first" if data_format and data_format.startswith("NC")
        else "channels_last", dilation_rate=rate,
        use_bias=normalizer_fn is None and biases_initializer is not None,
        kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
        kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
        trainable=trainable)
    return _apply(layer, inputs, scope, "Conv", reuse, normalizer_fn, normalizer_params,
                  activation_fn)


def _fixed_rank(dims, name):
    """contrib's `convolution{dims}d`: `convolution` checking `dims` spatial dimensions."""
    signature = inspect.signature(convolution)
    signature = signature.replace(parameters=[p for p in signature.parameters.values()
                                              if p.name != "conv_dims"])

    def convolution_nd(*args, **kwargs):
        return convolution(*args, conv_dims=dims, **kwargs)

    convolution_nd.__name__ = convolution_nd.__qualname__ = name
    convolution_nd.__signature__ = signature
    convolution_nd.__doc__ = (f"TF1's `tf.contrib.layers.{name}`: `convolution` for inputs "
                              f"with {dims} spatial dimensions (a `ValueError` otherwise).")
    return convolution_nd


convolution1d = conv1d = _fixed_rank(1, "convolution1d")
convolution2d = conv2d = _fixed_rank(2, "convolution2d")
convolution3d = conv3d = _fixed_rank(3, "convolution3d")


def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None,
            scope=None, seed=None):
    """TF1's `tf.contrib.layers.dropout`: `tf.layers.dropout` with a keep probability.

    Note contrib's default `is_training=True` (`tf.layers.dropout`'s is `False`).

    Args:
        inputs: A tensor.
        keep_prob: Probability of keeping each unit (they are scaled by `1 / keep_prob`).
        noise_shape, seed: As in `tf1compat.layers.Dropout`.
        is_training: Python bool or a boolean tensor.
        scope: Optional scope (default `Dropout`).
        outputs_collections: Not supported; must be `None`.

    Returns:
        The output tensor.

    Example:

    >>> tf1compat.contrib.layers.dropout(tf.ones([2, 2]), is_training=False).numpy()
    array([[1., 1.],
           [1., 1.]], dtype=float32)
    """
    reject_unsupported(_COLLECTIONS_ADVICE, outputs_collections=outputs_collections)
    with tf.compat.v1.variable_scope(scope, "Dropout", [inputs]) as variable_scope:
        layer = Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed,
                        name=variable_scope.name)
        return layer(inputs, training=is_training)


def flatten(inputs, outputs_collections=None, scope=None):
    """TF1's `tf.contrib.layers.flatten`: `[batch, ...]` -> `[batch, size]`.

    Example:

    >>> tf1compat.contrib.layers.flatten(tf.ones([2, 3, 4])).shape
    TensorShape([2, 12])
    """
    reject_unsupported(_COLLECTIONS_ADVICE, outputs_collections=outputs_collections)
    with tf.compat.v1.name_scope(scope, "Flatten", [inputs]):
        return _core_flatten(inputs)
