"""`CoupledInputForgetGateLSTMCell`: contrib's LSTM whose input gate is `1 - forget gate`."""

import tensorflow as tf

from tf1compat.cells._contrib_helpers import (concatenated, layer_norm, layer_norm_weights,
                                              sharded_weight)
from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.cells.projection import ProjectedInputsMixin
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation

_NORM_SCOPES = ("transform", "forget", "output", "state")


class CoupledInputForgetGateLSTMCell(ProjectedInputsMixin, LSTMStateCell):
    """The coupled input-forget gate LSTM (Greff et al., "LSTM: A Search Space Odyssey").

    Math (gates split from `W . [x, m] + B` in the order j, f, o):
    `f = sigmoid(f + forget_bias [+ W_F_diag * c])`, `c' = f * c + (1 - f) * act(j)`,
    `m' = sigmoid(o [+ W_O_diag * c']) * act(c')`, then `m' . W_P` (clipped to
    `proj_clip`) with `num_proj`. With `layer_norm`, `j`, `f`, `o` and `c'` are
    layer-normalised (scopes `transform`, `forget`, `output`, `state`) and `B` is not added
    (it still exists, unused, as in TF1).

    Variables (in `coupled_input_forget_gate_lstm_cell/`): `W_0 ... [D + P, 3H]` split in
    `num_unit_shards` row blocks, `B [3H]` (zeros), `W_F_diag`, `W_O_diag [H]` (peepholes),
    `W_P_0 ... [H, P]` in `num_proj_shards` blocks (projection), `{scope}/gamma` and
    `{scope}/beta [H]` (layer norm), where `P = num_proj or H`.

    Args:
        num_units: int, the number of units H.
        use_peepholes: Peephole connections on the forget and output gates.
        initializer: Unused, as in TF 1.15 (the weights take the variable scope's initializer).
        num_proj: Optional int, the size P of the output projection.
        proj_clip: Clip the projected output to `[-proj_clip, proj_clip]`.
        num_unit_shards, num_proj_shards: How many variables hold the weight matrix and the
            projection (default 1).
        forget_bias: float added to the forget gate at run time (default 1.0).
        state_is_tuple: If True (default) the state is `LSTMStateTuple(c, m)`, else
            `concat([c, m], 1)`.
        activation: Inner activation (default `tanh`).
        reuse: As in `RNNCell`.
        layer_norm: Whether to layer-normalise (default False).
        norm_gain, norm_shift: Initial `gamma` and `beta`.

    Example:

    >>> cell = CoupledInputForgetGateLSTMCell(4, use_peepholes=True, num_proj=2)
    >>> out, state = cell(tf.ones([3, 5]), cell.zero_state(3, tf.float32))
    >>> out.shape, sorted(cell.tf1_variable_names)[0]
    (TensorShape([3, 2]), 'coupled_input_forget_gate_lstm_cell/B')
    """

    def __init__(self, num_units, use_peepholes=False, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=1, num_proj_shards=1, forget_bias=1.0,
                 state_is_tuple=True, activation=None, reuse=None, layer_norm=False,
                 norm_gain=1.0, norm_shift=0.0):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = resolve_activation(activation)
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift

    def build(self, inputs_shape):
        self._depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        units = self._num_units
        self._kernel_shards = sharded_weight(
            self, "W", [self._depth + self._output_depth, 3 * units], self._num_unit_shards)
        self._bias = self.add_weight("B", shape=[3 * units],
                                     initializer=tf.compat.v1.zeros_initializer())
        self._norms = (layer_norm_weights(self, _NORM_SCOPES, units, self._norm_gain,
                                          self._norm_shift) if self._layer_norm else {})
        if self._use_peepholes:
            self._w_f_diag = self.add_weight("W_F_diag", shape=[units])
            self._w_o_diag = self.add_weight("W_O_diag", shape=[units])
        if self._num_proj is not None:
            self._projection_shards = sharded_weight(
                self, "W_P", [units, self._num_proj], self._num_proj_shards, "num_proj_shards")

    def _kernels(self):
        # With layer norm TF1 leaves `B` out: adding zeros keeps the values exact.
        bias = tf.zeros_like(self._bias) if self._layer_norm else self._bias
        return [(concatenated(self._kernel_shards), bias)]

    def _norm(self, values, scope):
        return layer_norm(values, self._norms[scope]) if self._layer_norm else values

    def _step(self, state, affine):
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev, m_prev = tf.split(state, [self._num_units, self._output_depth], axis=1)
        j, f, o = (self._norm(gate, scope) for gate, scope in
                   zip(tf.split(affine(0, m_prev), 3, axis=1), _NORM_SCOPES))
        f = f + self._forget_bias
        if self._use_peepholes:
            f = f + self._w_f_diag * c_prev
        f_act = tf.sigmoid(f)
        c = self._norm(f_act * c_prev + (1 - f_act) * self._activation(j), "state")
        if self._use_peepholes:
            o = o + self._w_o_diag * c
        m = tf.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = tf.matmul(m, concatenated(self._projection_shards))
            if self._proj_clip is not None:
                m = tf.clip_by_value(m, -self._proj_clip, self._proj_clip)
        return m, (LSTMStateTuple(c, m) if self._state_is_tuple else tf.concat([c, m], 1))
