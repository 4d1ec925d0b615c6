"""`GRUCell`: the TF1 gated recurrent unit (gate order r, u)."""

import tensorflow as tf

from tf1compat.cells.base import GRUArgsCell, UnitsCell
from tf1compat.options import check_supported_dtype, input_depth
from tf1compat.cells.projection import ProjectedInputsMixin


class GRUCell(ProjectedInputsMixin, GRUArgsCell, UnitsCell):
    """The TF1 GRU cell (Cho et al., 2014), output = new state.

    Math: `r, u = sigmoid(W_g . [x, h] + b_g)`, `c = act(W_c . [x, r * h] + b_c)`,
    `h' = u * h + (1 - u) * c`.

    Variables: `gru_cell/gates/kernel [D + H, 2H]`, `gru_cell/gates/bias [2H]`
    (initialised to 1.0), `gru_cell/candidate/kernel [D + H, H]`,
    `gru_cell/candidate/bias [H]` (initialised to 0.0).

    Args:
        num_units: int, the number of units H.
        activation: Candidate activation (default `tanh`).
        reuse, name, dtype: As in `RNNCell`.
        kernel_initializer: Initializer of both kernels.
        bias_initializer: Initializer of both biases (replaces the 1.0 / 0.0 defaults).

    Example:

    >>> cell = GRUCell(4)
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 4])
    """

    # Names of the gate kernel, gate bias, candidate kernel and candidate bias.
    variable_names = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        check_supported_dtype(self.variable_dtype, "inputs.dtype")
        units = self._num_units
        gate_kernel, gate_bias, candidate_kernel, candidate_bias = self.variable_names
        self._gate_kernel = self.add_weight(
            gate_kernel, shape=[depth + units, 2 * units], initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight(
            gate_bias, shape=[2 * units],
            initializer=self._bias_initializer or tf.compat.v1.constant_initializer(1.0))
        self._candidate_kernel = self.add_weight(
            candidate_kernel, shape=[depth + units, units], initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight(
            candidate_bias, shape=[units],
            initializer=self._bias_initializer or tf.compat.v1.zeros_initializer())
        self._depth = depth

    def _kernels(self):
        return [(self._gate_kernel, self._gate_bias),
                (self._candidate_kernel, self._candidate_bias)]

    def _step(self, state, affine):
        r, u = tf.split(tf.sigmoid(affine(0, state)), 2, axis=1)
        candidate = self._activation(affine(1, r * state))
        new_h = u * state + (1 - u) * candidate
        return new_h, new_h


class GRUBlockCellV2(GRUCell):
    """contrib's block GRU cell: `GRUCell`'s math and variable names, default name `gru_cell`.

    Args:
        num_units: int, the number of units (or the deprecated `cell_size`).
        cell_size: Deprecated alias of `num_units`; give exactly one.
        reuse, name: As in `RNNCell`.

    Raises:
        ValueError: both or neither of `num_units` and `cell_size` are given.
    """

    def __init__(self, num_units=None, cell_size=None, reuse=None, name="gru_cell"):
        if (cell_size is None) == (num_units is None):
            raise ValueError("Exactly one of num_units or cell_size must be provided. "
                             f"Received: num_units={num_units!r}, cell_size={cell_size!r}")
        super().__init__(num_units if num_units is not None else cell_size, reuse=reuse, name=name)


class GRUBlockCell(GRUBlockCellV2):
    """contrib's original block GRU cell: `GRUBlockCellV2` with its own variable names.

    Its variables are `gru_cell/w_ru [D + H, 2H]` (the gate kernel), `b_ru [2H]`,
    `w_c [D + H, H]` (the candidate kernel) and `b_c [H]`, exactly as contrib created
    them (checked against a TF 1.15 checkpoint), so its checkpoints restore.
    """

    variable_names = ("w_ru", "b_ru", "w_c", "b_c")
