"""Variables and slices that several contrib.rnn cells share, named as TF 1.15 named them.

- `sharded_weight`: contrib's sharded matrices (`W_0`, `W_1`, ...: the rows split, the first
  shards one row larger), used concatenated; one shard is still named `W_0`.
- `linear_weights` / `linear`: the `kernel` and zero `bias` of TF1's `_Linear`, applied to
  `concat(args)`.
- `layer_norm_weights` / `layer_norm`: contrib.layers.layer_norm's `gamma` and `beta` per
  scope and its normalisation (epsilon 1e-12).
- `frequency_slices`: the feature windows of the time-frequency LSTMs.
"""

import tensorflow as tf

_LAYER_NORM_EPSILON = 1e-12  # contrib.layers.layer_norm's


def sharded_weight(layer, name, shape, num_shards, argument="num_unit_shards"):
    """Creates `num_shards` variables `{name}_{i}` splitting the rows of `shape`; returns them.

    Raises:
        ValueError: more shards than rows (`argument` names the cell's option).
    """
    if num_shards > shape[0]:
        raise ValueError(f"Too many shards: {name} {list(shape)} has {shape[0]} rows. "
                         f"Received: {argument}={num_shards}")
    rows, extra = divmod(shape[0], num_shards)
    return [layer.add_weight(f"{name}_{i}", shape=[rows + (i < extra)] + list(shape[1:]))
            for i in range(num_shards)]


def concatenated(shards):
    """The sharded matrix as one tensor (the variable itself if there is one shard)."""
    return shards[0] if len(shards) == 1 else tf.concat(shards, 0)


def linear_weights(layer, scope, rows, units, bias=True, initializer=None):
    """TF1 `_Linear`'s variables `{scope}/kernel [rows, units]` and `{scope}/bias` (zeros)."""
    prefix = f"{scope}/" if scope else ""
    kernel = layer.add_weight(f"{prefix}kernel", shape=[rows, units], initializer=initializer)
    if not bias:
        return kernel, None
    return kernel, layer.add_weight(f"{prefix}bias", shape=[units],
                                    initializer=tf.compat.v1.zeros_initializer())


def linear(args, weights):
    """`concat(args, 1) . kernel + bias`, as TF1's `_Linear` computed it."""
    kernel, bias = weights
    values = args[0] if len(args) == 1 else tf.concat(args, 1)
    product = tf.matmul(values, kernel)
    return product if bias is None else tf.nn.bias_add(product, bias)


def layer_norm_weights(layer, scopes, units, gain, shift):
    """`{scope: (gamma, beta)}`: the `{scope}/gamma` and `{scope}/beta` variables `[units]`."""
    return {scope: (layer.add_weight(f"{scope}/gamma", shape=[units],
                                     initializer=tf.compat.v1.constant_initializer(gain)),
                    layer.add_weight(f"{scope}/beta", shape=[units],
                                     initializer=tf.compat.v1.constant_initializer(shift)))
            for scope in scopes}


def layer_norm(values, weights):
    """contrib.layers.layer_norm over the last axis with `weights = (gamma, beta)`."""
    gamma, beta = weights
    mean, variance = tf.nn.moments(values, [1], keepdims=True)
    return tf.nn.batch_normalization(values, mean, variance, offset=beta, scale=gamma,
                                     variance_epsilon=_LAYER_NORM_EPSILON)


def frequency_slices(inputs, feature_size, frequency_skip, count, start=0):
    """The `count` windows `inputs[:, start + f * skip:][:, :feature_size]`, f = 0, 1, ..."""
    return [inputs[:, start + f * frequency_skip: start + f * frequency_skip + feature_size]
            for f in range(count)]


def frequency_count(input_size, feature_size, frequency_skip):
    """How many windows of `feature_size`, `frequency_skip` apart, fit in `input_size`."""
    return int((input_size - feature_size) / frequency_skip) + 1
