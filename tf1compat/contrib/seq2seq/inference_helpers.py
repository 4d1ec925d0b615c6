"""contrib.seq2seq's inference helpers: feed back the embedded argmax, a sample, or anything."""

import tensorflow as tf

from tf1compat.contrib.seq2seq.helpers import Helper, embedding_fn
from tf1compat.contrib.seq2seq.sampling import categorical_sample


class GreedyEmbeddingHelper(Helper):
    """Inference: feed back the embedded argmax until `end_token`.

    Args:
        embedding: An embedding matrix `[vocab, depth]` or a callable on ids.
        start_tokens: `[batch]` int32 first tokens.
        end_token: Scalar int32: an entry is finished once it emits it.

    Raises:
        ValueError: `start_tokens` is not a vector or `end_token` not a scalar.
    """

    def __init__(self, embedding, start_tokens, end_token):
        self._embedding_fn = embedding_fn(embedding)
        self._start_tokens, self._end_token = checked_tokens(start_tokens, end_token)
        self._batch_size = tf.size(self._start_tokens)
        self._start_inputs = self._embedding_fn(self._start_tokens)

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
        return tf.tile([False], [self._batch_size]), self._start_inputs

    def sample(self, time, outputs, state, name=None):
        _check_single_tensor(outputs)
        return tf.argmax(outputs, axis=-1, output_type=tf.int32)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished = tf.equal(sample_ids, self._end_token)
        next_inputs = tf.cond(tf.reduce_all(finished), lambda: self._start_inputs,
                              lambda: self._embedding_fn(sample_ids))
        return finished, next_inputs, state


class SampleEmbeddingHelper(GreedyEmbeddingHelper):
    """Inference: feed back an embedded sample of the softmax (optionally tempered).

    Args:
        embedding, start_tokens, end_token: As for `GreedyEmbeddingHelper`.
        softmax_temperature: Optional float dividing the logits.
        seed: Seed of the sample.
    """

    def __init__(self, embedding, start_tokens, end_token, softmax_temperature=None,
                 seed=None):
        super().__init__(embedding, start_tokens, end_token)
        self._softmax_temperature = softmax_temperature
        self._seed = seed

    def sample(self, time, outputs, state, name=None):
        _check_single_tensor(outputs)
        logits = outputs if self._softmax_temperature is None else \
            outputs / self._softmax_temperature
        return categorical_sample(logits=logits, seed=self._seed)


class InferenceHelper(Helper):
    """Inference with user functions: `sample_fn(outputs)`, `end_fn(sample_ids)`.

    Args:
        sample_fn: Outputs -> sample ids.
        sample_shape, sample_dtype: Shape (without batch) and dtype of the sample ids.
        start_inputs: `[batch, ...]` first inputs.
        end_fn: Sample ids -> `[batch]` bool finished.
        next_inputs_fn: Optional sample ids -> next inputs (default: the ids).
    """

    def __init__(self, sample_fn, sample_shape, sample_dtype, start_inputs, end_fn,
                 next_inputs_fn=None):
        self._sample_fn = sample_fn
        self._end_fn = end_fn
        self._sample_shape = tf.TensorShape(sample_shape)
        self._sample_dtype = sample_dtype
        self._next_inputs_fn = next_inputs_fn
        self._start_inputs = tf.convert_to_tensor(start_inputs)
        self._batch_size = tf.shape(self._start_inputs)[0]

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_dtype

    def initialize(self, name=None):
        return tf.tile([False], [self._batch_size]), self._start_inputs

    def sample(self, time, outputs, state, name=None):
        return self._sample_fn(outputs)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        next_inputs = sample_ids if self._next_inputs_fn is None else \
            self._next_inputs_fn(sample_ids)
        return self._end_fn(sample_ids), next_inputs, state


def checked_tokens(start_tokens, end_token):
    """`(start_tokens, end_token)` as int32 tensors: a `[batch]` vector and a scalar.

    Raises:
        ValueError: `start_tokens` is not a vector or `end_token` not a scalar.
    """
    start_tokens = tf.convert_to_tensor(start_tokens, tf.int32)
    end_token = tf.convert_to_tensor(end_token, tf.int32)
    if start_tokens.shape.rank != 1:
        raise ValueError(f"start_tokens must be a vector. Received: start_tokens.shape="
                         f"{start_tokens.shape}")
    if end_token.shape.rank != 0:
        raise ValueError(f"end_token must be a scalar. Received: end_token.shape={end_token.shape}")
    return start_tokens, end_token


def _check_single_tensor(outputs):
    if not tf.is_tensor(outputs):
        raise TypeError(f"Expected outputs to be a single Tensor. Received: {type(outputs)}")
