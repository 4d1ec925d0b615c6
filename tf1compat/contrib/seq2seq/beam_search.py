"""Beam search: `BeamSearchDecoder` and its state and output tuples, as contrib.seq2seq had them.

The decoder keeps `beam_width` hypotheses per batch entry. Each step runs the cell on all
`batch * beam_width` of them, adds the step's log-probabilities to each beam's total,
divides by TF1's length penalty `((5 + length) / 6) ** alpha` (plus the coverage penalty
of attention cells), keeps the best `beam_width` (beam, word) pairs with `top_k`, and
reorders the cell state by the chosen parents. Finished beams only extend with the end
token, at no cost. `finalize` follows the parents back (`gather_tree`) into `predicted_ids`.
"""

import collections

import numpy as np
import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size
from tf1compat.contrib.seq2seq.basic_decoder import (build_output_layer, check_output_layer,
                                                     projected_size)
from tf1compat.contrib.seq2seq.beam_search_ops import gather_tree
from tf1compat.contrib.seq2seq.decoder import Decoder
from tf1compat.contrib.seq2seq.helpers import embedding_fn
from tf1compat.contrib.seq2seq.inference_helpers import checked_tokens


class BeamSearchDecoderState(collections.namedtuple(
        "BeamSearchDecoderState",
        ("cell_state", "log_probs", "finished", "lengths", "accumulated_attention_probs"))):
    """The decoder state: the cell's state and, per `[batch, beam]`, the beam bookkeeping."""

    __slots__ = ()


class BeamSearchDecoderOutput(collections.namedtuple(
        "BeamSearchDecoderOutput", ("scores", "predicted_ids", "parent_ids"))):
    """Each step's `[batch, beam]` scores, chosen word ids and parent beam ids."""

    __slots__ = ()


class FinalBeamSearchDecoderOutput(collections.namedtuple(
        "FinalBeamDecoderOutput", ("predicted_ids", "beam_search_decoder_output"))):
    """`predicted_ids` `[batch, time, beam]` (full hypotheses) and the per-step outputs."""

    __slots__ = ()


