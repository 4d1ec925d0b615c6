"""contrib.rnn's fused RNNs, which run a whole time-major sequence in one call.

`FusedRNNCell` (abstract), `FusedRNNCellAdaptor` (any cell through `dynamic_rnn` or
`static_rnn`), `TimeReversedFusedRNN`; `LSTMBlockWrapper` (abstract) and
`LSTMBlockFusedCell`, which runs TensorFlow's `BlockLSTM` kernel, the very op TF 1.15 ran.
A fused RNN's call is `rnn(inputs, initial_state=None, dtype=None, sequence_length=None,
scope=None) -> (outputs, final_state)` with `inputs` `[time, batch, depth]` (or a list of
`[batch, depth]` steps: the outputs then are a list too).
"""

import abc

import tensorflow as tf

from tf1compat.cells.base import LSTMStateTuple
from tf1compat.nn.rnn import dynamic_rnn
from tf1compat.nn.static_rnn import static_rnn
from tf1compat.tf1_layer import TF1Layer


class FusedRNNCell(abc.ABC):
    """Abstract fused RNN: implement `__call__(inputs, initial_state=None, dtype=None,
    sequence_length=None, scope=None) -> (outputs, final_state)` on time-major inputs."""

    @abc.abstractmethod
    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        """Runs the RNN over `inputs` (`[time, batch, depth]` or a list of steps)."""


class FusedRNNCellAdaptor(FusedRNNCell):
    """Runs an ordinary cell as a `FusedRNNCell`, through `dynamic_rnn` (time-major) or
    `static_rnn`, converting list and tensor inputs as needed.

    Args:
        cell: A tf1compat or Keras 3 cell.
        use_dynamic_rnn: Use `dynamic_rnn` (default False: `static_rnn`).

    Example:

    >>> fused = FusedRNNCellAdaptor(GRUCell(3), use_dynamic_rnn=True)
    >>> outputs, state = fused(tf.ones([5, 2, 4]), dtype=tf.float32)
    >>> outputs.shape, state.shape
    (TensorShape([5, 2, 3]), TensorShape([2, 3]))
    """

    def __init__(self, cell, use_dynamic_rnn=False):
        self._cell = cell
        self._use_dynamic_rnn = use_dynamic_rnn

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        is_list = isinstance(inputs, list)
        options = dict(initial_state=initial_state, dtype=dtype, sequence_length=sequence_length,
                       scope=scope)
        if self._use_dynamic_rnn:
            outputs, state = dynamic_rnn(self._cell, tf.stack(inputs) if is_list else inputs,
                                         time_major=True, **options)
            return (tf.unstack(outputs) if is_list else outputs), state
        outputs, state = static_rnn(self._cell, inputs if is_list else tf.unstack(inputs),
                                    **options)
        return (outputs if is_list else tf.stack(outputs)), state


class TimeReversedFusedRNN(FusedRNNCell):
    """Runs a `FusedRNNCell` backwards in time: inputs reversed (each sequence within its
    length, `tf.reverse_sequence`, when `sequence_length` is given), outputs reversed back.

    Args:
        cell: A `FusedRNNCell` (e.g. `LSTMBlockFusedCell`).

    Example:

    >>> backward = TimeReversedFusedRNN(FusedRNNCellAdaptor(BasicRNNCell(3), True))
    >>> outputs, state = backward(tf.ones([5, 2, 4]), dtype=tf.float32)
    >>> outputs.shape
    TensorShape([5, 2, 3])
    """

    def __init__(self, cell):
        self._cell = cell

    @staticmethod
    def _reverse(values, lengths):
        if isinstance(values, list):
            return list(reversed(values))
        if lengths is None:
            return tf.reverse(values, [0])
        return tf.reverse_sequence(values, lengths, seq_axis=0, batch_axis=1)

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        outputs, state = self._cell(self._reverse(inputs, sequence_length),
                                    initial_state=initial_state, dtype=dtype,
                                    sequence_length=sequence_length, scope=scope)
        return self._reverse(outputs, sequence_length), state


