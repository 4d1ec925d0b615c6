"""`Decoder` and `dynamic_decode`: contrib.seq2seq's decoding loop.

`dynamic_decode` calls `decoder.initialize()` once, then `decoder.step(...)` in one
`tf.while_loop` until every batch entry is finished (or `maximum_iterations`), writing the
step outputs to `TensorArray`s. In eager mode the loop runs as a `tf.function` cached per
decoder (traced once), as the RNN drivers do.
"""

import abc

import tensorflow as tf

from tf1compat.cells.base import zeros_for_sizes
from tf1compat.nn.steps import DEFAULT_PARALLEL_ITERATIONS, holds_tensor_array, rows, run_traced


class Decoder(abc.ABC):
    """An RNN decoder, as in TF1: what `dynamic_decode` runs.

    Subclasses define `batch_size`, `output_size` and `output_dtype` (structures matching
    each step's output), `initialize()` returning `(finished, first_inputs, initial_state)`,
    `step(time, inputs, state)` returning `(outputs, next_state, next_inputs, finished)`,
    and optionally `finalize(outputs, final_state, sequence_lengths)`.
    """

    @property
    @abc.abstractmethod
    def batch_size(self):
        """The batch size: an int or a scalar int32 tensor."""

    @property
    @abc.abstractmethod
    def output_size(self):
        """A (structure of) int or `TensorShape`: one step's output, without the batch."""

    @property
    @abc.abstractmethod
    def output_dtype(self):
        """A (structure of) dtype matching `output_size`."""

    @abc.abstractmethod
    def initialize(self, name=None):
        """Returns `(finished, first_inputs, initial_state)`."""

    @abc.abstractmethod
    def step(self, time, inputs, state, name=None):
        """Returns `(outputs, next_state, next_inputs, finished)` for step `time`."""

    def finalize(self, outputs, final_state, sequence_lengths):
        """Post-processes the stacked outputs; TF1's default: not implemented (unchanged)."""
        raise NotImplementedError

    @property
    def tracks_own_finished(self):
        """Whether `step`'s `finished` is final (beam search reorders entries), not OR-ed."""
        return False


def dynamic_decode(decoder, output_time_major=False, impute_finished=False,
                   maximum_iterations=None, parallel_iterations=32, swap_memory=False,
                   scope=None):
    """Runs `decoder` until every entry is finished, exactly as TF1's `dynamic_decode`.

    Args:
        decoder: A `Decoder` (e.g. `BasicDecoder`, `BeamSearchDecoder`).
        output_time_major: Return `[time, batch, ...]` outputs instead of batch-major.
        impute_finished: Zero the outputs and copy the state through for entries already
            finished (slower; gradients then ignore those steps).
        maximum_iterations: Optional scalar int: stop after this many steps.
        parallel_iterations, swap_memory: Passed to `tf.while_loop`.
        scope: Variable scope (default `"decoder"`).

    Returns:
        `(final_outputs, final_state, final_sequence_lengths)`: the outputs have the
        structure of `decoder.output_size` (or what `finalize` returns), the lengths are
        `[batch]` int32 (the step at which each entry finished, plus one).

    Raises:
        TypeError: `decoder` is not a `Decoder`.
        ValueError: `maximum_iterations` is not a scalar.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.GRUCell(4)
    >>> helper = tf1compat.contrib.seq2seq.TrainingHelper(tf.ones([2, 5, 3]), [5, 2])
    >>> decoder = tf1compat.contrib.seq2seq.BasicDecoder(
    ...     cell, helper, cell.zero_state(2, tf.float32))
    >>> outputs, state, lengths = tf1compat.contrib.seq2seq.dynamic_decode(decoder)
    >>> outputs.rnn_output.shape, lengths.numpy().tolist()
    (TensorShape([2, 5, 4]), [5, 2])
    """
    if not isinstance(decoder, Decoder):
        raise TypeError(f"`decoder` must be a tf1compat.contrib.seq2seq.Decoder. "
                        f"Received: decoder={decoder!r} of type {type(decoder).__name__}")
    if maximum_iterations is not None:
        maximum_iterations = tf.convert_to_tensor(maximum_iterations, tf.int32)
        if maximum_iterations.shape.rank != 0:
            raise ValueError("`maximum_iterations` must be a scalar. Received: "
                             f"maximum_iterations.shape={maximum_iterations.shape}")
    with tf.compat.v1.variable_scope(scope, default_name="decoder"):
        # A decoder built eagerly may hold an eager TensorArray (the alignment history of
        # its initial state), which no tf.function can capture: it then runs op by op.
        eager_arrays = holds_tensor_array(
            [value for value in vars(decoder).values() if isinstance(value, (tuple, list))])
        return run_traced(_decode, decoder, maximum_iterations, op_by_op=eager_arrays,
                          output_time_major=output_time_major, impute_finished=impute_finished,
                          parallel_iterations=parallel_iterations or DEFAULT_PARALLEL_ITERATIONS,
                          swap_memory=swap_memory)


