"""`GridLSTMCell` and `BidirectionalGridLSTMCell`: contrib's grid LSTM over frequency blocks
(Kalchbrenner et al. 2016; peepholes after Sainath & Li 2016)."""

import collections

import tensorflow as tf

from tf1compat.cells._contrib_helpers import (concatenated, frequency_count, frequency_slices,
                                              sharded_weight)
from tf1compat.cells.base import RNNCell
from tf1compat.options import check_supported_dtype, input_depth


class GridLSTMCell(RNNCell):
    """A time LSTM and a frequency LSTM per frequency window of each step.

    The input `[batch, D]` is cut into windows of `feature_size` features,
    `frequency_skip` apart: over the whole input (`num_frequency_blocks=[n]`), or per
    block `b` over `[start_freqindex_list[b], end_freqindex_list[b])`. At window `k` of
    block `b` both LSTMs see `[window_k, m_time_k, m_freq_{k-1}]` (gates i, j, f, o, or
    i, j, o with `couple_input_forget_gates`, where `f = 1 - i`); the frequency LSTM
    carries `(c, m)` from window to window within the step, the time LSTM its slice of
    the state from step to step. With peepholes every gate sees both memories
    (`W_*_diag_{freq,time}{f,t}_b`). Outputs `[m_time_k, m_freq_k]` are concatenated
    over windows and blocks; the state holds `(c_time_k, m_time_k)`: a
    `state_tuple_type` namedtuple (`state_f00_b00_c`, ...) or, without
    `state_is_tuple`, one tensor (whose slices, as in TF 1.15, restart at each block).

    Variables (in `grid_lstm_cell/`): `W_f_{b}_{shard}`, `W_t_{b}_{shard}
    [feature_size + 2H, G H]` (G = 4 or 3), `B_f_{b}`, `B_t_{b}` (zeros; no `_t`
    with `share_time_frequency_weights`), and the peephole vectors `[H]`.

    Args:
        num_units: int, the number of units H.
        use_peepholes: Peephole connections.
        share_time_frequency_weights: One set of weights for both LSTMs.
        cell_clip: Clip both new memories to `[-cell_clip, cell_clip]`.
        initializer: Unused, as in TF 1.15.
        num_unit_shards: How many variables hold each weight matrix (default 1).
        forget_bias: float added to the forget gates at run time (default 1.0).
        feature_size: int, the width of a window.
        frequency_skip: int, the shift between windows.
        num_frequency_blocks: list of ints, the number of windows of each block (required).
        start_freqindex_list, end_freqindex_list: Optional lists, each block's range.
        couple_input_forget_gates: Use `f = 1 - i` (default False).
        state_is_tuple: Default True.
        reuse: As in `RNNCell`.

    Raises:
        ValueError: no `num_frequency_blocks`; at the first call, block lists or window
            counts that do not match the inputs.

    Example:

    >>> cell = GridLSTMCell(2, feature_size=2, frequency_skip=2, num_frequency_blocks=[2])
    >>> out, state = cell(tf.ones([3, 4]), cell.zero_state(3, tf.float32))
    >>> out.shape, state._fields[:2]
    (TensorShape([3, 8]), ('state_f00_b00_c', 'state_f00_b00_m'))
    """

    # State name prefix -> variable name prefix, one entry per direction along frequency.
    _DIRECTIONS = {"state": ""}
    _TUPLE_NAME = "GridLSTMStateTuple"

    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, state_is_tuple=True, reuse=None):
        super().__init__(reuse=reuse)
        if num_frequency_blocks is None:
            raise ValueError("Must specify num_frequency_blocks. Received: "
                             "num_frequency_blocks=None")
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._share_time_frequency_weights = share_time_frequency_weights
        self._couple_input_forget_gates = couple_input_forget_gates
        self._state_is_tuple = state_is_tuple
        self._cell_clip = cell_clip
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip
        self._start_freqindex_list = start_freqindex_list
        self._end_freqindex_list = end_freqindex_list
        self._num_frequency_blocks = [int(n) for n in num_frequency_blocks]
        names = [f"{prefix}_f{k:02d}_b{b:02d}_{part}" for prefix in self._DIRECTIONS
                 for b, count in enumerate(self._num_frequency_blocks) for k in range(count)
                 for part in ("c", "m")]
        self._state_tuple_type = (collections.namedtuple(self._TUPLE_NAME, names)
                                  if state_is_tuple else None)

    @property
    def _total_windows(self):
        return len(self._DIRECTIONS) * sum(self._num_frequency_blocks)

    @property
    def state_tuple_type(self):
        return self._state_tuple_type

    @property
    def state_size(self):
        if self._state_tuple_type is None:
            return 2 * self._num_units * self._total_windows
        return self._state_tuple_type(*[self._num_units] * (2 * self._total_windows))

    @property
    def output_size(self):
        return 2 * self._num_units * self._total_windows

    def build(self, inputs_shape):
        self._input_size = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        self._block_starts = self._check_blocks(self._input_size)
        self._block_variables = {
            prefix: [self._block_weights(scope, b) for b in range(len(self._num_frequency_blocks))]
            for prefix, scope in self._DIRECTIONS.items()}

    def _check_blocks(self, input_size):
        """The first feature of each block, after TF1's checks of the block lists."""
        blocks = self._num_frequency_blocks
        if not self._start_freqindex_list:
            if len(blocks) != 1:
                raise ValueError("Length of num_frequency_blocks is not 1, but instead is "
                                 f"{len(blocks)}. Received: num_frequency_blocks={blocks}")
            ranges = [(0, input_size)]
        else:
            starts, ends = self._start_freqindex_list, self._end_freqindex_list
            if len(starts) != len(ends) or len(blocks) != len(starts):
                raise ValueError(
                    "start_freqindex_list, end_freqindex_list and num_frequency_blocks must "
                    f"have one entry per block. Received: start_freqindex_list={starts}, "
                    f"end_freqindex_list={ends}, num_frequency_blocks={blocks}")
            ranges = list(zip(starts, ends))
        for count, (start, end) in zip(blocks, ranges):
            windows = frequency_count(end - start, self._feature_size, self._frequency_skip)
            if windows != count:
                raise ValueError(f"Invalid num_frequency_blocks, requires {windows} but gets "
                                 f"{count}, please check the input size and filter config "
                                 f"are correct. Received: num_frequency_blocks={blocks}")
        return [start for start, _ in ranges]

    def _block_weights(self, scope, block):
        """One block's variables: `{"freq"|"time": (kernel shards, bias, peepholes)}`."""
        units, gates = self._num_units, 3 if self._couple_input_forget_gates else 4
        shape = [self._feature_size + 2 * units, gates * units]
        lstms = ("freq",) if self._share_time_frequency_weights else ("freq", "time")
        weights = {}
        for lstm in lstms:
            letter = lstm[0]
            shards = sharded_weight(self, f"{scope}W_{letter}_{block}", shape,
                                    self._num_unit_shards)
            bias = self.add_weight(f"{scope}B_{letter}_{block}", shape=[gates * units],
                                   initializer=tf.compat.v1.zeros_initializer())
            weights[lstm] = (shards, bias, self._peepholes(scope, lstm, block))
        weights.setdefault("time", weights["freq"])
        return weights

    def _peepholes(self, scope, lstm, block):
        """`{gate: (weight on the frequency memory, weight on the time memory)}`."""
        if not self._use_peepholes:
            return None
        gates = "IO" if self._couple_input_forget_gates else "FIO"
        return {gate: tuple(self.add_weight(f"{scope}W_{gate}_diag_{lstm}{side}_{block}",
                                            shape=[self._num_units]) for side in "ft")
                for gate in gates}

    def call(self, inputs, state):
        return self._run(inputs, state)

    def _run(self, inputs, state, backward_offset=0):
        batch = tf.compat.dimension_value(inputs.shape[0]) or tf.shape(inputs)[0]
        outputs, states = [], []
        for prefix in self._DIRECTIONS:
            reverse = prefix.startswith("bwd")
            padded = _padded(inputs, backward_offset) if reverse else inputs
            offset = max(backward_offset, 0) if reverse else 0
            for block, count in enumerate(self._num_frequency_blocks):
                windows = frequency_slices(padded, self._feature_size, self._frequency_skip,
                                           count, self._block_starts[block] + offset)
                block_out, block_states = self._compute(
                    windows[::-1] if reverse else windows,
                    self._block_variables[prefix][block], block, state, batch, prefix)
                outputs += block_out
                states += block_states
        if self._state_tuple_type is None:
            return tf.concat(outputs, 1), tf.concat(states, 1)
        return tf.concat(outputs, 1), self._state_tuple_type(*states)

    def _compute(self, windows, weights, block, state, batch, prefix):
        """One block's windows; returns the outputs and the new time states, per window."""
        units = self._num_units
        m_prev_freq = c_prev_freq = tf.zeros([batch, units], windows[0].dtype)
        outputs, states = [], []
        for k, window in enumerate(windows):
            if self._state_tuple_type is None:
                c_prev_time = state[:, 2 * k * units:(2 * k + 1) * units]
                m_prev_time = state[:, (2 * k + 1) * units:(2 * k + 2) * units]
            else:
                c_prev_time = getattr(state, f"{prefix}_f{k:02d}_b{block:02d}_c")
                m_prev_time = getattr(state, f"{prefix}_f{k:02d}_b{block:02d}_m")
            cell_inputs = tf.concat([window, m_prev_time, m_prev_freq], 1)
            freq_logits = _logits(cell_inputs, weights["freq"])
            time_logits = (freq_logits if weights["time"] is weights["freq"]
                           else _logits(cell_inputs, weights["time"]))
            memories = (c_prev_freq, c_prev_time)
            c_freq, o_freq = self._memory(freq_logits, weights["freq"], memories, c_prev_freq)
            c_time, o_time = self._memory(time_logits, weights["time"], memories, c_prev_time)
            m_freq = self._output(o_freq, weights["freq"], c_freq, c_time, c_freq)
            m_time = self._output(o_time, weights["time"], c_freq, c_time, c_time)
            m_prev_freq, c_prev_freq = m_freq, c_freq
            states += [c_time, m_time]
            outputs += [m_time, m_freq]
        return outputs, states

    def _memory(self, gates, weights, memories, c_prev):
        """One LSTM's new memory and output-gate logits from its gate logits."""
        peepholes = weights[2]
        if self._couple_input_forget_gates:
            i, j, o = tf.split(gates, 3, axis=1)
        else:
            i, j, f, o = tf.split(gates, 4, axis=1)
        i_g = tf.sigmoid(self._peep(i, peepholes, "I", memories))
        if self._couple_input_forget_gates:
            f_g = 1.0 - i_g
        else:
            f_g = tf.sigmoid(self._peep(f + self._forget_bias, peepholes, "F", memories))
        c = f_g * c_prev + i_g * tf.tanh(j)
        if self._cell_clip is not None:
            c = tf.clip_by_value(c, -self._cell_clip, self._cell_clip)
        return c, o

    def _output(self, o, weights, c_freq, c_time, c):
        return tf.sigmoid(self._peep(o, weights[2], "O", (c_freq, c_time))) * tf.tanh(c)

    @staticmethod
    def _peep(logits, peepholes, gate, memories):
        if peepholes is None:
            return logits
        on_freq, on_time = peepholes[gate]
        return logits + on_freq * memories[0] + on_time * memories[1]


