"""`TimeFreqLSTMCell`: contrib's time-frequency LSTM (Sainath & Li, 2016)."""

import tensorflow as tf

from tf1compat.cells._contrib_helpers import (concatenated, frequency_count, frequency_slices,
                                              sharded_weight)
from tf1compat.cells.base import RNNCell
from tf1compat.options import check_supported_dtype, input_depth


class TimeFreqLSTMCell(RNNCell):
    """An LSTM stepping over frequency windows of each time step, then over time.

    The input `[batch, D]` is cut into windows of `feature_size` features,
    `frequency_skip` apart. Window `k` runs one LSTM step (gates i, j, f, o, one shared
    kernel) on `[window_k, m_k, m_{k-1}']`, where `(c_k, m_k)` is its slice of the
    state and `m_{k-1}'` the output of window `k - 1` at this step (zeros for the first);
    with peepholes `W_I_diag`, `W_F_diag` see `c_k` and `W_O_diag` the new `c`.
    The output is `concat(m_k')` and the state `concat(c_k', m_k')` over the windows.

    As in TF 1.15, `state_size` is `2 * num_units` and `output_size` `num_units`, which
    hold only for one window: with several, call the cell directly with a state of
    `2 * num_units * windows` columns (drivers check the sizes).

    Variables (in `time_freq_lstm_cell/`): `W_0 ... [feature_size + 2H, 4H]` in
    `num_unit_shards` row blocks, `B [4H]` (zeros), `W_F_diag`, `W_I_diag`, `W_O_diag [H]`.

    Args:
        num_units: int, the number of units H.
        use_peepholes: Peephole connections.
        cell_clip: Clip each new `c` to `[-cell_clip, cell_clip]`.
        initializer: Unused, as in TF 1.15.
        num_unit_shards: How many variables hold the weight matrix (default 1).
        forget_bias: float added to the forget gate at run time (default 1.0).
        feature_size: int, the width of a window.
        frequency_skip: int, the shift between windows (default 1).
        reuse: As in `RNNCell`.

    Example:

    >>> cell = TimeFreqLSTMCell(2, feature_size=3, frequency_skip=2)
    >>> out, state = cell(tf.ones([4, 5]), tf.zeros([4, 8]))  # 2 windows
    >>> out.shape, state.shape
    (TensorShape([4, 4]), TensorShape([4, 8]))
    """

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_unit_shards=1, forget_bias=1.0, feature_size=None, frequency_skip=1,
                 reuse=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip

    @property
    def state_size(self):
        return 2 * self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        if self._feature_size is None:
            raise ValueError("TimeFreqLSTMCell needs the window width. Received: "
                             "feature_size=None")
        self._windows = frequency_count(depth, self._feature_size, self._frequency_skip)
        units = self._num_units
        self._kernel_shards = sharded_weight(
            self, "W", [self._feature_size + 2 * units, 4 * units], self._num_unit_shards)
        self._bias = self.add_weight("B", shape=[4 * units],
                                     initializer=tf.compat.v1.zeros_initializer())
        if self._use_peepholes:
            self._w_f_diag, self._w_i_diag, self._w_o_diag = (
                self.add_weight(name, shape=[units]) for name in ("W_F_diag", "W_I_diag",
                                                                  "W_O_diag"))

    def call(self, inputs, state):
        units = self._num_units
        kernel = concatenated(self._kernel_shards)
        batch = tf.compat.dimension_value(inputs.shape[0]) or tf.shape(inputs)[0]
        m_prev_freq = tf.zeros([batch, units], inputs.dtype)
        states, outputs = [], []
        for k, window in enumerate(frequency_slices(inputs, self._feature_size,
                                                    self._frequency_skip, self._windows)):
            c_prev = state[:, 2 * k * units:(2 * k + 1) * units]
            m_prev = state[:, (2 * k + 1) * units:(2 * k + 2) * units]
            gates = tf.nn.bias_add(tf.matmul(tf.concat([window, m_prev, m_prev_freq], 1),
                                             kernel), self._bias)
            i, j, f, o = tf.split(gates, 4, axis=1)
            if self._use_peepholes:
                c = (tf.sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                     + tf.sigmoid(i + self._w_i_diag * c_prev) * tf.tanh(j))
            else:
                c = tf.sigmoid(f + self._forget_bias) * c_prev + tf.sigmoid(i) * tf.tanh(j)
            if self._cell_clip is not None:
                c = tf.clip_by_value(c, -self._cell_clip, self._cell_clip)
            if self._use_peepholes:
                o = o + self._w_o_diag * c
            m_prev_freq = tf.sigmoid(o) * tf.tanh(c)
            states += [c, m_prev_freq]
            outputs.append(m_prev_freq)
        return tf.concat(outputs, 1), tf.concat(states, 1)
