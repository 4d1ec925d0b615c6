"""contrib.seq2seq's helpers: how a `BasicDecoder` samples and picks its next inputs.

Training helpers read the next input from the ground truth (`TrainingHelper`) or, with
some probability, from the model's own output (the two scheduled-sampling helpers); the
inference helpers are in `inference_helpers`. Random draws use TF1's ops and seeds
(`sampling`), so in a graph with a graph seed and explicit seeds they equal TF1's.
"""


import abc

import tensorflow as tf

from tf1compat.contrib.seq2seq.sampling import bernoulli_sample, categorical_sample


class Helper(abc.ABC):
    """The interface `BasicDecoder` drives: `initialize`, `sample`, `next_inputs`."""

    @property
    @abc.abstractmethod
    def batch_size(self):
        """The batch size (an int or a scalar int32 tensor)."""

    @property
    @abc.abstractmethod
    def sample_ids_shape(self):
        """`TensorShape` of one entry's sample ids (without the batch)."""

    @property
    @abc.abstractmethod
    def sample_ids_dtype(self):
        """The dtype of the sample ids."""

    @abc.abstractmethod
    def initialize(self, name=None):
        """Returns `(finished, first_inputs)`."""

    @abc.abstractmethod
    def sample(self, time, outputs, state, name=None):
        """Returns the sample ids of step `time`."""

    @abc.abstractmethod
    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        """Returns `(finished, next_inputs, next_state)`."""


class CustomHelper(Helper):
    """A helper made of three functions.

    Args:
        initialize_fn: `() -> (finished, next_inputs)`.
        sample_fn: `(time, outputs, state) -> sample_ids`.
        next_inputs_fn: `(time, outputs, state, sample_ids) -> (finished, next_inputs,
            next_state)`.
        sample_ids_shape: Shape of one entry's sample ids (default: a scalar).
        sample_ids_dtype: Their dtype (default int32).
    """

    def __init__(self, initialize_fn, sample_fn, next_inputs_fn, sample_ids_shape=None,
                 sample_ids_dtype=None):
        self._initialize_fn = initialize_fn
        self._sample_fn = sample_fn
        self._next_inputs_fn = next_inputs_fn
        self._batch_size = None
        self._sample_ids_shape = tf.TensorShape(sample_ids_shape or [])
        self._sample_ids_dtype = sample_ids_dtype or tf.int32

    @property
    def batch_size(self):
        if self._batch_size is None:
            raise ValueError("batch_size accessed before initialize was called")
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_ids_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_ids_dtype

    def initialize(self, name=None):
        finished, next_inputs = self._initialize_fn()
        if self._batch_size is None:
            self._batch_size = tf.size(finished)
        return finished, next_inputs

    def sample(self, time, outputs, state, name=None):
        return self._sample_fn(time=time, outputs=outputs, state=state)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        return self._next_inputs_fn(time=time, outputs=outputs, state=state,
                                    sample_ids=sample_ids)


class TrainingHelper(Helper):
    """Teacher forcing: step `t` reads `inputs[:, t]` until each entry's length.

    Args:
        inputs: `[batch, time, ...]` (or `[time, batch, ...]` with `time_major`), or a
            structure of such tensors.
        sequence_length: `[batch]` int lengths.
        time_major: Layout of `inputs`.
        name: Unused (TF1's name scope).

    Raises:
        ValueError: `sequence_length` is not a vector.
    """

    def __init__(self, inputs, sequence_length, time_major=False, name=None):
        inputs = tf.nest.map_structure(tf.convert_to_tensor, inputs)
        self._inputs = inputs
        if not time_major:
            inputs = tf.nest.map_structure(_swap_batch_time, inputs)
        self._time_major_inputs = inputs
        self._input_tas = None  # made by `initialize`, in the graph that runs the loop
        self._sequence_length = tf.convert_to_tensor(sequence_length)
        if self._sequence_length.shape.rank != 1:
            raise ValueError("Expected sequence_length to be a vector, but received shape: "
                             f"{self._sequence_length.shape}. Received: sequence_length="
                             f"{sequence_length!r}")
        self._zero_inputs = tf.nest.map_structure(lambda x: tf.zeros_like(x[0, :]), inputs)
        self._batch_size = tf.size(self._sequence_length)

    @property
    def inputs(self):
        return self._inputs

    @property
    def sequence_length(self):
        return self._sequence_length

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return tf.TensorShape([])

    @property
    def sample_ids_dtype(self):
        return tf.int32

    def initialize(self, name=None):
        self._input_tas = tf.nest.map_structure(_unstacked, self._time_major_inputs)
        return self._inputs_at(0)

    def sample(self, time, outputs, name=None, **unused_kwargs):
        return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)

    def next_inputs(self, time, outputs, state, name=None, **unused_kwargs):
        finished, next_inputs = self._inputs_at(time + 1)
        return finished, next_inputs, state

    def _inputs_at(self, time):
        """`(finished, inputs of step time)`; zeros once every entry is finished."""
        finished = time >= self._sequence_length
        next_inputs = tf.cond(
            tf.reduce_all(finished), lambda: self._zero_inputs,
            lambda: tf.nest.map_structure(lambda ta: ta.read(time), self._input_tas))
        return finished, next_inputs


