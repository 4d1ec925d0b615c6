"""`CudnnLSTM`, `CudnnGRU`, `CudnnRNNTanh`, `CudnnRNNRelu`: TF1's cuDNN RNN layers on any device.

Each layer keeps TF1's one variable, `<name>/opaque_kernel`, the opaque buffer of every
layer's and direction's weights (see `converters`), and in a TF1 graph registers the
saveable that checkpoints it under the compatible cells' names. It computes with those
cells (`CudnnCompatibleLSTMCell`, `CudnnCompatibleGRUCell`, `BasicRNNCell`) over
`dynamic_rnn` / `stack_bidirectional_dynamic_rnn`, the math cuDNN runs, on CPU or GPU
alike; cuDNN's kernels themselves are never called.
"""

import tensorflow as tf

from tf1compat.contrib.cudnn_rnn import converters, saveables
from tf1compat.contrib.cudnn_rnn._compatible_stack import forward
from tf1compat.nn.steps import run_traced
from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import TF1Layer, in_graph_mode

_DTYPES = (tf.float16, tf.float32, tf.float64)


class _CudnnRNN(TF1Layer):
    """A multi-layer, optionally bidirectional RNN with TF1's cuDNN layer interface.

    Args:
        num_layers: int, the number of stacked layers.
        num_units: int, the number of units H of every layer.
        input_mode: `"linear_input"` (or `"auto_select"` with inputs of another depth
            than `num_units`); cuDNN's `"skip_input"` is not supported.
        direction: `"unidirectional"` or `"bidirectional"` (each layer then reads the
            concatenated outputs of both directions of the layer below).
        dropout: Dropout between layers while training; cuDNN's random masks cannot be
            reproduced, so calls that would apply it (`training` not False, more than one
            layer) raise.
        seed: Seed of the default kernel initializer.
        dtype: float16, float32 or float64.
        kernel_initializer: Initializer of each cuDNN canonical matrix (default Glorot
            uniform, seeded with `seed`).
        bias_initializer: Initializer of each cuDNN canonical bias (default zeros).
        name: Scope name (default: `cudnn_lstm`, `cudnn_gru`, ...).

    Raises:
        ValueError: invalid `direction`, `input_mode` or `dtype`.
        NotImplementedError: `input_mode="skip_input"`.
    """

    _rnn_mode = None
    _saveable_class = None
    _state_count = 1

    def __init__(self, num_layers, num_units, input_mode=converters.CUDNN_INPUT_LINEAR_MODE,
                 direction=converters.CUDNN_RNN_UNIDIRECTION, dropout=0., seed=None,
                 dtype=tf.float32, kernel_initializer=None, bias_initializer=None, name=None):
        converters.check_direction(direction)
        converters.check_input_mode(input_mode)
        if tf.as_dtype(dtype) not in _DTYPES:
            raise ValueError(f"Only float16, float32 and float64 are supported. "
                             f"Received: dtype={tf.as_dtype(dtype).name}")
        super().__init__(name=name, dtype=dtype)
        self._num_layers = num_layers
        self._num_units = num_units
        self._input_mode = input_mode
        self._direction = direction
        self._dropout = dropout
        self._seed = seed
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer
        self._input_size = None
        self._saveable = None
        self._saveable_scope = None

    num_layers = property(lambda self: self._num_layers, doc="The number of layers.")
    num_units = property(lambda self: self._num_units, doc="The number of units per layer.")
    input_mode = property(lambda self: self._input_mode, doc="The first layer's input mode.")
    rnn_mode = property(lambda self: self._rnn_mode, doc="`lstm`, `gru`, `rnn_tanh` or `rnn_relu`.")
    direction = property(lambda self: self._direction, doc="`unidirectional` or `bidirectional`.")
    saveable = property(lambda self: self._saveable, doc="The checkpoint saveable (TF1 graphs).")

    @property
    def num_dirs(self):
        """1, or 2 if bidirectional."""
        return 1 if self._direction == converters.CUDNN_RNN_UNIDIRECTION else 2

    @property
    def input_size(self):
        """The depth of the inputs. Raises `ValueError` before the layer is built."""
        if not self._input_size:
            raise ValueError("'input_size' is unknown since layer has not been built. "
                             f"Received: layer={self.name!r}")
        return self._input_size

    @property
    def format_converter(self):
        """The `CudnnParamsFormatConverter*` of this layer's buffer (once built)."""
        return self._saveable_class._converter_class(
            self._num_layers, self._num_units, self.input_size, input_mode=self._input_mode,
            direction=self._direction)

    @property
    def canonical_weight_shapes(self):
        """Shapes of the cuDNN canonical matrices, `(H, D)` / `(H, H)` per gate and side."""
        return self.format_converter.cudnn_weight_shapes()

    @property
    def canonical_bias_shapes(self):
        """Shapes of the cuDNN canonical biases, `[H]` each."""
        return [list(shape) for shape in self.format_converter.cudnn_bias_shapes()]

    def state_shape(self, batch_size):
        """The shapes of the state tensors, each `[num_layers * num_dirs, batch, H]`."""
        return tuple([self._num_layers * self.num_dirs, batch_size, self._num_units]
                     for _ in range(self._state_count))

    def _build_in_scope(self, inputs_shape):
        # Called as `layer.build(shape)`: TF1 named the canonical weights from the scope
        # around the layer's (through `__call__`, from the layer's own scope).
        self._saveable_scope = tf.compat.v1.get_variable_scope()
        super()._build_in_scope(inputs_shape)

    def build(self, input_shape):
        """Creates `opaque_kernel` for `[time, batch, depth]` inputs (the depth must be known).

        Raises:
            ValueError: inputs not of rank 3, or of unknown depth.
        """
        shape = tf.TensorShape(input_shape)
        depth = static_dim(shape, -1) if shape.rank == 3 else None
        if depth is None:
            raise ValueError("A cuDNN RNN takes inputs of rank 3 with a known last dimension. "
                             f"Received: input_shape={shape}")
        converters.check_input_mode(self._input_mode, depth, self._num_units)
        self._input_size = depth
        converter = self.format_converter
        self.kernel = self.add_weight("opaque_kernel", shape=[converter.opaque_size()],
                                      initializer=self._initial_buffer)
        scope = self._saveable_scope or tf.compat.v1.get_variable_scope()
        if in_graph_mode() and scope.reuse is not True:
            self._saveable = self._saveable_class(
                self.kernel, self._num_layers, self._num_units, self._input_size,
                input_mode=self._input_mode, direction=self._direction, scope=scope,
                name=f"{self.kernel.op.name}_saveable")
            tf.compat.v1.add_to_collection(tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS,
                                           self._saveable)

    def _initial_buffer(self, shape, dtype=None, partition_info=None):
        """TF1's initial values: each cuDNN canonical matrix and bias initialized alone."""
        del shape, partition_info
        dtype = dtype or self.variable_dtype
        kernel = self._kernel_initializer or tf.compat.v1.glorot_uniform_initializer(
            seed=self._seed)
        bias = self._bias_initializer or tf.compat.v1.zeros_initializer()
        converter = self.format_converter
        return converter.cudnn_to_opaque(
            [kernel(shape, dtype=dtype) for shape in converter.cudnn_weight_shapes()],
            [bias(shape, dtype=dtype) for shape in converter.cudnn_bias_shapes()])

    def call(self, inputs, initial_state=None, sequence_lengths=None, time_major=True,
             training=True):
        """Runs the RNN.

        Args:
            inputs: `[time, batch, depth]` (`[batch, time, depth]` if not `time_major`).
            initial_state: Optional tuple of `[num_layers * num_dirs, batch, H]` tensors,
                `(h, c)` for `CudnnLSTM`, `(h,)` otherwise (layer 0 forward, layer 0
                backward, layer 1 forward, ...). Not time-major, they are
                `[batch, num_layers * num_dirs, H]` views of the same memory, as TF1
                handed them to cuDNN: a reshape, not a transpose.
            sequence_lengths: Optional `[batch]` int lengths: outputs past a length are
                zeros, the state is the one after the last step (the compatible cells'
                `dynamic_rnn` semantics).
            time_major: The layout of `inputs`, outputs and states.
            training: Whether dropout applies.

        Returns:
            `(outputs, states)`: outputs `[time, batch, num_dirs * H]` (forward and
            backward concatenated) and a tuple shaped as `initial_state`.

        Raises:
            TypeError: `initial_state` is not a tuple.
            NotImplementedError: dropout would apply.
        """
        if initial_state is not None and not isinstance(initial_state, tuple):
            raise TypeError(f"Invalid initial_state type: expecting a tuple. "
                            f"Received: initial_state={initial_state!r}")
        if self._dropout and self._num_layers > 1 and training is not False:
            raise NotImplementedError(
                "cuDNN's dropout between layers draws masks tf1compat cannot reproduce: use "
                "dropout=0, or call with training=False. Received: "
                f"dropout={self._dropout}, num_layers={self._num_layers}, training={training!r}")
        inputs = tf.convert_to_tensor(inputs, dtype=self.variable_dtype)
        if initial_state is not None:
            initial_state = tuple(tf.convert_to_tensor(s, dtype=inputs.dtype)
                                  for s in initial_state)
        if sequence_lengths is not None:
            sequence_lengths = tf.convert_to_tensor(sequence_lengths, dtype=tf.int32)
        return run_traced(forward, self, inputs, initial_state, sequence_lengths,
                          time_major=time_major)


