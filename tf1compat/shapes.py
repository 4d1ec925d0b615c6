"""Static shape access that works under TF2 and TF1 (`disable_v2_behavior`) shape semantics."""

import tensorflow as tf


def static_dim(shape, axis):
    """The static size of `shape[axis]` as an int, or `None` (TF1 shapes hold `Dimension`s)."""
    return tf.compat.dimension_value(tf.TensorShape(shape)[axis])