class BeamSearchDecoder(Decoder):
    """TF1's beam search decoder, for `dynamic_decode` (which returns its `finalize` output).

    The initial state must be tiled to `batch * beam_width` (`tile_batch`); so must an
    attention mechanism's memory. Variables are the cell's and output layer's, under the
    decoder's scope, as for `BasicDecoder`.

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        embedding: Embedding matrix `[vocab, depth]` or a callable on ids.
        start_tokens: `[batch]` int32.
        end_token: Scalar int32.
        initial_state: The cell's state for `batch * beam_width` entries.
        beam_width: int.
        output_layer: Optional layer giving the logits from the cell output.
        length_penalty_weight: float `alpha` (0 disables it).
        coverage_penalty_weight: float (0 disables it; needs an attention cell).
        reorder_tensor_arrays: Reorder `TensorArray`s in the cell state (alignment
            history) by the final beams.

    Raises:
        TypeError: `cell` or `output_layer` is of the wrong type.
        ValueError: `start_tokens` is not a vector or `end_token` not a scalar.
    """

    def __init__(self, cell, embedding, start_tokens, end_token, initial_state, beam_width,
                 output_layer=None, length_penalty_weight=0.0, coverage_penalty_weight=0.0,
                 reorder_tensor_arrays=True):
        check_cell(cell)
        check_output_layer(output_layer)
        self._cell = cell
        self._output_layer = output_layer
        self._beam_width = beam_width
        self._length_penalty_weight = length_penalty_weight
        self._coverage_penalty_weight = coverage_penalty_weight
        self._reorder_tensor_arrays = reorder_tensor_arrays
        self._embedding_fn = embedding_fn(embedding)
        start_tokens, self._end_token = checked_tokens(start_tokens, end_token)
        self._batch_size = tf.size(start_tokens)
        self._start_tokens = tf.tile(tf.expand_dims(start_tokens, 1), [1, beam_width])
        # Embedded here, as TF1 did: an embedding function's layers get the caller's scope.
        self._start_inputs = self._embedding_fn(self._start_tokens)
        self._initial_cell_state = tf.nest.map_structure(
            self._maybe_split, initial_state, cell.state_size)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def tracks_own_finished(self):
        return True

    def _rnn_output_size(self):
        return projected_size(self._cell, self._output_layer)

    @property
    def output_size(self):
        beams = tf.TensorShape([self._beam_width])
        return BeamSearchDecoderOutput(beams, beams, beams)

    @property
    def output_dtype(self):
        dtype = tf.nest.flatten(self._initial_cell_state)[0].dtype
        return BeamSearchDecoderOutput(
            tf.nest.map_structure(lambda _: dtype, self._rnn_output_size()), tf.int32, tf.int32)

    def initialize(self, name=None):
        dtype = tf.nest.flatten(self._initial_cell_state)[0].dtype
        start_inputs = self._start_inputs
        first_beam = tf.zeros([self._batch_size], tf.int32)
        finished = tf.one_hot(first_beam, self._beam_width, on_value=False, off_value=True,
                              dtype=tf.bool)
        log_probs = tf.one_hot(first_beam, self._beam_width,
                               on_value=tf.constant(0.0, dtype), off_value=tf.constant(-np.inf, dtype),
                               dtype=dtype)
        attention_probs = _attention_probs(self._initial_cell_state, self._coverage_penalty_weight)
        state = BeamSearchDecoderState(
            cell_state=self._initial_cell_state, log_probs=log_probs, finished=finished,
            lengths=tf.zeros([self._batch_size, self._beam_width], tf.int64),
            accumulated_attention_probs=() if attention_probs is None else attention_probs)
        build_cell(self._cell, tf.TensorShape([None]).concatenate(start_inputs.shape[2:]), dtype)
        if self._output_layer is not None:
            build_output_layer(self._output_layer, output_size(self._cell), dtype)
        return finished, start_inputs, state

    def step(self, time, inputs, state, name=None):
        inputs = tf.nest.map_structure(lambda x: self._merge(x, x.shape[2:]), inputs)
        cell_state = tf.nest.map_structure(self._maybe_merge, state.cell_state,
                                           self._cell.state_size)
        cell_outputs, next_cell_state = call_cell(self._cell, inputs, cell_state)
        cell_outputs = tf.nest.map_structure(lambda x: self._split(x, x.shape[1:]), cell_outputs)
        next_cell_state = tf.nest.map_structure(self._maybe_split, next_cell_state,
                                                self._cell.state_size)
        if self._output_layer is not None:
            cell_outputs = self._output_layer(cell_outputs)
        output, next_state = self._search_step(cell_outputs, next_cell_state, state)
        next_inputs = tf.cond(tf.reduce_all(next_state.finished),
                              lambda: self._start_inputs,
                              lambda: self._embedding_fn(output.predicted_ids))
        return output, next_state, next_inputs, next_state.finished

    def finalize(self, outputs, final_state, sequence_lengths):
        max_lengths = tf.cast(tf.reduce_max(final_state.lengths, axis=1), tf.int32)
        predicted_ids = gather_tree(outputs.predicted_ids, outputs.parent_ids, max_lengths,
                                    self._end_token)
        if self._reorder_tensor_arrays:
            final_state = final_state._replace(cell_state=tf.nest.map_structure(
                lambda t: self._sorted_array(t, outputs.parent_ids, final_state.lengths),
                final_state.cell_state))
        return FinalBeamSearchDecoderOutput(predicted_ids, outputs), final_state

    def _search_step(self, logits, next_cell_state, state):
        """TF1's `_beam_search_step`: score, pick the best beams, reorder the state."""
        batch_size, beam_width, end_token = self._batch_size, self._beam_width, self._end_token
        static_batch = tf.get_static_value(batch_size)
        not_finished = tf.logical_not(state.finished)
        step_log_probs = _mask_finished_probs(tf.nn.log_softmax(logits), end_token, state.finished)
        total_probs = tf.expand_dims(state.log_probs, 2) + step_log_probs
        vocab_size = logits.shape[-1] if logits.shape[-1] is not None else tf.shape(logits)[-1]
        # A word grows its beam by one, except the end token and words of finished beams.
        grows = tf.logical_and(tf.expand_dims(not_finished, 2),
                               tf.not_equal(tf.range(vocab_size), end_token))
        accumulated = None
        attention_probs = _attention_probs(next_cell_state, self._coverage_penalty_weight)
        if attention_probs is not None:
            attention_probs *= tf.expand_dims(tf.cast(not_finished, tf.float32), 2)
            accumulated = state.accumulated_attention_probs + attention_probs
        scores = _scores(total_probs, state.lengths, grows, self._length_penalty_weight,
                         self._coverage_penalty_weight, state.finished, accumulated)
        next_scores, word_indices = tf.nn.top_k(tf.reshape(scores, [batch_size, -1]),
                                                k=beam_width)
        next_scores.set_shape([static_batch, beam_width])
        word_indices.set_shape([static_batch, beam_width])

        flat_beams = [batch_size * beam_width, -1]
        next_probs = _gather_beams(word_indices, total_probs, batch_size, beam_width * vocab_size,
                                   [-1])
        next_word_ids = tf.cast(tf.math.floormod(word_indices, vocab_size), tf.int32)
        parents = tf.cast(word_indices / vocab_size, tf.int32)

        def by_parent(values, gather_shape):
            return _gather_beams(parents, values, batch_size, beam_width, gather_shape)

        previously_finished = by_parent(state.finished, [-1])
        next_finished = tf.logical_or(previously_finished, tf.equal(next_word_ids, end_token))
        next_lengths = by_parent(state.lengths, [-1]) + tf.cast(
            tf.logical_not(previously_finished), tf.int64)
        next_accumulated = () if accumulated is None else by_parent(accumulated, flat_beams)
        next_cell_state = tf.nest.map_structure(
            lambda t: t if isinstance(t, tf.TensorArray) or t.shape.rank < 2 else by_parent(
                t, flat_beams), next_cell_state)
        output = BeamSearchDecoderOutput(next_scores, next_word_ids, parents)
        return output, BeamSearchDecoderState(next_cell_state, next_probs, next_finished,
                                              next_lengths, next_accumulated)

    def _merge(self, t, inner_shape):
        """`[batch, beam, ...]` -> `[batch * beam, ...]`."""
        static_batch = tf.get_static_value(self._batch_size)
        merged = tf.reshape(t, tf.concat(([self._batch_size * self._beam_width], tf.shape(t)[2:]), 0))
        merged.set_shape(tf.TensorShape([None if static_batch is None else
                                         static_batch * self._beam_width]).concatenate(inner_shape))
        return merged

    def _split(self, t, inner_shape):
        """`[batch * beam, ...]` -> `[batch, beam, ...]`, with TF1's check on the shape."""
        split = tf.reshape(t, tf.concat(([self._batch_size, self._beam_width], tf.shape(t)[1:]), 0))
        expected = tf.TensorShape([tf.get_static_value(self._batch_size),
                                   self._beam_width]).concatenate(inner_shape)
        if not split.shape.is_compatible_with(expected):
            raise ValueError(
                f"Unexpected behavior when reshaping between beam width and batch size. The "
                f"reshaped tensor has shape: {split.shape}. We expected it to have shape "
                f"(batch_size, beam_width, depth) == {expected}. Perhaps you forgot to create "
                "a zero_state with batch_size=encoder_batch_size * beam_width?")
        split.set_shape(expected)
        return split

    def _maybe_split(self, t, size):
        if isinstance(t, tf.TensorArray) or t.shape.rank < 1:
            return t
        return self._split(t, _as_shape(size))

    def _maybe_merge(self, t, size):
        if isinstance(t, tf.TensorArray) or t.shape.rank < 2:
            return t
        return self._merge(t, _as_shape(size))

    def _sorted_array(self, t, parent_ids, lengths):
        """A `TensorArray` of the cell state (alignment history) in the final beams' order."""
        if not isinstance(t, tf.TensorArray) or t.element_shape.rank in (None, 0):
            return t
        stacked = t.stack()
        max_time = tf.shape(parent_ids)[0]
        beams = tf.broadcast_to(tf.range(self._beam_width), tf.shape(parent_ids))
        sorted_beams = gather_tree(beams, parent_ids, tf.cast(tf.reduce_max(lengths, 1), tf.int32),
                                   self._beam_width + 1)
        in_bounds = tf.transpose(tf.sequence_mask(lengths, maxlen=max_time), [2, 0, 1])
        sorted_beams = tf.where(in_bounds, sorted_beams, beams)
        shape = tf.shape(stacked)
        by_beam = tf.reshape(stacked, [max_time, self._batch_size, self._beam_width, -1])
        return tf.reshape(tf.gather(by_beam, sorted_beams, batch_dims=2), shape)


