"""Attention probability functions: `hardmax` and the monotonic ones (Raffel et al. 2017).

`monotonic_attention` turns per-step choosing probabilities into an attention distribution
in TF1's three modes (`recursive`, `parallel`, `hard`); `monotonic_probability_fn` is what
the monotonic mechanisms use in place of a softmax.
"""

import numpy as np
import tensorflow as tf

from tf1compat.shapes import static_dim

MONOTONIC_MODES = ("recursive", "parallel", "hard")


def hardmax(logits, name=None):
    """One-hot vectors at the largest logit of each row (the first one on ties).

    Args:
        logits: `[..., depth]` tensor.
        name: Optional name scope.

    Returns:
        A tensor of the logits' shape and dtype.

    Example:

    >>> tf1compat.contrib.seq2seq.hardmax([[0.1, 2.0, 0.3]]).numpy().tolist()
    [[0.0, 1.0, 0.0]]
    """
    with tf.name_scope(name or "Hardmax"):
        logits = tf.convert_to_tensor(logits, name="logits")
        depth = static_dim(logits.shape, -1) or tf.shape(logits)[-1]
        return tf.one_hot(tf.argmax(logits, -1), depth, dtype=logits.dtype)


def safe_cumprod(x, *args, **kwargs):
    """`tf.math.cumprod(x, ...)` computed as `exp(cumsum(log(x)))`, with `x` clipped to
    `[tiny, 1]`, so that neither it nor its gradient underflows (`x` in (0, 1]).

    Args:
        x: Floating tensor.
        *args, **kwargs: `tf.math.cumsum`'s `axis`, `exclusive`, `reverse`.

    Returns:
        The cumulative product.

    Example:

    >>> tf1compat.contrib.seq2seq.safe_cumprod([0.5, 0.5, 0.5]).numpy().tolist()
    [0.5, 0.25, 0.125]
    """
    with tf.name_scope("SafeCumprod"):
        x = tf.convert_to_tensor(x, name="x")
        tiny = np.finfo(x.dtype.as_numpy_dtype).tiny
        return tf.exp(tf.cumsum(tf.math.log(tf.clip_by_value(x, tiny, 1)), *args, **kwargs))


def monotonic_attention(p_choose_i, previous_attention, mode):
    """The monotonic attention distribution from the probabilities of stopping at each step.

    Attention moves left to right: `q[i] = (1 - p[i-1]) q[i-1] + previous_attention[i]`,
    `attention[i] = p[i] q[i]`.

    Args:
        p_choose_i: `[batch, time]` probabilities in [0, 1] of choosing memory step i.
        previous_attention: `[batch, time]` previous distribution (one-hot on step 0 at
            the first output step).
        mode: `"recursive"` (a `tf.scan`: exact, slowest), `"parallel"` (closed form with
            cumulative sums and products: fast, inexact when `p` nears 0 or 1) or `"hard"`
            (`p_choose_i` all 0 or 1: exact and fast).

    Returns:
        `[batch, time]` attention distribution.

    Raises:
        ValueError: `mode` is not one of the three.

    Example:

    >>> tf1compat.contrib.seq2seq.monotonic_attention(
    ...     [[0.0, 1.0, 1.0]], [[1.0, 0.0, 0.0]], "hard").numpy().tolist()
    [[0.0, 1.0, 0.0]]
    """
    p_choose_i = tf.convert_to_tensor(p_choose_i, name="p_choose_i")
    previous_attention = tf.convert_to_tensor(previous_attention, name="previous_attention")
    if mode == "recursive":
        batch_size = static_dim(p_choose_i.shape, 0) or tf.shape(p_choose_i)[0]
        shifted_1mp = tf.concat([tf.ones((batch_size, 1), p_choose_i.dtype),
                                 1 - p_choose_i[:, :-1]], 1)
        q = tf.scan(lambda x, yz: tf.reshape(yz[0] * x + yz[1], (batch_size,)),
                    [tf.transpose(shifted_1mp), tf.transpose(previous_attention)],
                    tf.zeros((batch_size,), p_choose_i.dtype))
        return p_choose_i * tf.transpose(q)
    if mode == "parallel":
        cumprod_1mp = safe_cumprod(1 - p_choose_i, axis=1, exclusive=True)
        return p_choose_i * cumprod_1mp * tf.cumsum(
            previous_attention / tf.clip_by_value(cumprod_1mp, 1e-10, 1.), axis=1)
    if mode == "hard":
        p_choose_i *= tf.cumsum(previous_attention, axis=1)
        return p_choose_i * tf.math.cumprod(1 - p_choose_i, axis=1, exclusive=True)
    raise ValueError(f"`mode` must be one of {MONOTONIC_MODES}. Received: mode={mode!r}")


def monotonic_probability_fn(score, previous_alignments, sigmoid_noise, mode, seed=None):
    """The monotonic mechanisms' probability function (TF1's private one).

    Adds `sigmoid_noise * N(0, 1)` noise (seeded by `seed`) to the scores if
    `sigmoid_noise > 0`, takes `sigmoid` (a step function at 0 in `"hard"` mode) as the
    probabilities of choosing each step, and returns `monotonic_attention(..., mode)`.

    Args:
        score: `[batch, time]` scores.
        previous_alignments: `[batch, time]` previous distribution.
        sigmoid_noise: Standard deviation of the pre-sigmoid noise (a Python number).
        mode: See `monotonic_attention`.
        seed: Optional op seed of the noise.

    Returns:
        `[batch, time]` alignments.

    Example:

    >>> monotonic_probability_fn(
    ...     tf.constant([[-1.0, 2.0, 3.0]]), [[1.0, 0.0, 0.0]], 0.0, "hard").numpy().tolist()
    [[0.0, 1.0, 0.0]]
    """
    if sigmoid_noise > 0:
        score += sigmoid_noise * tf.random.normal(tf.shape(score), dtype=score.dtype, seed=seed)
    if mode == "hard":
        p_choose_i = tf.cast(score > 0, score.dtype)
    else:
        p_choose_i = tf.sigmoid(score)
    return monotonic_attention(p_choose_i, previous_alignments, mode)
