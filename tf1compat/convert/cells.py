"""`to_keras`: a built tf1compat cell as a native Keras 3 cell.

The conversions are exact (same math, weights re-laid out):

- `BasicRNNCell` -> `keras.layers.SimpleRNNCell`: kernel rows `[:D]` -> `kernel`,
  `[D:]` -> `recurrent_kernel`.
- `BasicLSTMCell` / plain `LSTMCell` -> `keras.layers.LSTMCell`: gate columns
  i, j, f, o -> Keras i, f, c, o; `forget_bias` folded into the f bias; the state
  `LSTMStateTuple(c, h)` becomes `[h, c]` (`lstm_state_to_keras`).
- `GRUCell` -> `keras.layers.GRUCell(reset_after=False)`: gates r, u -> Keras z, r, h
  (`z` is TF1's `u`), candidate weights as the h block.
- `MultiRNNCell` -> `keras.layers.StackedRNNCells`.

Peepholes, `cell_clip`, `num_proj`/`proj_clip` and `state_is_tuple=False` (on an
LSTM cell or on `MultiRNNCell`, whose state is then one concatenated tensor) have no
Keras equivalent: they raise instead of being approximated. The Keras cells keep the
TF1 cell's dtype (float64 stays float64).
"""

import keras

from tf1compat.cells import (BasicRNNCell, GRUCell, LSTMCell, LSTMStateTuple, MultiRNNCell,
                             RNNCell)
from tf1compat.convert.layouts import built_with, gru_weights, lstm_weights, simple_rnn_weights


def to_keras(cell):
    """Returns a built Keras 3 cell computing exactly what `cell` computes.

    Args:
        cell: A built tf1compat `BasicRNNCell`, `BasicLSTMCell`, `LSTMCell`,
            `GRUCell` or `MultiRNNCell` of those.

    Returns:
        A `keras.layers.SimpleRNNCell`, `LSTMCell`, `GRUCell` or `StackedRNNCells`
        holding copies of the weights.

    Raises:
        ValueError: the cell is not built, is already a Keras cell, or uses an
            option with no Keras equivalent.
        TypeError: the cell type has no Keras counterpart.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.BasicLSTMCell(4)
    >>> outputs, state = tf1compat.nn.dynamic_rnn(cell, tf.ones([2, 3, 5]), dtype=tf.float32)
    >>> keras_cell = tf1compat.convert.to_keras(cell)
    >>> keras_out = keras.layers.RNN(keras_cell, return_sequences=True)(tf.ones([2, 3, 5]))
    >>> bool(np.allclose(keras_out, outputs, atol=1e-6))
    True
    """
    if isinstance(cell, keras.layers.Layer) and not isinstance(cell, RNNCell):
        raise ValueError(f"{type(cell).__name__} is already a native Keras cell: use it as it is. "
                         f"Received: cell={cell!r}")
    if isinstance(cell, MultiRNNCell):
        if not cell._state_is_tuple:
            raise ValueError("keras.layers.StackedRNNCells keeps one state per layer; it has no "
                             "equivalent of MultiRNNCell(state_is_tuple=False). Received: "
                             f"cell={cell!r}")
        return keras.layers.StackedRNNCells([to_keras(c) for c in cell._cells])
    if not getattr(cell, "built", False):
        raise ValueError(f"Call the cell once (e.g. through dynamic_rnn) before converting it; "
                         f"its weights do not exist yet. Received: cell={cell!r}")
    if isinstance(cell, LSTMCell):
        return _lstm_to_keras(cell)
    if isinstance(cell, GRUCell):
        return _gru_to_keras(cell)
    if isinstance(cell, BasicRNNCell):
        keras_cell = keras.layers.SimpleRNNCell(cell._num_units, activation=cell._activation,
                                                dtype=cell.variable_dtype.name)
        return built_with(keras_cell, cell._depth,
                          simple_rnn_weights(cell._kernel, cell._bias, cell._depth))
    raise TypeError(f"No native Keras 3 equivalent for {type(cell).__name__}. Received: cell={cell!r}")


def lstm_state_to_keras(state):
    """`LSTMStateTuple(c, h)` -> Keras' `[h, c]`."""
    return [state.h, state.c]


def lstm_state_from_keras(state):
    """Keras' `[h, c]` -> `LSTMStateTuple(c, h)`."""
    h, c = state
    return LSTMStateTuple(c, h)


def _lstm_to_keras(cell):
    unsupported = {"use_peepholes": cell._use_peepholes, "cell_clip": cell._cell_clip,
                   "num_proj": cell._num_proj, "proj_clip": cell._proj_clip,
                   "state_is_tuple=False": not cell._state_is_tuple}
    used = [name for name, value in unsupported.items() if value not in (None, False)]
    if used:
        raise ValueError(f"keras.layers.LSTMCell has no equivalent of {', '.join(used)}; keep "
                         f"using the tf1compat cell. Received: cell={cell!r}")
    keras_cell = keras.layers.LSTMCell(cell._num_units, activation=cell._activation,
                                       dtype=cell.variable_dtype.name)
    return built_with(keras_cell, cell._depth,
                      lstm_weights(cell._kernel, cell._bias, cell._depth, cell._forget_bias))


def _gru_to_keras(cell):
    keras_cell = keras.layers.GRUCell(cell._num_units, activation=cell._activation,
                                      reset_after=False, dtype=cell.variable_dtype.name)
    return built_with(keras_cell, cell._depth,
                      gru_weights(cell._gate_kernel, cell._gate_bias, cell._candidate_kernel,
                                  cell._candidate_bias, cell._depth))
