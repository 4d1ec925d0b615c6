"""contrib.rnn's `EmbeddingWrapper`, `InputProjectionWrapper` and `OutputProjectionWrapper`.

TF1 kept them in `core_rnn_cell`. Unlike `DropoutWrapper`, each is a cell with a variable
scope of its own, named after its class, and the wrapped cell's variables sit inside it:
`rnn/embedding_wrapper/embedding`, `rnn/embedding_wrapper/gru_cell/gates/kernel`,
`output_projection_wrapper/kernel`, `output_projection_wrapper/bias`.
"""

import math

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size, zero_state
from tf1compat.cells.base import RNNCell
from tf1compat.options import input_depth


class _ScopedWrapper(RNNCell):
    """A cell around `cell`, whose variables (and the wrapped cell's) live in its own scope."""

    def __init__(self, cell, reuse=None, **kwargs):
        super().__init__(reuse=reuse, **kwargs)
        check_cell(cell)
        self._cell = cell

    @property
    def wrapped_cell(self):
        return self._cell

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return output_size(self._cell)

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(f"{type(self).__name__}ZeroState"):
            return zero_state(self._cell, batch_size, dtype)

    def _add_projection(self, depth, units):
        """Creates TF1's `_Linear` variables: `kernel [depth, units]` and a zero `bias [units]`."""
        self._kernel = self.add_weight("kernel", shape=[depth, units])
        self._bias = self.add_weight("bias", shape=[units],
                                     initializer=tf.compat.v1.zeros_initializer())

    def _project(self, x):
        projected = tf.nn.bias_add(tf.matmul(x, self._kernel), self._bias)
        return self._activation(projected) if self._activation else projected


class EmbeddingWrapper(_ScopedWrapper):
    """Embeds integer ids before the wrapped cell, as contrib.rnn's `EmbeddingWrapper`.

    Each step takes ids of shape `[batch]` or `[batch, 1]`, looks them up in
    `embedding [embedding_classes, embedding_size]` (on the CPU, as in TF1) and runs
    `cell` on the result. Under `tf1compat.nn.static_rnn` give each step as `[batch, 1]`
    (TF1's `static_rnn` also took `[batch]`); under `dynamic_rnn`, `[batch, time, 1]`. The embedding takes the state's dtype; when a driver builds
    the wrapper before its first step, the dtype of the enclosing variable scope
    (float32 unless `variable_scope(dtype=...)` says otherwise).

    Args:
        cell: The cell to wrap (a tf1compat or Keras 3 cell).
        embedding_classes: int > 0, the number of ids.
        embedding_size: int > 0, the depth of each embedding vector.
        initializer: Initializer of the embedding; default: the variable scope's, else
            uniform in `[-sqrt(3), sqrt(3)]` (variance 1), TF1's default.
        reuse: TF1 reuse flag, as in `RNNCell`.

    Raises:
        ValueError: `embedding_classes` or `embedding_size` is not positive.

    Example:

    >>> cell = EmbeddingWrapper(GRUCell(4), embedding_classes=10, embedding_size=3)
    >>> out, state = cell(tf.constant([1, 7]), cell.zero_state(2, tf.float32))
    >>> out.shape, sorted(cell.tf1_variable_names)[0]
    (TensorShape([2, 4]), 'embedding_wrapper/embedding')
    """

    def __init__(self, cell, embedding_classes, embedding_size, initializer=None, reuse=None,
                 **kwargs):
        super().__init__(cell, reuse=reuse, **kwargs)
        if embedding_classes <= 0 or embedding_size <= 0:
            raise ValueError("`embedding_classes` and `embedding_size` must be > 0. Received: "
                             f"embedding_classes={embedding_classes}, "
                             f"embedding_size={embedding_size}")
        self._embedding_classes = embedding_classes
        self._embedding_size = embedding_size
        self._initializer = initializer

    def __call__(self, inputs, state, scope=None, **kwargs):
        if self._tf1_dtype is None:
            self._tf1_dtype = tf.nest.flatten(state)[0].dtype  # the ids' dtype is no guide
        return super().__call__(inputs, state, scope=scope, **kwargs)

    def ensure_built(self, inputs_shape, dtype):
        if tf.as_dtype(dtype).is_integer:
            dtype = self._tf1_dtype or tf.compat.v1.get_variable_scope().dtype
        super().ensure_built(inputs_shape, dtype)

    def build(self, inputs_shape):
        initializer = (self._initializer or tf.compat.v1.get_variable_scope().initializer
                       or tf.compat.v1.random_uniform_initializer(-math.sqrt(3), math.sqrt(3)))
        with tf.device("/cpu:0"):
            self.embedding = self.add_weight(
                "embedding", shape=[self._embedding_classes, self._embedding_size],
                initializer=initializer)
        build_cell(self._cell, tf.TensorShape([None, self._embedding_size]), self.variable_dtype)

    def call(self, inputs, state):
        with tf.device("/cpu:0"):
            embedded = tf.nn.embedding_lookup(self.embedding, tf.reshape(inputs, [-1]))
            return call_cell(self._cell, embedded, state)


