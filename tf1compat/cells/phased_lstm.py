"""`PhasedLSTMCell`: contrib's Phased LSTM (Neil et al., 2016), driven by time stamps."""

import math

import tensorflow as tf

from tf1compat.cells._contrib_helpers import linear, linear_weights
from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.options import input_depth, is_one_shape
from tf1compat.tf1_layer import in_graph_mode


class PhasedLSTMCell(LSTMStateCell):
    """An LSTM whose updates are gated by a learned oscillation of the time stamps.

    Each step takes `(time, x)`: `time` `[batch, 1]` (float32 or float64) and `x`
    `[batch, D]`. An LSTM update `c~, h~` is computed (input and forget gates from
    `[x, h (, c)]`, the output gate from `[x, h (, c~)]`), then mixed with the old state by
    the openness `k` of each unit's time gate: with `phi = ((time - phase) mod period) /
    period` (in the time's dtype, then float32), `k = 2 phi / ratio_on` while
    `phi < ratio_on / 2`, `2 - 2 phi / ratio_on` while `phi < ratio_on`, else `leak * phi`;
    `c' = k c~ + (1 - k) c`, `h' = k h~ + (1 - k) h`. The modulo passes gradients to
    `time` as the identity, as in TF1.

    Variables (in `phased_lstm_cell/`): `mask_gates/kernel [D + H (+ H), 2H]` and `/bias`,
    `new_input/kernel [D + H, H]` and `/bias`, `output_gate/kernel [D + H (+ H), H]` and
    `/bias` (biases zero), `period [H]` (`exp(U(log min, log max))`), `phase [H]`
    (`U(0, period)`) and `ratio_on [H]`; all float32.

    Args:
        num_units: int, the number of units H.
        use_peepholes: Feed `c` to the input and forget gates and `c~` to the output gate.
        leak: float or scalar tensor, the slope of the closed phase.
        ratio_on: float, the initial open ratio of the period.
        trainable_ratio_on: Whether `ratio_on` is trained.
        period_init_min, period_init_max: The range of the initial periods.
        reuse: As in `RNNCell`.

    Example:

    >>> cell = PhasedLSTMCell(4)
    >>> step = (tf.fill([2, 1], 3.0), tf.ones([2, 5]))
    >>> out, state = cell(step, cell.zero_state(2, tf.float32))
    >>> out.shape, state.c.shape
    (TensorShape([2, 4]), TensorShape([2, 4]))
    """

    def __init__(self, num_units, use_peepholes=False, leak=0.001, ratio_on=0.1,
                 trainable_ratio_on=True, period_init_min=1.0, period_init_max=1000.0,
                 reuse=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._leak = leak
        self._ratio_on = ratio_on
        self._trainable_ratio_on = trainable_ratio_on
        self._period_init_min = period_init_min
        self._period_init_max = period_init_max

    def ensure_built(self, inputs_shape, dtype):
        # The time stamps' dtype (maybe float64) is no guide: the variables are float32.
        super().ensure_built(inputs_shape, tf.float32)

    def build(self, inputs_shape):
        if is_one_shape(inputs_shape) or len(inputs_shape) != 2:
            raise ValueError("PhasedLSTMCell takes `(time, x)` at each step: time `[batch, 1]`, "
                             f"x `[batch, depth]`. Received: inputs shapes {inputs_shape!r}")
        units = self._num_units
        depth = input_depth(inputs_shape[1]) + units
        peephole = units if self._use_peepholes else 0
        self._mask_gates = linear_weights(self, "mask_gates", depth + peephole, 2 * units)
        self._new_input = linear_weights(self, "new_input", depth, units)
        self._output_gate = linear_weights(self, "output_gate", depth + peephole, units)
        low, high = math.log(self._period_init_min), math.log(self._period_init_max)
        self._period = self.add_weight(
            "period", shape=[units],
            initializer=lambda shape, dtype: tf.exp(tf.random.uniform(shape, low, high, dtype)))
        initial_period = _initial_value(self._period)
        self._phase = self.add_weight(
            "phase", shape=[units],
            initializer=lambda shape, dtype: tf.random.uniform(shape, 0.0, initial_period, dtype))
        self._ratio_on_weight = self.add_weight(
            "ratio_on", shape=[units], trainable=self._trainable_ratio_on,
            initializer=tf.compat.v1.constant_initializer(self._ratio_on))

    def _cycle_ratio(self, time):
        """`((time - phase) mod period) / period` in the time's dtype, then float32."""
        phase = tf.cast(self._phase, time.dtype)
        period = tf.cast(self._period, time.dtype)
        shifted = time - phase
        modulo = tf.stop_gradient(tf.math.floormod(shifted, period) - shifted) + shifted
        return tf.cast(modulo / period, tf.float32)

    def call(self, inputs, state):
        c_prev, h_prev = state
        time, x = inputs
        mask_inputs = [x, h_prev] + ([c_prev] if self._use_peepholes else [])
        input_gate, forget_gate = tf.split(tf.sigmoid(linear(mask_inputs, self._mask_gates)),
                                           2, axis=1)
        new_input = tf.tanh(linear([x, h_prev], self._new_input))
        new_c = c_prev * forget_gate + input_gate * new_input
        out_inputs = [x, h_prev] + ([new_c] if self._use_peepholes else [])
        new_h = tf.tanh(new_c) * tf.sigmoid(linear(out_inputs, self._output_gate))

        cycle_ratio = self._cycle_ratio(time)
        ratio_on = self._ratio_on_weight
        k_up = 2 * cycle_ratio / ratio_on
        k = tf.where(cycle_ratio < ratio_on, 2 - k_up, self._leak * cycle_ratio)
        k = tf.where(cycle_ratio < 0.5 * ratio_on, k_up, k)
        new_c = k * new_c + (1 - k) * c_prev
        new_h = k * new_h + (1 - k) * h_prev
        return new_h, LSTMStateTuple(new_c, new_h)


def _initial_value(variable):
    """What `variable` was initialised to (TF1's `initial_value`; eagerly, its value now)."""
    if in_graph_mode():
        return variable.initial_value
    with tf.init_scope():
        return tf.convert_to_tensor(variable)
