"""contrib.seq2seq's attention mechanisms, with TF1's numbers and variable names.

A mechanism holds the memory (the encoder outputs) and scores a query against it:
`alignments, next_state = mechanism(query, state)`. As in TF1, the memory is masked and
projected (`memory_layer/kernel`) where the mechanism is constructed; the scoring variables
(`bahdanau_attention/attention_v`, `.../query_layer/kernel`, `luong_attention/attention_g`,
`.../attention_score_bias`) are made at the first call or when an `AttentionWrapper` is
built, in a scope named after the mechanism inside the caller's (the wrapper's) scope.
Unlike TF1, a mechanism shared by several wrappers keeps the variables of its first use.
"""

import math

import numpy as np
import tensorflow as tf

from tf1compat.contrib.seq2seq.attention_probabilities import (MONOTONIC_MODES,
                                                                monotonic_probability_fn)
from tf1compat.layers import Dense
from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import TF1Layer

class AttentionMechanism:
    """What `AttentionWrapper` accepts: a mechanism with `alignments_size` and `state_size`."""

    @property
    def alignments_size(self):
        raise NotImplementedError(f"{type(self).__name__} must define `alignments_size`.")

    @property
    def state_size(self):
        raise NotImplementedError(f"{type(self).__name__} must define `state_size`.")


class _BaseAttentionMechanism(TF1Layer, AttentionMechanism):
    """Masks and projects the memory; `call` scores a query and turns scores into alignments.

    Subclasses define `_create_score_weights(query_depth)` and `_score(query)`; the
    probability function receives `(masked score, previous alignments)`.
    """

    def __init__(self, num_units, memory, memory_sequence_length, probability_fn,
                 score_mask_value, dtype, custom_key_value_fn, name, query_layer):
        super().__init__()
        if not callable(probability_fn):
            raise TypeError(f"`probability_fn` must be callable. Received: "
                            f"probability_fn={probability_fn!r}")
        dtype = tf.as_dtype(dtype or tf.float32)
        self._num_units = num_units
        self._memory_layer = Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype)
        self._query_layer = (Dense(num_units, name="query_layer", use_bias=False, dtype=dtype)
                             if query_layer else None)
        self._probability_fn = probability_fn
        self._score_mask_value = (dtype.as_numpy_dtype(-np.inf) if score_mask_value is None
                                  else score_mask_value)
        with tf.name_scope(name or "BaseAttentionMechanismInit"):
            self._lengths = (None if memory_sequence_length is None else
                             tf.convert_to_tensor(memory_sequence_length,
                                                  name="memory_sequence_length"))
            values = _prepare_memory(memory, self._lengths)
            keys = self._memory_layer(values)
            if custom_key_value_fn is not None:
                keys, values = custom_key_value_fn(keys, values)
        self._memory_keys, self._memory_values = keys, values
        self._batch_size = static_dim(keys.shape, 0) or tf.shape(keys)[0]
        self._alignments_size = static_dim(keys.shape, 1) or tf.shape(keys)[1]

    memory_layer = property(lambda self: self._memory_layer, doc="The `memory_layer` Dense.")
    query_layer = property(lambda self: self._query_layer, doc="The `query_layer` Dense, or None.")
    values = property(lambda self: self._memory_values, doc="The masked memory `[B, T, D]`.")
    keys = property(lambda self: self._memory_keys, doc="The projected memory `[B, T, units]`.")
    batch_size = property(lambda self: self._batch_size, doc="The memory's batch size.")
    alignments_size = property(lambda self: self._alignments_size, doc="The memory's max time.")
    state_size = alignments_size

    @property
    def dtype(self):
        """The dtype given at construction (of `memory_layer`), as in TF1."""
        return self._memory_layer.dtype

    def initial_alignments(self, batch_size, dtype):
        """All-zero alignments `[batch_size, alignments_size]` of `dtype`."""
        return tf.zeros([batch_size, self._alignments_size], dtype)

    def initial_state(self, batch_size, dtype):
        """The mechanism's first state: `initial_alignments(batch_size, dtype)`."""
        return self.initial_alignments(batch_size, dtype)

    def build(self, query_shape):
        if self._query_layer is not None:
            with self._query_layer.variable_scope():
                self._query_layer.ensure_built(query_shape, self.variable_dtype)
        self._create_score_weights(static_dim(query_shape, -1))

    def call(self, query, state):
        """Returns `(alignments, next_state)`, both `[batch, alignments_size]`."""
        score = self._score(query)
        if self._lengths is not None:
            checks = [tf.debugging.assert_positive(
                self._lengths, message="All values in memory_sequence_length must be greater "
                                       "than zero.")]
            with tf.control_dependencies([c for c in checks if c is not None]):
                mask = tf.sequence_mask(self._lengths, maxlen=tf.shape(score)[1])
            score = tf.where(mask, score, self._score_mask_value * tf.ones_like(score))
        alignments = self._probability_fn(score, state)
        return alignments, alignments