class InputProjectionWrapper(_ScopedWrapper):
    """Projects the inputs before the wrapped cell: `cell(activation(x . kernel + bias), state)`.

    Variables: `input_projection_wrapper/kernel [depth, num_proj]` and
    `input_projection_wrapper/bias [num_proj]`, as TF1's.

    Args:
        cell: The cell to wrap.
        num_proj: int, the depth the inputs are projected to.
        activation: Optional callable applied to the projection.
        input_size: Deprecated in TF1 and unused; a warning is logged if given.
        reuse: TF1 reuse flag, as in `RNNCell`.

    Example:

    >>> cell = InputProjectionWrapper(BasicLSTMCell(4), num_proj=2)
    >>> out, state = cell(tf.ones([3, 5]), cell.zero_state(3, tf.float32))
    >>> cell.tf1_variable_names["input_projection_wrapper/kernel"].shape
    TensorShape([5, 2])
    """

    def __init__(self, cell, num_proj, activation=None, input_size=None, reuse=None, **kwargs):
        super().__init__(cell, reuse=reuse, **kwargs)
        if input_size is not None:
            tf.get_logger().warning("%s: The input_size parameter is deprecated.", self)
        self._num_proj = num_proj
        self._activation = activation

    def build(self, inputs_shape):
        self._add_projection(input_depth(inputs_shape), self._num_proj)
        build_cell(self._cell, tf.TensorShape([None, self._num_proj]), self.variable_dtype)

    def call(self, inputs, state):
        return call_cell(self._cell, self._project(inputs), state)


class OutputProjectionWrapper(_ScopedWrapper):
    """Projects the wrapped cell's outputs: `activation(output . kernel + bias)`.

    Variables: `output_projection_wrapper/kernel [cell.output_size, output_size]` and
    `output_projection_wrapper/bias [output_size]`, as TF1's.

    Args:
        cell: The cell to wrap.
        output_size: int > 0, the depth of the projected outputs.
        activation: Optional callable applied to the projection.
        reuse: TF1 reuse flag, as in `RNNCell`.

    Raises:
        ValueError: `output_size` is not positive.

    Example:

    >>> cell = OutputProjectionWrapper(GRUCell(4), output_size=7)
    >>> out, state = cell(tf.ones([3, 5]), cell.zero_state(3, tf.float32))
    >>> out.shape, state.shape
    (TensorShape([3, 7]), TensorShape([3, 4]))
    """

    def __init__(self, cell, output_size, activation=None, reuse=None, **kwargs):
        super().__init__(cell, reuse=reuse, **kwargs)
        if output_size < 1:
            raise ValueError(f"`output_size` must be > 0. Received: output_size={output_size}")
        self._projection_size = output_size
        self._activation = activation

    @property
    def output_size(self):
        return self._projection_size

    def build(self, inputs_shape):
        build_cell(self._cell, inputs_shape, self.variable_dtype)
        self._add_projection(output_size(self._cell), self._projection_size)

    def call(self, inputs, state):
        output, new_state = call_cell(self._cell, inputs, state)
        return self._project(output), new_state
