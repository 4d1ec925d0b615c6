"""contrib's initializers: `xavier_initializer` (`xavier_initializer_conv2d`) and
`variance_scaling_initializer`, with contrib's own formulas.

They differ from the core `tf.compat.v1.variance_scaling_initializer` in the truncated
normal (contrib's standard deviation is `sqrt(1.3 * factor / n)`) and in the default
factor (2.0). Both give a TF1 initializer, `init(shape, dtype=..., partition_info=None)`,
that draws with the stateful random ops TF1 used: with a `seed` and
`tf.compat.v1.set_random_seed` in a TF1 graph, the values TF 1.15 drew.
"""

import math

import tensorflow as tf

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"]

_MODES = ("FAN_IN", "FAN_OUT", "FAN_AVG")


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=tf.float32):
    """TF1's `tf.contrib.layers.variance_scaling_initializer`: values of variance `factor / n`.

    `n` counts the connections (`mode`): inputs (`shape[-2]` times the receptive field,
    `"FAN_IN"`), outputs (`"FAN_OUT"`) or their mean (`"FAN_AVG"`). Uniform draws lie in
    `±sqrt(3 factor / n)`; normal ones are truncated, of standard deviation
    `sqrt(1.3 factor / n)`.

    Args:
        factor: Multiplies the variance (2.0: He initialization).
        mode: `"FAN_IN"`, `"FAN_OUT"` or `"FAN_AVG"`.
        uniform: Uniform rather than truncated-normal values.
        seed: Optional int seed.
        dtype: A floating-point dtype.

    Returns:
        An initializer `init(shape, dtype=dtype, partition_info=None)`.

    Raises:
        TypeError: a non-floating `dtype` or an unknown `mode`.

    Example:

    >>> init = tf1compat.contrib.layers.variance_scaling_initializer(uniform=True, seed=1)
    >>> bool(tf.reduce_all(tf.abs(init([100, 4])) <= math.sqrt(3 * 2.0 / 100)))
    True
    """
    dtype = tf.as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError(f"Cannot create an initializer for a non-floating dtype. Received: "
                        f"dtype={dtype.name}")
    if mode not in _MODES:
        raise TypeError(f"`mode` must be one of {_MODES}. Received: mode={mode!r}")

    def initializer(shape, dtype=dtype, partition_info=None):
        dtype = tf.as_dtype(dtype)
        if not dtype.is_floating:
            raise TypeError(f"Cannot initialize a non-floating variable. Received: "
                            f"dtype={dtype.name}")
        shape = [int(dim) for dim in shape]
        fan_in = float(shape[-2] if len(shape) > 1 else shape[-1]) if shape else 1.0
        fan_out = float(shape[-1]) if shape else 1.0
        receptive_field = math.prod(shape[:-2])
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out,
             "FAN_AVG": (fan_in + fan_out) / 2.0}[mode] * receptive_field
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return tf.random.uniform(shape, -limit, limit, dtype, seed=seed)
        return tf.random.truncated_normal(shape, 0.0, math.sqrt(1.3 * factor / n), dtype,
                                          seed=seed)

    return initializer


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    """TF1's `tf.contrib.layers.xavier_initializer` (Glorot): variance `2 / (fan_in + fan_out)`.

    `variance_scaling_initializer(factor=1.0, mode="FAN_AVG", ...)`.

    Args:
        uniform: Uniform (default, TF1's `glorot_uniform_initializer`) or truncated normal.
        seed: Optional int seed.
        dtype: A floating-point dtype.

    Returns:
        An initializer `init(shape, dtype=dtype, partition_info=None)`.

    Example:

    >>> init = tf1compat.contrib.layers.xavier_initializer(seed=3)
    >>> init([3, 5]).shape
    TensorShape([3, 5])
    """
    return variance_scaling_initializer(1.0, "FAN_AVG", uniform, seed, dtype)


xavier_initializer_conv2d = xavier_initializer
