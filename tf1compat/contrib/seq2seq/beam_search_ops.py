"""Beam-search tensor operations: `tile_batch` (repeat entries per beam) and `gather_tree`
(follow the parents back), with contrib's semantics; `gather_tree` in TensorFlow ops
rather than contrib's custom kernel."""

import tensorflow as tf


def tile_batch(t, multiplier, name=None):
    """Repeats each batch entry `multiplier` times in place: `[a, b]` -> `[a, a, b, b]`.

    Use it on the encoder outputs, lengths and final state before a `BeamSearchDecoder`
    with `beam_width=multiplier`.

    Args:
        t: A tensor (rank >= 1, known) or a structure of them.
        multiplier: int, the beam width.
        name: Unused (TF1's name scope).

    Returns:
        The tiled structure, each tensor `[batch * multiplier, ...]`.

    Raises:
        ValueError: a tensor of unknown or zero rank.

    Example:

    >>> tile_batch(tf.constant([[1], [2]]), 2).numpy().ravel().tolist()
    [1, 1, 2, 2]
    """
    return tf.nest.map_structure(lambda x: _tile_one(x, multiplier), t)


def _tile_one(t, multiplier):
    t = tf.convert_to_tensor(t)
    if t.shape.rank is None or t.shape.rank < 1:
        raise ValueError(f"t must have statically known rank >= 1. Received: t.shape={t.shape}")
    shape = tf.shape(t)
    tiling = [1, multiplier] + [1] * (t.shape.rank - 1)
    tiled = tf.reshape(tf.tile(tf.expand_dims(t, 1), tiling),
                       tf.concat(([shape[0] * multiplier], shape[1:]), 0))
    static_batch = t.shape[0] * multiplier if t.shape[0] is not None else None
    tiled.set_shape(tf.TensorShape([static_batch]).concatenate(t.shape[1:]))
    return tiled


def gather_tree(step_ids, parent_ids, max_sequence_lengths, end_token, name=None):
    """Follows each beam's parents back from its last step: the full hypotheses.

    As TF1's kernel: entry `b` is traced from step `min(T, max_sequence_lengths[b]) - 1`;
    later steps hold `end_token`, and so does every step after a hypothesis's first
    `end_token`.

    Args:
        step_ids: `[T, batch, beam]` int32 word ids chosen at each step.
        parent_ids: `[T, batch, beam]` int32 beam each came from.
        max_sequence_lengths: `[batch]` int32.
        end_token: Scalar int32.
        name: Unused.

    Returns:
        `[T, batch, beam]` int32 ids.

    Example:

    >>> ids = tf.constant([[[2, 3]], [[4, 5]]])      # T=2, batch=1, beam=2
    >>> parents = tf.constant([[[0, 0]], [[1, 0]]])
    >>> gather_tree(ids, parents, [2], end_token=9).numpy()[:, 0].tolist()
    [[3, 2], [4, 5]]
    """
    step_ids = tf.convert_to_tensor(step_ids, tf.int32)
    parent_ids = tf.convert_to_tensor(parent_ids, tf.int32)
    end_token = tf.convert_to_tensor(end_token, step_ids.dtype)
    max_time, beam_width = tf.shape(step_ids)[0], tf.shape(step_ids)[2]
    checks = [tf.debugging.assert_non_negative(parent_ids, message="Saw invalid parent id"),
              tf.debugging.assert_less_equal(parent_ids, beam_width,
                                             message="Saw invalid parent id")]
    with tf.control_dependencies(checks):
        parent_ids = tf.identity(parent_ids)
    lengths = tf.minimum(tf.cast(max_sequence_lengths, tf.int32), max_time)
    identity = tf.broadcast_to(tf.range(beam_width), tf.shape(step_ids)[1:])

    def back(parent, step):
        time, ids, parents = step
        valid = tf.expand_dims(time < lengths, 1)
        out = tf.where(valid, tf.gather(ids, parent, batch_dims=1), end_token)
        return tf.where(valid, tf.gather(parents, parent, batch_dims=1), parent), out

    _, beams = tf.scan(lambda carried, step: back(carried[0], step),
                       (tf.range(max_time), step_ids, parent_ids),
                       initializer=(identity, identity), reverse=True)
    ended_before = tf.cumsum(tf.cast(tf.equal(beams, end_token), tf.int32), axis=0,
                             exclusive=True) > 0
    return tf.where(ended_before, end_token, beams)