class CudnnLSTM(_CudnnRNN):
    """TF1's `tf.contrib.cudnn_rnn.CudnnLSTM`: `CudnnCompatibleLSTMCell` math, states `(h, c)`.

    Example:

    >>> lstm = CudnnLSTM(num_layers=2, num_units=4)
    >>> outputs, (h, c) = lstm(tf.ones([5, 3, 2]))  # [time, batch, depth]
    >>> outputs.shape, h.shape, lstm.kernel.shape
    (TensorShape([5, 3, 4]), TensorShape([2, 3, 4]), TensorShape([288]))
    """

    _rnn_mode = "lstm"
    _saveable_class = saveables.CudnnLSTMSaveable
    _state_count = 2


class CudnnGRU(_CudnnRNN):
    """TF1's `tf.contrib.cudnn_rnn.CudnnGRU`: `CudnnCompatibleGRUCell` math, state `(h,)`.

    Example:

    >>> gru = CudnnGRU(num_layers=1, num_units=3, direction="bidirectional")
    >>> outputs, (h,) = gru(tf.ones([5, 2, 4]))
    >>> outputs.shape, h.shape
    (TensorShape([5, 2, 6]), TensorShape([2, 2, 3]))
    """

    _rnn_mode = "gru"
    _saveable_class = saveables.CudnnGRUSaveable


class CudnnRNNTanh(_CudnnRNN):
    """TF1's `tf.contrib.cudnn_rnn.CudnnRNNTanh`: `BasicRNNCell` math with tanh, state `(h,)`."""

    _rnn_mode = "rnn_tanh"
    _saveable_class = saveables.CudnnRNNTanhSaveable


class CudnnRNNRelu(_CudnnRNN):
    """TF1's `tf.contrib.cudnn_rnn.CudnnRNNRelu`: `BasicRNNCell` math with relu, state `(h,)`."""

    _rnn_mode = "rnn_relu"
    _saveable_class = saveables.CudnnRNNReluSaveable