class BidirectionalGridLSTMCell(GridLSTMCell):
    """`GridLSTMCell` run forward and backward along the frequency axis, with own weights.

    The backward pass reads each block's windows in reverse order, shifted by
    `backward_slice_offset` features (the input is zero-padded at the end for a positive
    offset, at the front for a negative one). Variables as `GridLSTMCell`'s, under
    `bidirectional_grid_lstm_cell/fwd/` and `/bwd/`; the state is always a namedtuple
    (`fwd_state_f00_b00_c`, ..., `bwd_state_...`) and the output concatenates the forward
    and backward outputs (`4 H` per window).

    Args:
        backward_slice_offset: int, the shift of the backward windows (default 0).
        Others: as `GridLSTMCell`'s (the state is always a tuple).

    Example:

    >>> cell = BidirectionalGridLSTMCell(2, feature_size=2, frequency_skip=2,
    ...                                  num_frequency_blocks=[2])
    >>> out, state = cell(tf.ones([3, 4]), cell.zero_state(3, tf.float32))
    >>> out.shape, len(state)
    (TensorShape([3, 16]), 8)
    """

    _DIRECTIONS = {"fwd_state": "fwd/", "bwd_state": "bwd/"}
    _TUPLE_NAME = "BidirectionalGridLSTMStateTuple"

    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, backward_slice_offset=0, reuse=None):
        super().__init__(num_units, use_peepholes, share_time_frequency_weights, cell_clip,
                         initializer, num_unit_shards, forget_bias, feature_size,
                         frequency_skip, num_frequency_blocks, start_freqindex_list,
                         end_freqindex_list, couple_input_forget_gates, True, reuse)
        self._backward_slice_offset = int(backward_slice_offset)

    def call(self, inputs, state):
        return self._run(inputs, state, self._backward_slice_offset)


def _logits(cell_inputs, weights):
    shards, bias, _ = weights
    return tf.nn.bias_add(tf.matmul(cell_inputs, concatenated(shards)), bias)


def _padded(inputs, offset):
    """`inputs` zero-padded by `|offset|` features at the end (offset > 0) or front (< 0)."""
    if offset == 0:
        return inputs
    return tf.pad(inputs, [[0, 0], [0, offset] if offset > 0 else [-offset, 0]])
