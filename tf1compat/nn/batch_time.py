"""`transpose_batch_time` and `best_effort_input_batch_size`: the layout helpers of TF1's
recurrent drivers, which `tf.contrib.rnn` exported."""

import tensorflow as tf

from tf1compat.shapes import static_dim


def transpose_batch_time(x):
    """Swaps the first two dimensions of `x`, keeping what is known of its static shape.

    Args:
        x: A tensor; of rank < 2 (when known) it is returned unchanged.

    Returns:
        `x` transposed along its first two dimensions.

    Example:

    >>> transpose_batch_time(tf.zeros([2, 5, 3])).shape
    TensorShape([5, 2, 3])
    """
    x = tf.convert_to_tensor(x)
    shape = x.shape
    if shape.rank is not None and shape.rank < 2:
        return x
    swapped = tf.transpose(x, tf.concat(([1, 0], tf.range(2, tf.rank(x))), axis=0))
    if shape.rank is not None:
        swapped.set_shape(tf.TensorShape([shape[1], shape[0]]).concatenate(shape[2:]))
    return swapped


def best_effort_input_batch_size(flat_input):
    """The batch size of time-major inputs: static if any input knows it, else dynamic.

    Args:
        flat_input: Time-major tensors `[time, batch, ...]` with compatible batch sizes.

    Returns:
        A Python int, or a scalar int32 tensor (`tf.shape` of the first input).

    Raises:
        ValueError: an input of known rank below 2.

    Example:

    >>> best_effort_input_batch_size([tf.zeros([7, 4, 3])])
    4
    """
    for x in flat_input:
        shape = x.shape
        if shape.rank is None:
            continue
        if shape.rank < 2:
            raise ValueError("Expected input tensor to have rank at least 2. Received: "
                             f"input of shape {shape}")
        if static_dim(shape, 1) is not None:
            return static_dim(shape, 1)
    return tf.shape(flat_input[0])[1]
