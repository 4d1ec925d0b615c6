"""One interface over tf1compat cells and native Keras 3 cells.

The drivers and `MultiRNNCell` accept both: a tf1compat `RNNCell`, or any Keras
cell with `state_size` and `call(inputs, states)` (`keras.layers.LSTMCell`,
`GRUCell`, `SimpleRNNCell`, `StackedRNNCells`, user cells). Keras cells keep
their own state structure (`[h, c]` for `LSTMCell`).
"""

import inspect

import tensorflow as tf

from tf1compat.cells.base import RNNCell, zeros_for_sizes


def check_cell(cell, argument="cell"):
    """Raises `TypeError` unless `cell` can be driven as an RNN cell."""
    if isinstance(cell, RNNCell):
        return
    if not callable(cell) or not hasattr(cell, "state_size"):
        raise TypeError(
            f"`{argument}` must be a tf1compat RNNCell or a Keras RNN cell (an object with "
            f"`state_size` and `call(inputs, states)`). Received: {argument}={cell!r} "
            f"of type {type(cell).__name__}")


def build_cell(cell, inputs_shape, dtype):
    """Creates the variables of `cell` for step inputs of `inputs_shape` in the current scope."""
    if isinstance(cell, RNNCell):
        with cell.variable_scope():
            cell.ensure_built(inputs_shape, dtype)
        return
    compute_dtype = getattr(cell, "compute_dtype", None)
    if compute_dtype is not None and tf.as_dtype(compute_dtype) != dtype:
        raise ValueError(
            f"The inputs have dtype {dtype.name} but the Keras cell {cell.name!r} computes in "
            f"{compute_dtype}. Cast the inputs (`tf.cast(inputs, {compute_dtype!r})`) or build "
            f"the cell with `dtype={dtype.name!r}`. Received: inputs.dtype={dtype.name}")
    if not getattr(cell, "built", True):
        shapes = tf.nest.map_structure(lambda s: tuple(tf.TensorShape(s).as_list()), inputs_shape,
                                       check_types=False)
        cell.build(shapes)


def zero_state(cell, batch_size, dtype):
    """The zero initial state of `cell` in its own structure (see `cell_state`)."""
    if hasattr(cell, "zero_state"):
        return cell.zero_state(batch_size, dtype)
    if hasattr(cell, "get_initial_state"):
        if "dtype" in inspect.signature(cell.get_initial_state).parameters:  # Keras 2 cells
            state = cell.get_initial_state(batch_size=batch_size, dtype=dtype)
        else:
            state = cell.get_initial_state(batch_size=batch_size)
        return cell_state(cell, tf.nest.map_structure(lambda s: tf.cast(s, dtype), state))
    return zeros_for_sizes(cell.state_size, batch_size, dtype)


def cell_state(cell, state):
    """`state` in the structure of `cell.state_size`, as the drivers carry it.

    A Keras cell with a single state keeps it as `[h]`; as in TF1, the drivers carry
    (and return) it as the tensor `h`. Other states are returned unchanged.
    """
    if (not isinstance(cell, RNNCell) and not tf.nest.is_nested(cell.state_size)
            and isinstance(state, (list, tuple)) and len(state) == 1):
        return state[0]
    return state


def call_cell(cell, inputs, state, **kwargs):
    """One step of `cell`: `(output, new_state)`, the state as `cell_state` carries it."""
    if isinstance(cell, RNNCell):
        return cell(inputs, state, **kwargs)
    if not tf.nest.is_nested(cell.state_size):
        state = [cell_state(cell, state)]
    output, new_state = cell(inputs, state, **kwargs)
    return output, cell_state(cell, new_state)


def output_size(cell):
    """`cell.output_size`, or (Keras convention) the first state size."""
    size = getattr(cell, "output_size", None)
    if size is None:
        size = tf.nest.flatten(cell.state_size)[0]
    return size
