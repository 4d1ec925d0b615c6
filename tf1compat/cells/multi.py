"""`MultiRNNCell`: stacks cells; the state is a tuple with one entry per layer."""

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size, zero_state
from tf1compat.cells.base import RNNCell


class MultiRNNCell(RNNCell):
    """A stack of cells run in sequence at each step, as TF1's `MultiRNNCell`.

    Layer `i` lives in scope `multi_rnn_cell/cell_{i}/`; its input is the output
    of layer `i - 1`. The output is the last layer's output.

    Args:
        cells: list of cells (tf1compat cells or Keras 3 cells).
        state_is_tuple: If True (default) the state is a tuple of per-layer
            states; if False, all states are concatenated along axis 1.

    Raises:
        ValueError: if `cells` is empty, or `state_is_tuple=False` with a cell
            whose state is a tuple.

    Example:

    >>> cell = MultiRNNCell([BasicLSTMCell(4), GRUCell(3)])
    >>> cell.state_size
    (LSTMStateTuple(c=4, h=4), 3)
    """

    def __init__(self, cells, state_is_tuple=True, **kwargs):
        super().__init__(**kwargs)
        if not cells:
            raise ValueError(f"`cells` must be a non-empty list of cells. Received: cells={cells!r}")
        if not isinstance(cells, (list, tuple)):
            raise TypeError(f"`cells` must be a list or tuple of cells. Received: cells={cells!r}")
        for i, cell in enumerate(cells):
            check_cell(cell, f"cells[{i}]")
        if not state_is_tuple and any(tf.nest.is_nested(c.state_size) for c in cells):
            raise ValueError(
                "Some cells return tuples of states, but state_is_tuple=False. "
                f"Received: state sizes {[c.state_size for c in cells]}")
        self._cells = list(cells)
        for i, cell in enumerate(self._cells):
            # Checkpoint dependencies under TF1's names, so tf.train.Checkpoint saves them.
            self._track_trackable(cell, name=f"cell-{i}")
        self._state_is_tuple = state_is_tuple

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self):
        return output_size(self._cells[-1])

    def zero_state(self, batch_size, dtype):
        if not self._state_is_tuple:
            return super().zero_state(batch_size, dtype)
        return tuple(zero_state(cell, batch_size, dtype) for cell in self._cells)

    def build(self, inputs_shape):
        shape = inputs_shape
        for i, cell in enumerate(self._cells):
            with tf.compat.v1.variable_scope(f"cell_{i}"):
                build_cell(cell, shape, self.variable_dtype)
            shape = tf.TensorShape([None, output_size(cell)])

    def call(self, inputs, state):
        if self._state_is_tuple and not tf.nest.is_nested(state):
            raise ValueError(f"Expected state to be a tuple of length {len(self._cells)}, but "
                             f"received: {state!r}")
        layer_input = inputs
        new_states = []
        offset = 0
        for i, cell in enumerate(self._cells):
            with tf.compat.v1.variable_scope(f"cell_{i}"):
                if self._state_is_tuple:
                    layer_state = state[i]
                else:
                    layer_state = state[:, offset: offset + cell.state_size]
                    offset += cell.state_size
                layer_input, new_state = call_cell(cell, layer_input, layer_state)
                new_states.append(new_state)
        if self._state_is_tuple:
            return layer_input, tuple(new_states)
        return layer_input, tf.concat(new_states, 1)

