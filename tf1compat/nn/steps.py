"""Pieces every TF1 driver shares: initial state, length masking, eager tracing, dimensions."""

import functools
import weakref

import tensorflow as tf

from tf1compat.nn import validation
from tf1compat.shapes import static_dim

DEFAULT_PARALLEL_ITERATIONS = 32


def check_initial_state(cell, initial_state, dtype, inputs_dtype, missing_message):
    """Checks the initial state, or, without one, that a `dtype` for the zero state is given.

    Raises:
        ValueError: neither is given (`missing_message`, TF1's wording), or the
            structure or dtype does not match the cell and the inputs.
    """
    if initial_state is not None:
        validation.check_state_structure(initial_state, cell)
        validation.check_state_dtype(initial_state, inputs_dtype)
    elif dtype is None:
        raise ValueError(f"{missing_message} Received: initial_state=None, dtype=None")
    else:
        validation.check_dtype(dtype, inputs_dtype, "dtype")


def mask_finished(finished, flat_output, state, new_state):
    """TF1 length semantics for one step: zero the outputs and keep the old state where finished.

    Args:
        finished: `[batch]` bool, True for entries past their length.
        flat_output: list of `[batch, ...]` outputs of this step.
        state, new_state: the states before and after this step (same structure).

    Returns:
        `(flat_output, new_state)` with finished rows replaced.
    """
    by_rank = {}  # one reshaped mask per rank, not one per tensor

    def finished_rows(like):
        rank = like.shape.rank
        if rank not in by_rank:
            by_rank[rank] = rows(finished, like)
        return by_rank[rank]

    flat_output = [tf.where(finished_rows(o), tf.zeros([], o.dtype), o) for o in flat_output]
    new_state = tf.nest.map_structure(
        lambda old, new: tf.where(finished_rows(new), old, new), state, new_state)
    return flat_output, new_state


def rows(finished, like):
    """`finished` (`[batch]` bool) reshaped to broadcast over the rows of `like`."""
    return tf.reshape(finished, [-1] + [1] * (like.shape.rank - 1))


_TRACED = weakref.WeakKeyDictionary()


def run_traced(loop, cell, *args, **options):
    """Runs `loop(cell, *args, **options)`: in place in graphs; in eager, as a tf.function.

    The tf.function is cached per (cell, loop) so it is traced once, not run op by op
    and not retraced per call; it is not autograph-converted, since TF1 cells are
    graph-building code.
    """
    if not tf.executing_eagerly():
        return loop(cell, *args, **options)
    traced_for_cell = _TRACED.setdefault(cell, {})
    if loop not in traced_for_cell:
        traced_for_cell[loop] = tf.function(
            functools.partial(loop, cell), reduce_retracing=True, autograph=False)
    return traced_for_cell[loop](*args, **options)


def dim(x, axis):
    """`x.shape[axis]` as an int if static, else as a scalar tensor."""
    size = static_dim(x.shape, axis)
    return size if size is not None else tf.shape(x)[axis]


def batch_size_of(flat_inputs, axis):
    """The batch size (at `axis`) of the inputs: a Python int if static, else a scalar tensor."""
    for x in flat_inputs:
        if static_dim(x.shape, axis) is not None:
            return static_dim(x.shape, axis)
    return tf.shape(flat_inputs[0])[axis]