class _AdditiveScore(_BaseAttentionMechanism):
    """Bahdanau's score `v . tanh(keys + W q)`, or its weight-normalized form."""

    def _create_score_weights(self, query_depth):
        units = self._num_units
        self._attention_v = self.add_weight("attention_v", [units])
        self._attention_g = self._attention_b = None
        if self._normalize:
            self._attention_g = self.add_weight(
                "attention_g", (), initializer=tf.compat.v1.constant_initializer(
                    math.sqrt(1.0 / units)))
            self._attention_b = self.add_weight(
                "attention_b", [units], initializer=tf.compat.v1.zeros_initializer())

    def _score(self, query):
        processed = tf.expand_dims(self._query_layer(query), 1)
        v = self._attention_v
        if self._attention_g is None:
            return tf.reduce_sum(v * tf.tanh(self.keys + processed), [2])
        normed_v = self._attention_g * v * tf.math.rsqrt(tf.reduce_sum(tf.square(v)))
        return tf.reduce_sum(normed_v * tf.tanh(self.keys + processed + self._attention_b), [2])


class _MultiplicativeScore(_BaseAttentionMechanism):
    """Luong's score `q . keys`, optionally times a learned scalar `attention_g`."""

    def _create_score_weights(self, query_depth):
        key_depth = static_dim(self.keys.shape, -1)
        if query_depth != key_depth:
            raise ValueError(
                f"The query depth must equal the keys' depth (num_units={key_depth}): Luong "
                f"attention has no query layer. Received: query depth {query_depth}")
        self._attention_g = self.add_weight(
            "attention_g", (), initializer=tf.compat.v1.ones_initializer()) if self._scale else None

    def _score(self, query):
        score = tf.squeeze(tf.matmul(tf.expand_dims(query, 1), self.keys, transpose_b=True), [1])
        return score if self._attention_g is None else self._attention_g * score


class _MonotonicMechanism(_BaseAttentionMechanism):
    """Adds a learned `attention_score_bias` to the score; starts attending at memory step 0."""

    def _create_score_weights(self, query_depth):
        super()._create_score_weights(query_depth)
        self._score_bias = self.add_weight(
            "attention_score_bias", (),
            initializer=tf.compat.v1.constant_initializer(self._score_bias_init))

    def _score(self, query):
        return super()._score(query) + self._score_bias

    def initial_alignments(self, batch_size, dtype):
        """One-hot alignments on memory step 0, `[batch_size, alignments_size]`."""
        return tf.one_hot(tf.zeros([batch_size], tf.int32), self._alignments_size, dtype=dtype)


def _softmax_probability(probability_fn):
    probability_fn = probability_fn or tf.nn.softmax
    if not callable(probability_fn):
        return probability_fn  # the base class raises
    return lambda score, _: probability_fn(score)


def _monotonic_probability(mode, sigmoid_noise, seed):
    if mode not in MONOTONIC_MODES:
        raise ValueError(f"`mode` must be one of {MONOTONIC_MODES}. Received: mode={mode!r}")
    return lambda score, previous: monotonic_probability_fn(score, previous, sigmoid_noise, mode,
                                                            seed=seed)


class BahdanauAttention(_AdditiveScore):
    """Bahdanau's additive attention, as TF1's `tf.contrib.seq2seq.BahdanauAttention`.

    `score = v . tanh(memory_layer(memory) + query_layer(query))`; with `normalize`,
    `v` is weight-normalized: `g * v / |v|` and a bias `b` inside the tanh.

    Args:
        num_units: Depth of the query and memory projections.
        memory: `[batch_size, max_time, depth]` tensor, usually the encoder outputs.
        memory_sequence_length: Optional `[batch_size]` lengths (all > 0): memory rows
            past them are zeroed and their scores set to `score_mask_value`.
        normalize: Use the weight-normalized form (`attention_g`, `attention_b`).
        probability_fn: `score -> probabilities`; default `tf.nn.softmax` (or `hardmax`).
        score_mask_value: Score of masked steps; default `-inf`.
        dtype: Dtype of the projections; default float32.
        custom_key_value_fn: Optional `(keys, values) -> (keys, values)`.
        name: Name scope of the memory ops.

    Raises:
        ValueError: `memory` is not `[batch, time, depth]` with a known depth.
        TypeError: `probability_fn` is not callable.

    Example:

    >>> memory = tf.ones([2, 5, 3])
    >>> mechanism = tf1compat.contrib.seq2seq.BahdanauAttention(4, memory, [5, 2])
    >>> alignments, _ = mechanism(tf.ones([2, 6]), mechanism.initial_state(2, tf.float32))
    >>> alignments.numpy().round(2).tolist()[1]
    [0.5, 0.5, 0.0, 0.0, 0.0]
    """

    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False,
                 probability_fn=None, score_mask_value=None, dtype=None, custom_key_value_fn=None,
                 name="BahdanauAttention"):
        self._normalize = normalize
        super().__init__(num_units, memory, memory_sequence_length,
                         _softmax_probability(probability_fn), score_mask_value, dtype,
                         custom_key_value_fn, name, query_layer=True)


