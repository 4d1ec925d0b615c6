"""contrib's weight regularizers: `l1_regularizer` and `l2_regularizer`.

A regularizer is a function `weights -> loss` for `weights_regularizer=` arguments and
`tf.compat.v1.get_variable(regularizer=...)`. Note that `l2_regularizer(scale)` is
`scale * sum(w ** 2) / 2`, half of `keras.regularizers.l2(scale)`.
"""

import numbers

import tensorflow as tf

__all__ = ["l1_regularizer", "l2_regularizer"]


def _regularizer(scale, scope, default_name, penalty):
    """`weights -> scale * penalty(weights)` after contrib's checks of `scale`.

    Raises:
        ValueError: an integer or negative `scale`.
    """
    if isinstance(scale, numbers.Integral):
        raise ValueError(f"`scale` cannot be an integer. Received: scale={scale!r}")
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError(f"`scale` cannot be negative. Received: scale={scale!r}")
        if scale == 0.0:
            return lambda _: None  # TF1: a zero scale disables the regularizer

    def regularizer(weights):
        with tf.compat.v1.name_scope(scope, default_name, [weights]) as name:
            weights = tf.convert_to_tensor(weights)
            factor = tf.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return tf.multiply(factor, penalty(weights), name=name)

    return regularizer


def l1_regularizer(scale, scope=None):
    """TF1's `tf.contrib.layers.l1_regularizer`: `weights -> scale * sum(|weights|)`.

    Args:
        scale: A non-negative float (0.0 disables the regularizer: it returns `None`).
        scope: Optional name scope of the loss.

    Returns:
        The regularizer function.

    Raises:
        ValueError: an integer or negative `scale`.

    Example:

    >>> float(tf1compat.contrib.layers.l1_regularizer(0.5)(tf.constant([1.0, -3.0])))
    2.0
    """
    return _regularizer(scale, scope, "l1_regularizer",
                        lambda weights: tf.reduce_sum(tf.abs(weights)))


def l2_regularizer(scale, scope=None):
    """TF1's `tf.contrib.layers.l2_regularizer`: `weights -> scale * sum(weights ** 2) / 2`.

    Args, Returns, Raises: as `l1_regularizer`.

    Example:

    >>> float(tf1compat.contrib.layers.l2_regularizer(0.5)(tf.constant([1.0, -3.0])))
    2.5
    """
    return _regularizer(scale, scope, "l2_regularizer", tf.nn.l2_loss)