def _as_shape(size):
    """A state size as a `TensorShape`; a size known only as a tensor (an attention memory's
    length) gives an unknown shape, as in TF1."""
    return tf.TensorShape(tf.get_static_value(size) if tf.is_tensor(size) else size)


def _mask_finished_probs(log_probs, end_token, finished):
    """Finished beams may only emit `end_token`, at log-probability 0."""
    vocab_size = tf.shape(log_probs)[2]
    end_row = tf.one_hot(end_token, vocab_size, dtype=log_probs.dtype,
                         on_value=tf.constant(0.0, log_probs.dtype), off_value=log_probs.dtype.min)
    return tf.where(tf.expand_dims(finished, 2), tf.reshape(end_row, [1, 1, -1]), log_probs)


def _scores(log_probs, lengths, grows, length_penalty_weight, coverage_penalty_weight, finished,
            accumulated_attention_probs):
    """TF1's scores: log-probabilities over the length penalty, plus the coverage penalty.

    Each `[batch, beam, word]` length is the beam's `lengths`, plus one where `grows`; the
    penalty is computed for those two values per beam, then spread over the words (TF1
    took the power of every `[batch, beam, vocab]` entry: the same numbers, vocab times the work).
    """
    penalty = _length_penalty(lengths, length_penalty_weight)
    if penalty is not None:
        penalty = tf.where(grows, tf.expand_dims(_length_penalty(lengths + 1, length_penalty_weight), 2),
                           tf.expand_dims(penalty, 2))
        log_probs = log_probs / tf.cast(penalty, log_probs.dtype)
    weight = tf.convert_to_tensor(coverage_penalty_weight)
    if weight.shape.rank != 0:
        raise ValueError("coverage_penalty_weight should be a scalar. Received: "
                         f"coverage_penalty_weight.shape={weight.shape}")
    if tf.get_static_value(weight) == 0.0:
        return log_probs
    probs = tf.where(tf.equal(accumulated_attention_probs, 0.0),
                     tf.ones_like(accumulated_attention_probs), accumulated_attention_probs)
    coverage = tf.reduce_sum(tf.math.log(tf.minimum(probs, 1.0)), 2)
    coverage *= tf.cast(finished, tf.float32)
    return log_probs + tf.expand_dims(coverage * weight, 2)