class LuongAttention(_MultiplicativeScore):
    """Luong's multiplicative attention, as TF1's `tf.contrib.seq2seq.LuongAttention`.

    `score = query . memory_layer(memory)`, times a learned scalar `attention_g` with
    `scale`. The query depth must equal `num_units`.

    Args:
        num_units, memory, memory_sequence_length, probability_fn, score_mask_value,
        dtype, custom_key_value_fn, name: As in `BahdanauAttention`.
        scale: Multiply the score by `attention_g` (initialised to 1).

    Raises:
        ValueError: a bad `memory` (see `BahdanauAttention`), or, when called, a query
            whose depth is not `num_units`.

    Example:

    >>> mechanism = tf1compat.contrib.seq2seq.LuongAttention(
    ...     4, tf.ones([2, 5, 3]), probability_fn=tf1compat.contrib.seq2seq.hardmax)
    >>> alignments, _ = mechanism(tf.ones([2, 4]), mechanism.initial_state(2, tf.float32))
    >>> alignments.shape
    TensorShape([2, 5])
    """

    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False,
                 probability_fn=None, score_mask_value=None, dtype=None, custom_key_value_fn=None,
                 name="LuongAttention"):
        self._scale = scale
        super().__init__(num_units, memory, memory_sequence_length,
                         _softmax_probability(probability_fn), score_mask_value, dtype,
                         custom_key_value_fn, name, query_layer=False)


class BahdanauMonotonicAttention(_MonotonicMechanism, _AdditiveScore):
    """Monotonic attention (Raffel et al., 2017) with Bahdanau's score, as in TF1.

    The score (plus `attention_score_bias`) goes through `monotonic_probability_fn`:
    alignments only move forward in the memory.

    Args:
        num_units, memory, memory_sequence_length, normalize, score_mask_value, dtype,
        name: As in `BahdanauAttention`.
        sigmoid_noise: Standard deviation of the noise added to the scores before the
            sigmoid (0 at inference); `sigmoid_noise_seed` seeds it.
        score_bias_init: Initial value of `attention_score_bias`.
        mode: `"parallel"` (default), `"recursive"` or `"hard"`; see `monotonic_attention`.

    Raises:
        ValueError: an unknown `mode`, or a bad `memory`.

    Example:

    >>> mechanism = tf1compat.contrib.seq2seq.BahdanauMonotonicAttention(
    ...     4, tf.ones([2, 5, 3]), mode="recursive")
    >>> mechanism.initial_alignments(2, tf.float32).numpy().tolist()[0]
    [1.0, 0.0, 0.0, 0.0, 0.0]
    """

    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False,
                 score_mask_value=None, sigmoid_noise=0., sigmoid_noise_seed=None,
                 score_bias_init=0., mode="parallel", dtype=None,
                 name="BahdanauMonotonicAttention"):
        self._normalize, self._score_bias_init = normalize, score_bias_init
        super().__init__(num_units, memory, memory_sequence_length,
                         _monotonic_probability(mode, sigmoid_noise, sigmoid_noise_seed),
                         score_mask_value, dtype, None, name, query_layer=True)


class LuongMonotonicAttention(_MonotonicMechanism, _MultiplicativeScore):
    """Monotonic attention (Raffel et al., 2017) with Luong's score, as in TF1.

    Args:
        num_units, memory, memory_sequence_length, scale, score_mask_value, dtype,
        name: As in `LuongAttention`.
        sigmoid_noise, sigmoid_noise_seed, score_bias_init, mode: As in
            `BahdanauMonotonicAttention`.

    Raises:
        ValueError: an unknown `mode`, or a bad `memory`.

    Example:

    >>> mechanism = tf1compat.contrib.seq2seq.LuongMonotonicAttention(
    ...     3, tf.ones([2, 5, 3]), [5, 2], mode="hard", score_bias_init=1.0)
    >>> alignments, _ = mechanism(tf.zeros([2, 3]), mechanism.initial_state(2, tf.float32))
    >>> alignments.numpy().tolist()
    [[1.0, 0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0]]
    """

    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False,
                 score_mask_value=None, sigmoid_noise=0., sigmoid_noise_seed=None,
                 score_bias_init=0., mode="parallel", dtype=None,
                 name="LuongMonotonicAttention"):
        self._scale, self._score_bias_init = scale, score_bias_init
        super().__init__(num_units, memory, memory_sequence_length,
                         _monotonic_probability(mode, sigmoid_noise, sigmoid_noise_seed),
                         score_mask_value, dtype, None, name, query_layer=False)


def _prepare_memory(memory, lengths):
    """`memory` as a tensor, checked, with rows past `lengths` zeroed."""
    memory = tf.convert_to_tensor(memory, name="memory")
    if memory.shape.rank is not None and memory.shape.rank != 3:
        raise ValueError("`memory` must have shape [batch_size, max_time, depth]. "
                         f"Received: memory.shape={memory.shape}")
    if not memory.shape[2:].is_fully_defined():
        raise ValueError("The depth of `memory` must be known (its last dimension). "
                         f"Received: memory.shape={memory.shape}")
    if lengths is None:
        return memory
    mask = tf.sequence_mask(lengths, maxlen=tf.shape(memory)[1], dtype=memory.dtype)
    return memory * tf.expand_dims(mask, -1)
