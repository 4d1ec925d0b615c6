"""`sequence_loss`: contrib.seq2seq's weighted cross-entropy over a sequence of logits."""

import tensorflow as tf


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, sum_over_timesteps=False, sum_over_batch=False,
                  softmax_loss_function=None, name=None):
    """Weighted cross-entropy of `logits` against `targets`, reduced as TF1 did.

    Averages divide by the sum of the weights, sums by the number of non-zero weights
    (TF1's `sum_over_*`), both with `div_no_nan`.

    Args:
        logits: `[batch, time, classes]` float.
        targets: `[batch, time]` int class ids.
        weights: `[batch, time]` float weights (e.g. `tf.sequence_mask(lengths)` as float).
        average_across_timesteps, average_across_batch: Weighted means over those axes.
        sum_over_timesteps, sum_over_batch: Sums over those axes, divided by the count of
            non-zero weights; exclusive with the matching average.
        softmax_loss_function: Optional `(labels=, logits=) -> [N]` replacing sparse
            softmax cross-entropy.
        name: Optional name scope.

    Returns:
        A scalar, or `[batch]` / `[time]` / `[batch, time]` when axes are kept.

    Raises:
        ValueError: wrong ranks, or an average and a sum requested over the same axis.

    Example:

    >>> logits = tf.zeros([2, 3, 5])
    >>> loss = tf1compat.contrib.seq2seq.sequence_loss(
    ...     logits, tf.zeros([2, 3], tf.int32), tf.ones([2, 3]))
    >>> round(float(loss), 4)  # log(5)
    1.6094
    """
    for argument, tensor, rank, layout in (("logits", logits, 3, "[batch_size x sequence_length x logits]"),
                                           ("targets", targets, 2, "[batch_size x sequence_length]"),
                                           ("weights", weights, 2, "[batch_size x sequence_length]")):
        if len(tensor.shape) != rank:
            raise ValueError(f"{argument.capitalize()} must be a {layout} tensor. Received: "
                             f"{argument}.shape={tensor.shape}")
    if average_across_timesteps and sum_over_timesteps:
        raise ValueError("average_across_timesteps and sum_over_timesteps cannot be set to True "
                         "at same time.")
    if average_across_batch and sum_over_batch:
        raise ValueError("average_across_batch and sum_over_batch cannot be set to True at same "
                         "time.")
    with tf.name_scope(name or "sequence_loss"):
        flat_logits = tf.reshape(logits, [-1, tf.shape(logits)[2]])
        flat_targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=flat_targets,
                                                                      logits=flat_logits)
        else:
            crossent = softmax_loss_function(labels=flat_targets, logits=flat_logits)
        crossent *= tf.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return tf.math.divide_no_nan(tf.reduce_sum(crossent), tf.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            count = tf.cast(tf.math.count_nonzero(weights), crossent.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(crossent), count)
        crossent = tf.reshape(crossent, tf.shape(logits)[0:2])
        if average_across_timesteps or average_across_batch:
            axis = [0] if average_across_batch else [1]
            return tf.math.divide_no_nan(tf.reduce_sum(crossent, axis=axis),
                                         tf.reduce_sum(weights, axis=axis))
        if sum_over_timesteps or sum_over_batch:
            axis = [0] if sum_over_batch else [1]
            count = tf.cast(tf.math.count_nonzero(weights, axis=axis), crossent.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(crossent, axis=axis), count)
        return crossent