def _decode(decoder, maximum_iterations, output_time_major, impute_finished,
            parallel_iterations, swap_memory):
    finished, inputs, state = decoder.initialize()
    if maximum_iterations is not None:
        finished = tf.logical_or(finished, maximum_iterations <= 0)
    batch_size = decoder.batch_size
    zero_outputs = tf.nest.map_structure(
        lambda size, dtype: zeros_for_sizes(size, batch_size, dtype),
        decoder.output_size, decoder.output_dtype)
    static_batch = tf.get_static_value(batch_size)
    output_tas = tf.nest.map_structure(
        lambda size, dtype: tf.TensorArray(
            dtype, size=0, dynamic_size=True,
            element_shape=_element_shape(static_batch, size)),
        decoder.output_size, decoder.output_dtype)

    def body(time, output_tas, state, inputs, finished, lengths):
        outputs, next_state, next_inputs, step_finished = decoder.step(time, inputs, state)
        next_finished = step_finished if decoder.tracks_own_finished else tf.logical_or(
            step_finished, finished)
        lengths = tf.where(finished, lengths, tf.fill(tf.shape(lengths), time + 1))
        tf.nest.assert_same_structure(state, next_state)
        tf.nest.assert_same_structure(output_tas, outputs)
        tf.nest.assert_same_structure(inputs, next_inputs)
        if impute_finished:
            outputs = tf.nest.map_structure(
                lambda out, zero: tf.where(rows(finished, out), zero, out), outputs, zero_outputs)
            next_state = tf.nest.map_structure(
                lambda new, old: _copy_through(finished, new, old), next_state, state)
        output_tas = tf.nest.map_structure(lambda ta, out: ta.write(time, out), output_tas, outputs)
        return time + 1, output_tas, next_state, next_inputs, next_finished, lengths

    _, output_tas, state, _, _, lengths = tf.while_loop(
        lambda *loop_vars: tf.logical_not(tf.reduce_all(loop_vars[4])), body,
        (tf.constant(0), output_tas, state, inputs, finished,
         tf.zeros_like(finished, dtype=tf.int32)),
        parallel_iterations=parallel_iterations, maximum_iterations=maximum_iterations,
        swap_memory=swap_memory)
    outputs = tf.nest.map_structure(lambda ta: ta.stack(), output_tas)
    try:
        outputs, state = decoder.finalize(outputs, state, lengths)
    except NotImplementedError:
        pass
    if not output_time_major:
        outputs = tf.nest.map_structure(_to_batch_major, outputs)
    return outputs, state, lengths


def _element_shape(static_batch, size):
    """TF1's rule: a known element shape only for a `TensorShape` of rank >= 1 (else inferred)."""
    if not isinstance(size, tf.TensorShape) or size.rank == 0:
        return None
    return tf.TensorShape([static_batch]).concatenate(size)


def _copy_through(finished, new, old):
    """TF1's `impute_finished` state rule: TensorArrays and scalars pass through."""
    if isinstance(old, tf.TensorArray):
        return new
    new.set_shape(old.shape)
    if new.shape.rank == 0:
        return new
    return tf.where(rows(finished, new), old, new)


def _to_batch_major(x):
    if x.shape.rank is not None and x.shape.rank < 2:
        return x
    return tf.transpose(x, [1, 0] + list(range(2, x.shape.rank)))
