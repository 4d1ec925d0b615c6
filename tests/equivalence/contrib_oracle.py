"""contrib's block cells rebuilt as TF1 (tf_keras legacy) cells over TensorFlow's own kernels.

`tf.contrib.rnn.LSTMBlockCell` and `GRUBlockCell` were thin TF1 cells calling the
fused `LSTMBlockCell` / `GRUBlockCell` ops, which TensorFlow still ships as
`tf.raw_ops`. These classes redo contrib's thin layer (variable names, defaults)
on the legacy TF1 cell base, so the oracle runs the very kernels contrib ran.
"""

import tensorflow as tf
from tf_keras.src.layers.rnn import legacy_cells


class LSTMBlockCell(legacy_cells.LayerRNNCell):
    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 name="lstm_cell"):
        super().__init__(name=name)
        self._units, self._forget_bias = num_units, forget_bias
        self._clip = cell_clip if cell_clip is not None else -1
        self._peephole = use_peephole

    state_size = property(lambda self: legacy_cells.LSTMStateTuple(self._units, self._units))
    output_size = property(lambda self: self._units)

    def build(self, inputs_shape):
        units = self._units
        self._kernel = self.add_weight("kernel", [inputs_shape[-1] + units, 4 * units])
        self._bias = self.add_weight("bias", [4 * units],
                                     initializer=tf.compat.v1.zeros_initializer())
        if self._peephole:
            self._wci, self._wcf, self._wco = (self.add_weight(n, [units]) for n in
                                               ("w_i_diag", "w_f_diag", "w_o_diag"))
        self.built = True

    def call(self, inputs, state):
        zeros = tf.zeros([self._units])
        peepholes = (self._wci, self._wcf, self._wco) if self._peephole else (zeros,) * 3
        c_prev, h_prev = state
        _, cs, _, _, _, _, h = tf.raw_ops.LSTMBlockCell(
            x=inputs, cs_prev=c_prev, h_prev=h_prev, w=self._kernel, wci=peepholes[0],
            wcf=peepholes[1], wco=peepholes[2], b=self._bias, forget_bias=self._forget_bias,
            cell_clip=self._clip, use_peephole=self._peephole)
        return h, legacy_cells.LSTMStateTuple(cs, h)


class GRUBlockCell(legacy_cells.LayerRNNCell):
    names = ("w_ru", "b_ru", "w_c", "b_c")

    def __init__(self, num_units, name="gru_cell"):
        super().__init__(name=name)
        self._units = num_units

    state_size = output_size = property(lambda self: self._units)

    def build(self, inputs_shape):
        units, depth = self._units, inputs_shape[-1]
        self._w_ru = self.add_weight(self.names[0], [depth + units, 2 * units])
        self._b_ru = self.add_weight(self.names[1], [2 * units],
                                     initializer=tf.compat.v1.constant_initializer(1.0))
        self._w_c = self.add_weight(self.names[2], [depth + units, units])
        self._b_c = self.add_weight(self.names[3], [units],
                                    initializer=tf.compat.v1.zeros_initializer())
        self.built = True

    def call(self, inputs, h_prev):
        *_, h = tf.raw_ops.GRUBlockCell(x=inputs, h_prev=h_prev, w_ru=self._w_ru, w_c=self._w_c,
                                        b_ru=self._b_ru, b_c=self._b_c)
        return h, h


class GRUBlockCellV2(GRUBlockCell):
    names = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")
