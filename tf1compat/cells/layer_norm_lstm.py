"""`LayerNormBasicLSTMCell`: contrib's LSTM with layer normalisation and recurrent dropout."""

import numbers

import tensorflow as tf

from tf1compat.cells._contrib_helpers import layer_norm, layer_norm_weights
from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.options import input_depth, resolve_activation

_GATE_SCOPES = ("input", "transform", "forget", "output")


class LayerNormBasicLSTMCell(LSTMStateCell):
    """contrib's `LayerNormBasicLSTMCell` (Ba et al. 2016; Semeniuta et al. 2016).

    Math: `i, j, f, o = split([x, h] . kernel)`, each gate layer-normalised
    (`LN(z) = gamma * (z - mean) / sqrt(var + 1e-12) + beta` over the units),
    `g = dropout(act(j))`, `c' = LN_state(c * sigmoid(f + forget_bias) + sigmoid(i) * g)`,
    `h' = act(c') * sigmoid(o)`. Without `layer_norm` a `bias` is added instead.

    Variables: `layer_norm_basic_lstm_cell/kernel [D + H, 4H]` (`bias [4H]` only
    without layer norm), `{input,transform,forget,output,state}/gamma` and `/beta [H]`.

    Args:
        num_units: int, the number of units H.
        forget_bias: float added to the forget gate.
        input_size: Deprecated and unused, as in contrib.
        activation: Inner activation (default `tanh`).
        layer_norm: Whether to normalise (default True).
        norm_gain, norm_shift: Initial `gamma` and `beta`.
        dropout_keep_prob: Keep probability of the recurrent dropout on `g`.
        dropout_prob_seed: Optional int seed of that dropout.
        reuse: As in `RNNCell`.
    """

    def __init__(self, num_units, forget_bias=1.0, input_size=None, activation=None,
                 layer_norm=True, norm_gain=1.0, norm_shift=0.0, dropout_keep_prob=1.0,
                 dropout_prob_seed=None, reuse=None):
        super().__init__(reuse=reuse)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._activation = resolve_activation(activation)
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift
        self._keep_prob = dropout_keep_prob
        self._seed = dropout_prob_seed

    def build(self, inputs_shape):
        units = self._num_units
        self._kernel = self.add_weight("kernel", shape=[input_depth(inputs_shape) + units, 4 * units])
        self._bias = None if self._layer_norm else self.add_weight("bias", shape=[4 * units])
        self._norms = (layer_norm_weights(self, _GATE_SCOPES + ("state",), units,
                                          self._norm_gain, self._norm_shift)
                       if self._layer_norm else {})

    def _norm(self, values, scope):
        return layer_norm(values, self._norms[scope]) if self._layer_norm else values

    def call(self, inputs, state):
        c, h = state
        gates = tf.matmul(tf.concat([inputs, h], 1), self._kernel)
        if self._bias is not None:
            gates = tf.nn.bias_add(gates, self._bias)
        i, j, f, o = (self._norm(gate, scope)
                      for gate, scope in zip(tf.split(gates, 4, axis=1), _GATE_SCOPES))
        g = self._activation(j)
        if not isinstance(self._keep_prob, numbers.Real) or self._keep_prob < 1:
            g = tf.nn.dropout(g, rate=1.0 - self._keep_prob, seed=self._seed)
        new_c = self._norm(c * tf.sigmoid(f + self._forget_bias) + tf.sigmoid(i) * g, "state")
        new_h = self._activation(new_c) * tf.sigmoid(o)
        return new_h, LSTMStateTuple(new_c, new_h)
