"""The TF1 `RNNCell` base class and `LSTMStateTuple`, on `TF1Layer`."""

import collections
import copy
import functools

import tensorflow as tf

from tf1compat.options import check_supported_dtype, resolve_activation
from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import TF1Layer, in_graph_mode


class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """The `(c, h)` state of an LSTM cell, as in TF1.

    `c` is the memory (cell) state and `h` the hidden state / output. Keras 3
    cells use the opposite order, `[h, c]`.
    """

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(
                "Inconsistent dtypes in LSTMStateTuple. "
                f"Received: c.dtype={c.dtype!r}, h.dtype={h.dtype!r}"
            )
        return c.dtype


class RNNCell(TF1Layer):
    """Abstract TF1 recurrent cell: `output, new_state = cell(inputs, state)`.

    Subclasses define `state_size`, `output_size`, `build(inputs_shape)` (creating
    variables with `self.add_weight(name, shape, initializer=...)`) and
    `call(inputs, state)`. TF1 user subclasses keep working unchanged. Variables
    are named and created as in TF1 (see `TF1Layer`).

    TF1's oldest cells instead override `__call__` and call `tf.compat.v1.get_variable`
    in it. In a graph that reuses variables by scope, as in TF1. Eagerly and in
    `tf.function`, where TF1 would make new variables at every call, such a cell gets
    a variable store: each name is created once (outside any function) and reused.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__call__" in cls.__dict__ and not cls.__module__.startswith("tf1compat."):
            cls.__call__ = _with_variable_store(cls.__dict__["__call__"])

    @property
    def state_size(self):
        """Size(s) of the state: an int, a `TensorShape`, or a nested structure of them."""
        raise NotImplementedError(f"{type(self).__name__} must define `state_size`.")

    @property
    def output_size(self):
        """Size(s) of the output: an int, a `TensorShape`, or a nested structure of them."""
        raise NotImplementedError(f"{type(self).__name__} must define `output_size`.")

    def call(self, inputs, state):
        """Runs one step. Returns `(output, new_state)`."""
        raise NotImplementedError(f"{type(self).__name__} must define `call`.")

    def __call__(self, inputs, state, scope=None, **kwargs):
        """Runs one step, creating the variables on the first call.

        Args:
            inputs: `[batch, depth]` tensor (or a structure for nested inputs).
            state: A structure of `[batch, size]` tensors matching `state_size`.
            scope: Optional variable scope for the variables (TF1 semantics).

        Returns:
            `(output, new_state)`.
        """
        if (not tf.nest.is_nested(self.state_size) and isinstance(state, (list, tuple))
                and len(state) == 1):
            state = state[0]  # Keras' `RNN` passes a single state as `[h]`
        return super().__call__(inputs, state, scope=scope, **kwargs)

    def __deepcopy__(self, memo):
        """A fresh, unbuilt cell with the same constructor arguments.

        TF1 programs copy a cell to get a second one with variables of its own
        (`legacy_seq2seq`'s encoders: `copy.deepcopy(cell)`); a copy of a built cell is
        unbuilt too. Nested cells are copied the same way (a cell passed twice stays one
        copy); tensors and variables among the arguments (a `keep_prob` placeholder) are
        shared, not copied.

        Raises:
            TypeError: the constructor takes `*args`, from which no copy can be rebuilt.
        """
        arguments = self._constructor_arguments
        if arguments is None:
            raise TypeError(f"copy.deepcopy rebuilds a cell from its constructor arguments, but "
                            f"{type(self).__name__}.__init__ takes *args: define __deepcopy__. "
                            f"Received: cell of type {type(self).__name__}")
        return type(self)(**{name: _copied_argument(value, memo)
                             for name, value in arguments.items()})

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """The zero state for `inputs`, or for `batch_size` and `dtype`, as in TF1.

        Args:
            inputs: Optional tensor whose first dimension and dtype give the batch
                size and dtype.
            batch_size: int or scalar int tensor; must agree with `inputs`.
            dtype: The state dtype; must agree with `inputs`. Defaults to the
                cell's dtype once known (Keras' `RNN` passes no dtype).

        Returns:
            What `zero_state(batch_size, dtype)` returns.

        Raises:
            ValueError: `batch_size` or `dtype` disagree with `inputs`, or neither
                `inputs` nor `batch_size` (and a dtype) is given.
        """
        if inputs is not None:
            inputs = tf.convert_to_tensor(inputs)
            static_batch = static_dim(inputs.shape, 0)
            if batch_size is not None:
                given = tf.get_static_value(batch_size, partial=True) if tf.is_tensor(batch_size) \
                    else batch_size
                if static_batch != given:
                    raise ValueError(
                        "batch size from input tensor is different from the input param. "
                        f"Input tensor batch: {static_batch}, batch_size: {batch_size}")
            if dtype is not None and inputs.dtype != dtype:
                raise ValueError(
                    "dtype from input tensor is different from the input param. "
                    f"Input tensor dtype: {inputs.dtype.name}, dtype: {tf.as_dtype(dtype).name}")
            batch_size = static_batch if static_batch is not None else tf.shape(inputs)[0]
            dtype = inputs.dtype
        dtype = dtype or self._tf1_dtype
        if batch_size is None or dtype is None:
            raise ValueError(
                "batch_size and dtype cannot be None while constructing initial state. "
                f"Received: inputs=None, batch_size={batch_size}, dtype={dtype}")
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        """Returns zero-filled state tensor(s).

        Args:
            batch_size: int or scalar int tensor.
            dtype: The dtype of the state.

        Returns:
            A structure matching `state_size` of `[batch_size, size]` zero tensors.
        """
        return zeros_for_sizes(self.state_size, batch_size, dtype)


class LayerRNNCell(RNNCell):
    """TF1's `LayerRNNCell`: a cell that creates its variables in `build`, as a layer does.

    tf1compat's `RNNCell` already works that way, so this class only keeps TF1 subclasses
    (`class MyCell(tf.contrib.rnn.LayerRNNCell)`) working unchanged: define `state_size`,
    `output_size`, `build(inputs_shape)` (`self.add_variable(name, shape)`) and
    `call(inputs, state)`.

    Example:

    >>> class Doubling(LayerRNNCell):
    ...     state_size = output_size = 2
    ...     def build(self, inputs_shape):
    ...         self.kernel = self.add_variable("kernel", [inputs_shape[-1], 2])
    ...     def call(self, inputs, state):
    ...         output = tf.matmul(inputs, self.kernel) + 2 * state
    ...         return output, output
    >>> cell = Doubling()
    >>> out, _ = cell(tf.ones([3, 4]), tf.zeros([3, 2]))
    >>> out.shape, sorted(cell.tf1_variable_names)
    (TensorShape([3, 2]), ['doubling/kernel'])
    """


class UnitsCell(RNNCell):
    """A cell whose state and output are one `[batch, num_units]` tensor (RNN, GRU)."""

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units


class GRUArgsCell(RNNCell):
    """A cell taking TF1 `GRUCell`'s arguments: `num_units`, `activation` (default `tanh`),
    `reuse`, `kernel_initializer`, `bias_initializer`, `name`, `dtype`."""

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        check_supported_dtype(dtype)
        self._num_units = num_units
        self._activation = resolve_activation(activation)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer


class LSTMStateCell(RNNCell):
    """A cell whose state is `LSTMStateTuple(c, h)`: `c` of `num_units`, `h` (the output) of
    `num_proj` if set, else `num_units`; `concat([c, h], 1)` without `state_is_tuple`."""

    _num_proj = None
    _state_is_tuple = True

    @property
    def _output_depth(self):
        return self._num_proj or self._num_units

    @property
    def state_size(self):
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, self._output_depth)
        return self._num_units + self._output_depth

    @property
    def output_size(self):
        return self._output_depth


def _with_variable_store(call):
    """Wraps a user `__call__` so that its `get_variable` calls reuse one variable per name."""

    @functools.wraps(call)
    def call_with_store(self, inputs, state, *args, **kwargs):
        if in_graph_mode():
            return call(self, inputs, state, *args, **kwargs)
        with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(),
                                         custom_getter=functools.partial(_stored_variable, self)):
            return call(self, inputs, state, *args, **kwargs)

    return call_with_store


def _stored_variable(cell, getter, name, *args, **kwargs):
    variable = cell.tf1_variable_names.get(name)
    if variable is None:
        with tf.init_scope():
            variable = getter(name, *args, **kwargs)
        cell.record_tf1_variable(name, variable)
    return variable


def _copied_argument(value, memo):
    """A deep copy of a constructor argument; tensors and variables are shared."""
    if tf.is_tensor(value) or isinstance(value, tf.Variable):
        return value
    if isinstance(value, (list, dict)):  # as Keras tracks them: the copy is a plain one
        value = dict(value) if isinstance(value, dict) else list(value)
    return copy.deepcopy(value, memo)


def zeros_for_sizes(sizes, batch_size, dtype):
    """Zero tensors of shape `[batch_size, *size]` for each size in a nested structure."""

    def zeros(size):
        shape = [batch_size] + tf.TensorShape(size).as_list()
        return tf.zeros(tf.stack(shape) if tf.is_tensor(batch_size) else shape, dtype=dtype)

    return tf.nest.map_structure(zeros, sizes)
