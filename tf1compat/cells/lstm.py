"""`LSTMCell` and `BasicLSTMCell`: TF1 LSTM cells (gate order i, j, f, o)."""

import tensorflow as tf

from tf1compat.cells.base import LSTMStateCell, LSTMStateTuple
from tf1compat.options import check_supported_dtype, input_depth, resolve_activation
from tf1compat.cells.projection import ProjectedInputsMixin


class LSTMCell(ProjectedInputsMixin, LSTMStateCell):
    """The TF1 LSTM cell, with optional peepholes, cell clipping and projection.

    Math (gates split from `W . [x, h] + b` in the order i, j, f, o):
    `c' = sigmoid(f + forget_bias) * c + sigmoid(i) * act(j)`,
    `h' = sigmoid(o) * act(c')`, then `h' = h' . P` if `num_proj`. With peepholes
    `w_i_diag * c` and `w_f_diag * c` join the i and f gates, `w_o_diag * c'` the o gate.

    Variables: `lstm_cell/kernel [D + P, 4H]`, `lstm_cell/bias [4H]`,
    `lstm_cell/w_{f,i,o}_diag [H]`, `lstm_cell/projection/kernel [H, P]`,
    where `P = num_proj or H`.

    Args:
        num_units: int, the number of units H.
        use_peepholes: bool, enable diagonal peephole connections.
        cell_clip: float, clip `c'` to `[-cell_clip, cell_clip]` before the output.
        initializer: Initializer of the kernels and peephole weights
            (default: the variable scope's, else Glorot uniform).
        num_proj: int, size of the output projection (none if `None`).
        proj_clip: float, clip the projected output to `[-proj_clip, proj_clip]`.
        num_unit_shards, num_proj_shards: Deprecated in TF1: in graph mode the kernel
            and projection are partitioned into that many `part_i` variables, as TF1
            did; eagerly each is one variable (the same values and checkpoint key).
        forget_bias: float added to the forget gate at run time (not stored).
        state_is_tuple: If True the state is `LSTMStateTuple(c, h)`, else
            `concat([c, h], 1)`.
        activation: Inner activation (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.

    Example:

    >>> cell = LSTMCell(8, use_peepholes=True, num_proj=4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape, state.c.shape
    (TensorShape([2, 4]), TensorShape([2, 8]))
    """

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None,
                 name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, reuse=reuse, **kwargs)
        check_supported_dtype(dtype)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = resolve_activation(activation)
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        units = self._num_units
        self._kernel = self.add_weight(
            "kernel", shape=[depth + self._output_depth, 4 * units], initializer=self._initializer,
            partitioner=_shards(self._num_unit_shards))
        self._bias = self.add_weight(
            "bias", shape=[4 * units], initializer=tf.compat.v1.zeros_initializer())
        self._depth = depth
        if self._use_peepholes:
            self._w_f_diag, self._w_i_diag, self._w_o_diag = (
                self.add_weight(name, shape=[units], initializer=self._initializer)
                for name in ("w_f_diag", "w_i_diag", "w_o_diag"))
        if self._num_proj is not None:
            self._proj_kernel = self.add_weight(
                "projection/kernel", shape=[units, self._num_proj], initializer=self._initializer,
                partitioner=_shards(self._num_proj_shards))

    def _kernels(self):
        # A partitioned kernel (graph mode, `num_unit_shards`) is used concatenated.
        return [(tf.convert_to_tensor(self._kernel), self._bias)]

    def _step(self, state, affine):
        if self._state_is_tuple:
            c_prev, h_prev = state
        else:
            c_prev, h_prev = tf.split(state, [self._num_units, self._output_depth], axis=1)
        i, j, f, o = tf.split(affine(0, h_prev), 4, axis=1)
        if self._use_peepholes:
            i += self._w_i_diag * c_prev
            f += self._w_f_diag * c_prev
        c = tf.sigmoid(f + self._forget_bias) * c_prev + tf.sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = tf.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            o += self._w_o_diag * c
        h = tf.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            h = tf.matmul(h, self._proj_kernel)
            if self._proj_clip is not None:
                h = tf.clip_by_value(h, -self._proj_clip, self._proj_clip)
        return h, (LSTMStateTuple(c, h) if self._state_is_tuple else tf.concat([c, h], 1))


def _shards(count):
    """TF1's partitioner for `num_unit_shards` / `num_proj_shards` (graph mode only)."""
    return tf.compat.v1.fixed_size_partitioner(count) if count is not None else None


class BasicLSTMCell(LSTMCell):
    """The TF1 basic LSTM cell: `LSTMCell` without peepholes, clipping or projection.

    Variables: `basic_lstm_cell/kernel [D + H, 4H]`, `basic_lstm_cell/bias [4H]`.

    Args:
        num_units: int, the number of units H.
        forget_bias: float added to the forget gate at run time (default 1.0).
        state_is_tuple: If True the state is `LSTMStateTuple(c, h)`, else
            `concat([c, h], 1)`.
        activation: Inner activation (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.

    Example:

    >>> cell = BasicLSTMCell(5)
    >>> cell.state_size
    LSTMStateTuple(c=5, h=5)
    """

    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
                 reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, forget_bias=forget_bias, state_is_tuple=state_is_tuple,
                         activation=activation, reuse=reuse, name=name, dtype=dtype, **kwargs)


class LSTMBlockCell(LSTMCell):
    """contrib's fused LSTM cell: `LSTMCell`'s math and variable names (`lstm_cell/...`).

    Args:
        num_units: int, the number of units H.
        forget_bias: float added to the forget gate at run time (default 1.0).
        cell_clip: Clip the cell state to `[-cell_clip, cell_clip]`; `None` or a
            value <= 0 means no clipping (contrib's `-1`).
        use_peephole: Peephole connections (`w_i_diag`, `w_f_diag`, `w_o_diag`).
        dtype, reuse, name: As in `RNNCell`; the name defaults to `lstm_cell`.
    """

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 dtype=None, reuse=None, name="lstm_cell"):
        super().__init__(num_units, use_peepholes=use_peephole,
                         cell_clip=cell_clip if cell_clip is not None and cell_clip > 0 else None,
                         forget_bias=forget_bias, dtype=dtype, reuse=reuse, name=name)