def _length_penalty(lengths, weight):
    """TF1 (Wu et al. 2016): `((5 + length) / 6) ** weight`; `None` when `weight` is 0 (no-op)."""
    weight = tf.convert_to_tensor(weight)
    weight.set_shape(())
    if tf.get_static_value(weight) == 0:
        return None
    return (5.0 + tf.cast(lengths, tf.float32)) ** weight / (5.0 + 1.0) ** weight


def _attention_probs(cell_state, coverage_penalty_weight):
    """The alignments of the attention states in `cell_state`, averaged; `None` without penalty."""
    if coverage_penalty_weight == 0.0:
        return None
    from tf1compat.contrib.seq2seq.attention_wrapper import AttentionWrapperState
    states = [cell_state] if isinstance(cell_state, AttentionWrapperState) else [
        s for s in (cell_state if isinstance(cell_state, tuple) else ())
        if isinstance(s, AttentionWrapperState)]
    if not states:
        raise ValueError("coverage_penalty_weight must be 0.0 if no cell is attentional. "
                         f"Received: coverage_penalty_weight={coverage_penalty_weight}")
    probs = [_mean_alignments(s.alignments) for s in states]
    return probs[0] if len(probs) == 1 else tf.reduce_mean(tf.stack(probs, -1), -1)


def _mean_alignments(alignments):
    if isinstance(alignments, tuple):
        return tf.reduce_mean(tf.stack(alignments, -1), -1)
    return alignments


def _gather_beams(indices, values, batch_size, range_size, gather_shape):
    """TF1's `_tensor_gather_helper`: per batch entry, `values` at `indices` (flat offsets)."""
    offsets = tf.expand_dims(tf.range(batch_size) * range_size, 1)
    gathered = tf.gather(tf.reshape(values, gather_shape), tf.reshape(indices + offsets, [-1]))
    output = tf.reshape(gathered, tf.shape(values)[:1 + len(gather_shape)])
    output.set_shape(tf.TensorShape([tf.get_static_value(batch_size)]).concatenate(
        values.shape[1:1 + len(gather_shape)]))
    return output
