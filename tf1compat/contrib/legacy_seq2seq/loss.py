"""The losses over lists of step logits, `sequence_loss_by_example` and `sequence_loss`, and
`model_with_buckets`, which builds a model and its loss once per bucket of lengths."""

import tensorflow as tf


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    """The weighted cross-entropy of each example, summed over the steps, as TF1's.

    Args:
        logits: A list of `[batch, num_symbols]` tensors, one per step.
        targets: A list of `[batch]` int tensors, as many as `logits`.
        weights: A list of `[batch]` float tensors, as many as `logits`.
        average_across_timesteps: Divide each example's sum by its total weight
            (plus 1e-12, so all-zero weights give 0).
        softmax_loss_function: Optional `(labels=, logits=) -> [batch]` replacing the
            sparse softmax cross-entropy.
        name: Name scope; default `"sequence_loss_by_example"`.

    Returns:
        A `[batch]` tensor: each example's log-perplexity.

    Raises:
        ValueError: `logits`, `targets` and `weights` differ in length.

    Example:

    >>> loss = sequence_loss_by_example([tf.zeros([2, 4])] * 3, [tf.constant([0, 1])] * 3,
    ...                                 [tf.ones([2])] * 3)
    >>> np.round(loss.numpy(), 4)  # log(4)
    array([1.3863, 1.3863], dtype=float32)
    """
    if not len(logits) == len(targets) == len(weights):
        raise ValueError("`logits`, `targets` and `weights` must be lists of the same length. "
                         f"Received: len(logits)={len(logits)}, len(targets)={len(targets)}, "
                         f"len(weights)={len(weights)}")
    with tf.name_scope(name or "sequence_loss_by_example"):
        losses = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(
                    labels=tf.reshape(target, [-1]), logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            losses.append(crossent * weight)
        total = tf.add_n(losses)
        if average_across_timesteps:
            total /= tf.add_n(weights) + 1e-12
        return total


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, softmax_loss_function=None, name=None):
    """`sequence_loss_by_example` summed over the batch, optionally divided by its size.

    Args:
        logits, targets, weights, average_across_timesteps, softmax_loss_function: As in
            `sequence_loss_by_example`.
        average_across_batch: Divide by the batch size (of `targets[0]`).
        name: Name scope; default `"sequence_loss"`.

    Returns:
        A scalar: the average log-perplexity per symbol (weighted).

    Raises:
        ValueError: `logits`, `targets` and `weights` differ in length.

    Example:

    >>> loss = sequence_loss([tf.zeros([2, 4])] * 3, [tf.constant([0, 1])] * 3,
    ...                      [tf.ones([2])] * 3)
    >>> round(float(loss), 4)
    1.3863
    """
    with tf.name_scope(name or "sequence_loss"):
        cost = tf.reduce_sum(sequence_loss_by_example(
            logits, targets, weights, average_across_timesteps=average_across_timesteps,
            softmax_loss_function=softmax_loss_function))
        if not average_across_batch:
            return cost
        return cost / tf.cast(tf.shape(targets[0])[0], cost.dtype)


def model_with_buckets(encoder_inputs, decoder_inputs, targets, weights, buckets, seq2seq,
                       softmax_loss_function=None, per_example_loss=False, name=None):
    """Builds `seq2seq` and its loss for each bucket of lengths, sharing variables, as TF1's.

    Bucket `(m, n)` runs `seq2seq(encoder_inputs[:m], decoder_inputs[:n])` (the buckets
    after the first reuse the first one's variables) and scores its outputs against
    `targets[:n]` and `weights[:n]`.

    Args:
        encoder_inputs, decoder_inputs: Lists of step tensors, at least as long as the
            last (largest) bucket.
        targets: A list of `[batch]` int tensors, at least as long as the largest
            decoder length.
        weights: A list of `[batch]` float tensors, as long as `targets`.
        buckets: A non-empty list of `(encoder length, decoder length)` pairs, the
            largest last.
        seq2seq: `seq2seq(encoder_inputs, decoder_inputs) -> (outputs, state)`, e.g. a
            lambda around `embedding_attention_seq2seq`.
        softmax_loss_function: As in `sequence_loss`.
        per_example_loss: Return `[batch]` losses (`sequence_loss_by_example`) instead
            of scalars (`sequence_loss`).
        name: Name scope; default `"model_with_buckets"`.

    Returns:
        `(outputs, losses)`: per bucket, the model's outputs and its loss.

    Raises:
        ValueError: `buckets` is empty, or an input list is shorter than the last bucket.

    Example:

    >>> symbols = [tf.constant([1, 2])] * 4
    >>> cell = GRUCell(4)
    >>> outputs, losses = model_with_buckets(
    ...     symbols, symbols, symbols, [tf.ones([2])] * 4, [(2, 3), (4, 4)],
    ...     lambda x, y: tf1compat.contrib.legacy_seq2seq.embedding_rnn_seq2seq(
    ...         x, y, cell, 5, 5, embedding_size=3))
    >>> [len(o) for o in outputs], losses[1].shape
    ([3, 4], TensorShape([]))
    """
    if not buckets:
        raise ValueError(f"`buckets` must hold at least one (encoder length, decoder length) "
                         f"pair. Received: buckets={buckets!r}")
    encoder_length, decoder_length = buckets[-1]
    for argument, inputs, length in (("encoder_inputs", encoder_inputs, encoder_length),
                                     ("targets", targets, decoder_length),
                                     ("weights", weights, decoder_length)):
        if len(inputs) < length:
            raise ValueError(f"`{argument}` must be at least as long as the last bucket needs "
                             f"({length}). Received: len({argument})={len(inputs)}, "
                             f"buckets[-1]={buckets[-1]}")
    loss_function = sequence_loss_by_example if per_example_loss else sequence_loss
    outputs, losses = [], []
    with tf.name_scope(name or "model_with_buckets"):
        for j, (encoder_length, decoder_length) in enumerate(buckets):
            with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(),
                                             reuse=True if j > 0 else None):
                bucket_outputs, _ = seq2seq(encoder_inputs[:encoder_length],
                                            decoder_inputs[:decoder_length])
                outputs.append(bucket_outputs)
                losses.append(loss_function(bucket_outputs, targets[:decoder_length],
                                            weights[:decoder_length],
                                            softmax_loss_function=softmax_loss_function))
    return outputs, losses