class LSTMBlockWrapper(TF1Layer, metaclass=abc.ABCMeta):
    """Abstract LSTM run over a whole sequence: the bookkeeping around `_call_cell`.

    Subclasses define the `num_units` property and `_call_cell(inputs, initial_cell_state,
    initial_output, dtype, sequence_length)` returning the time-major cell states and
    outputs of every step. The call zeroes outputs past each length and returns the
    state after each sequence's last step (the initial state for length 0).
    """

    @property
    @abc.abstractmethod
    def num_units(self):
        """Number of units in this cell (output dimension)."""

    @abc.abstractmethod
    def _call_cell(self, inputs, initial_cell_state, initial_output, dtype, sequence_length):
        """Returns `(cell_states, outputs)`, each `[time, batch, num_units]`."""

    def call(self, inputs, initial_state=None, dtype=None, sequence_length=None):
        """Runs the LSTM on time-major `inputs`.

        Args:
            inputs: `[time, batch, depth]` (depth known), or a list of `[batch, depth]`.
            initial_state: Optional `(cell_state, output)`, each `[batch, num_units]`.
            dtype: The state dtype; required without `initial_state`.
            sequence_length: Optional `[batch]` int lengths (at most `time`).

        Returns:
            `(outputs, LSTMStateTuple(c, h))`; `outputs` `[time, batch, num_units]`, or a
            list for list inputs.

        Raises:
            ValueError: inputs not of rank 3 or of unknown depth, neither `initial_state`
                nor `dtype`, or an `initial_state` that is not a pair.
        """
        is_list = isinstance(inputs, list)
        inputs = tf.stack(inputs) if is_list else tf.convert_to_tensor(inputs)
        if inputs.shape.rank != 3 or tf.compat.dimension_value(inputs.shape[2]) is None:
            raise ValueError("A fused LSTM takes `[time, batch, depth]` inputs of known depth. "
                             f"Received: inputs.shape={inputs.shape}")
        batch_size = tf.compat.dimension_value(inputs.shape[1]) or tf.shape(inputs)[1]
        time_len = tf.compat.dimension_value(inputs.shape[0]) or tf.shape(inputs)[0]
        if initial_state is None:
            if dtype is None:
                raise ValueError("Either initial_state or dtype needs to be specified. "
                                 "Received: initial_state=None, dtype=None")
            zeros = tf.zeros(tf.stack([batch_size, self.num_units]), dtype=dtype)
            initial_state = zeros, zeros
        elif len(initial_state) != 2:
            raise ValueError("Expecting initial_state to be a tuple with length 2 or None. "
                             f"Received: initial_state={initial_state!r}")
        dtype = dtype or initial_state[0].dtype
        if sequence_length is not None:
            sequence_length = tf.convert_to_tensor(sequence_length)
        initial_cell_state, initial_output = initial_state
        cell_states, outputs = self._call_cell(inputs, initial_cell_state, initial_output, dtype,
                                               sequence_length)
        if sequence_length is None:
            final_cell_state, final_output = cell_states[-1], outputs[-1]
        else:
            mask = tf.transpose(tf.sequence_mask(sequence_length, time_len, dtype=dtype))
            outputs *= mask[:, :, None]
            # Step -1 is the initial state: a sequence of length 0 keeps it.
            last = tf.stack([sequence_length, tf.range(batch_size)], axis=1)
            final_cell_state, final_output = (
                tf.gather_nd(tf.concat([initial[None], values], 0), last)
                for initial, values in ((initial_cell_state, cell_states),
                                        (initial_output, outputs)))
        if is_list:
            outputs = tf.unstack(outputs)
        return outputs, LSTMStateTuple(final_cell_state, final_output)


class LSTMBlockFusedCell(LSTMBlockWrapper):
    """contrib's fused LSTM: TensorFlow's `BlockLSTM` op over the whole sequence.

    The math of `LSTMBlockCell` (gates i, j, f, o; peepholes; `cell_clip`), with the
    variable names of `LSTMCell` in scope `lstm_fused_cell/` (or `name`): `kernel
    [D + H, 4H]`, `bias [4H]` (zeros), `w_i_diag`, `w_f_diag`, `w_o_diag [H]`. Called as
    `cell(inputs, initial_state=None, dtype=None, sequence_length=None)` on
    `[time, batch, depth]` inputs (a list of steps is refused, as in TF 1.15).

    Args:
        num_units: int, the number of units H.
        forget_bias: float added to the forget gate at run time (default 1.0).
        cell_clip: Clip the cell state to `[-cell_clip, cell_clip]`; `None` (default) or a
            value <= 0: no clipping.
        use_peephole: Peephole connections.
        reuse, dtype, name: As in `RNNCell`.

    Example:

    >>> fused = LSTMBlockFusedCell(4)
    >>> outputs, state = fused(tf.ones([6, 2, 3]), dtype=tf.float32, sequence_length=[6, 2])
    >>> outputs.shape, state.h.shape
    (TensorShape([6, 2, 4]), TensorShape([2, 4]))
    """

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 reuse=None, dtype=None, name="lstm_fused_cell"):
        super().__init__(reuse=reuse, dtype=dtype, name=name)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._cell_clip = cell_clip if cell_clip is not None else -1
        self._use_peephole = use_peephole

    @property
    def num_units(self):
        return self._num_units

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, (list, tuple)):
            raise ValueError("LSTMBlockFusedCell takes one `[time, batch, depth]` tensor, not a "
                             f"list of steps: stack them. Received: {len(inputs)} tensors")
        return super().__call__(inputs, *args, **kwargs)

    def build(self, inputs_shape):
        shape = tf.TensorShape(inputs_shape)
        if shape.rank != 3 or tf.compat.dimension_value(shape[2]) is None:
            raise ValueError("LSTMBlockFusedCell takes `[time, batch, depth]` inputs of known "
                             f"depth. Received: inputs.shape={shape}")
        units = self._num_units
        self._kernel = self.add_weight(
            "kernel", shape=[tf.compat.dimension_value(shape[2]) + units, 4 * units])
        self._bias = self.add_weight("bias", shape=[4 * units],
                                     initializer=tf.compat.v1.zeros_initializer())
        if self._use_peephole:
            self._w_i_diag, self._w_f_diag, self._w_o_diag = (
                self.add_weight(name, shape=[units]) for name in ("w_i_diag", "w_f_diag",
                                                                  "w_o_diag"))

    def _call_cell(self, inputs, initial_cell_state, initial_output, dtype, sequence_length):
        if self._use_peephole:
            wci, wcf, wco = self._w_i_diag, self._w_f_diag, self._w_o_diag
        else:
            wci = wcf = wco = tf.zeros([self._num_units], dtype=dtype)
        steps = (tf.shape(inputs)[0] if sequence_length is None
                 else tf.reduce_max(sequence_length))
        _, cell_states, _, _, _, _, outputs = tf.raw_ops.BlockLSTM(
            seq_len_max=tf.cast(steps, tf.int64), x=inputs, cs_prev=initial_cell_state,
            h_prev=initial_output, w=self._kernel, wci=wci, wcf=wcf, wco=wco, b=self._bias,
            forget_bias=self._forget_bias, cell_clip=self._cell_clip,
            use_peephole=self._use_peephole)
        return cell_states, outputs