class ScheduledEmbeddingTrainingHelper(TrainingHelper):
    """Teacher forcing where each entry, with `sampling_probability`, feeds back an embedded sample.

    Args:
        inputs, sequence_length, time_major: As for `TrainingHelper`.
        embedding: An embedding matrix `[vocab, depth]` or a callable on ids.
        sampling_probability: Scalar or `[batch]` probability of sampling.
        seed: Seed of the categorical sample; scheduling_seed: of the coin.
        name: Unused.

    Raises:
        ValueError: `sampling_probability` is not a scalar or a vector.
    """

    def __init__(self, inputs, sequence_length, embedding, sampling_probability,
                 time_major=False, seed=None, scheduling_seed=None, name=None):
        self._embedding_fn = embedding_fn(embedding)
        self._sampling_probability = _probability(sampling_probability)
        self._seed = seed
        self._scheduling_seed = scheduling_seed
        super().__init__(inputs, sequence_length, time_major=time_major, name=name)

    def sample(self, time, outputs, state, name=None):
        select = bernoulli_sample(probs=self._sampling_probability, dtype=tf.bool,
                                  sample_shape=self.batch_size, seed=self._scheduling_seed)
        return tf.where(select, categorical_sample(logits=outputs, seed=self._seed),
                        tf.fill([self.batch_size], -1))

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished, base_inputs, state = super().next_inputs(time, outputs, state)

        def sampled_inputs():
            return _merge_rows(sample_ids > -1, self._embedding_fn, sample_ids, base_inputs)

        next_inputs = tf.cond(tf.reduce_all(finished), lambda: base_inputs, sampled_inputs)
        return finished, next_inputs, state


class ScheduledOutputTrainingHelper(TrainingHelper):
    """Teacher forcing where each entry, with `sampling_probability`, feeds back its output.

    Args:
        inputs, sequence_length, time_major: As for `TrainingHelper`.
        sampling_probability: Scalar or `[batch]` probability of feeding back.
        seed: Seed of the coin.
        next_inputs_fn: Optional function applied to the outputs fed back.
        auxiliary_inputs: Optional tensor concatenated (last axis) to every next input.
        name: Unused.

    Raises:
        ValueError: `sampling_probability` is not a scalar or a vector.
    """

    def __init__(self, inputs, sequence_length, sampling_probability, time_major=False,
                 seed=None, next_inputs_fn=None, auxiliary_inputs=None, name=None):
        self._sampling_probability = _probability(sampling_probability)
        if auxiliary_inputs is not None:
            auxiliary_inputs = tf.convert_to_tensor(auxiliary_inputs)
            inputs = tf.nest.map_structure(lambda x, y: tf.concat((x, y), -1),
                                           tf.convert_to_tensor(inputs), auxiliary_inputs)
            if not time_major:
                auxiliary_inputs = tf.nest.map_structure(_swap_batch_time, auxiliary_inputs)
        self._auxiliary_inputs = auxiliary_inputs
        self._auxiliary_tas = None
        self._seed = seed
        self._next_inputs_fn = next_inputs_fn
        super().__init__(inputs, sequence_length, time_major=time_major, name=name)

    def initialize(self, name=None):
        if self._auxiliary_inputs is not None:
            self._auxiliary_tas = tf.nest.map_structure(_unstacked, self._auxiliary_inputs)
        return super().initialize(name)

    def sample(self, time, outputs, state, name=None):
        return bernoulli_sample(probs=self._sampling_probability, sample_shape=self.batch_size,
                                seed=self._seed)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished, base_inputs, state = super().next_inputs(time, outputs, state)
        sample_ids = tf.cast(sample_ids, tf.bool)

        def with_auxiliary(values, indices=None):
            if self._auxiliary_tas is None:
                return values
            auxiliary = tf.nest.map_structure(lambda ta: ta.read(time + 1), self._auxiliary_tas)
            if indices is not None:
                auxiliary = tf.gather_nd(auxiliary, indices)
            return tf.nest.map_structure(lambda x, y: tf.concat((x, y), -1), values, auxiliary)

        def sampled_inputs():
            if self._next_inputs_fn is None:
                return tf.compat.v1.where(sample_ids, with_auxiliary(outputs), base_inputs)
            return _merge_rows(sample_ids, lambda chosen, where: with_auxiliary(
                self._next_inputs_fn(chosen), where), outputs, base_inputs, pass_indices=True)

        nothing_sampled = tf.logical_not(tf.reduce_any(sample_ids))
        next_inputs = tf.cond(tf.logical_or(tf.reduce_all(finished), nothing_sampled),
                              lambda: base_inputs, sampled_inputs)
        return finished, next_inputs, state


def _merge_rows(chosen, transform, values, base, pass_indices=False):
    """`base` with the rows where `chosen` replaced by `transform(values[those rows])`."""
    where_chosen = tf.cast(tf.where(chosen), tf.int32)
    where_kept = tf.cast(tf.where(tf.logical_not(chosen)), tf.int32)
    picked = tf.gather_nd(values, where_chosen)
    new_rows = transform(picked, where_chosen) if pass_indices else transform(picked)
    shape = tf.shape(base)
    return (tf.scatter_nd(where_chosen, new_rows, shape)
            + tf.scatter_nd(where_kept, tf.gather_nd(base, where_kept), shape))


def embedding_fn(embedding):
    """`embedding` as a function of ids: itself if callable, else a lookup in the matrix."""
    if callable(embedding):
        return embedding
    return lambda ids: tf.nn.embedding_lookup(embedding, ids)


def _probability(sampling_probability):
    probability = tf.convert_to_tensor(sampling_probability)
    if probability.shape.rank not in (0, 1):
        raise ValueError("sampling_probability must be either a scalar or a vector. Received: "
                         f"sampling_probability.shape={probability.shape}")
    return probability


def _unstacked(x):
    return tf.TensorArray(x.dtype, size=tf.shape(x)[0], element_shape=x.shape[1:]).unstack(x)


def _swap_batch_time(x):
    return tf.transpose(x, [1, 0] + list(range(2, x.shape.rank)))
