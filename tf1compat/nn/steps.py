"""Pieces every TF1 driver shares: initial state, length masking, eager tracing, dimensions."""

import functools
import weakref

import tensorflow as tf

from tf1compat.cells.adapter import cell_state
from tf1compat.nn import validation
from tf1compat.shapes import static_dim

DEFAULT_PARALLEL_ITERATIONS = 32


def checked_initial_state(cell, initial_state, dtype, inputs_dtype, missing_message):
    """The initial state in the structure the drivers carry, or `None` if a `dtype` is given.

    Returns:
        `initial_state` as `cell_state` carries it, checked; `None` without one.

    Raises:
        ValueError: neither is given (`missing_message`, TF1's wording), or the
            structure or dtype does not match the cell and the inputs.
    """
    if initial_state is not None:
        initial_state = cell_state(cell, initial_state)
        validation.check_state_structure(initial_state, cell)
        validation.check_state_dtype(initial_state, inputs_dtype)
        return initial_state
    if dtype is None:
        raise ValueError(f"{missing_message} Received: initial_state=None, dtype=None")
    validation.check_dtype(dtype, inputs_dtype, "dtype")
    return None


def keep_static_shapes(state, new_state):
    """`new_state` with the static shapes of `state` merged in, as TF1's loops kept them.

    A fixed-batch initial state (`zero_state(1, ...)`) with inputs of unknown batch
    stays `[1, ...]` through the loop, as TF1's `concat([x, h])` kept it.
    """

    def merge(old, new):
        if tf.is_tensor(new) and old.shape.is_compatible_with(new.shape):
            new.set_shape(old.shape)
        return new

    return tf.nest.map_structure(merge, state, new_state)


def mask_finished(finished, flat_output, state, new_state):
    """TF1 length semantics for one step: zero the outputs and keep the old state where finished.

    As in TF1, only tensors with a batch dimension are masked: scalars and
    `TensorArray`s in the state pass through unchanged.

    Args:
        finished: `[batch]` bool, True for entries past their length.
        flat_output: list of `[batch, ...]` outputs of this step.
        state, new_state: the states before and after this step (same structure).

    Returns:
        `(flat_output, new_state)` with finished rows replaced.
    """

    def choose(finished_value, new):
        if isinstance(new, tf.TensorArray) or new.shape.rank == 0:
            return new
        # TF1's row select (`Select` with a [batch] condition): faster than a broadcast.
        return tf.compat.v1.where(finished, finished_value, new)

    flat_output = [choose(tf.zeros_like(o), o) for o in flat_output]
    new_state = tf.nest.map_structure(choose, state, new_state)
    return flat_output, new_state


def rows(finished, like):
    """`finished` (`[batch]` bool) reshaped to broadcast over the rows of `like`."""
    return tf.reshape(finished, [-1] + [1] * (like.shape.rank - 1))


_TRACED = weakref.WeakKeyDictionary()


def run_traced(loop, cell, *args, op_by_op=False, **options):
    """Runs `loop(cell, *args, **options)`: in place in graphs; in eager, as a tf.function.

    `args` are the tensors (or `None`s) of the call, `options` its Python settings. The
    tf.function is cached per (cell, loop, options) so it is traced once, not run op by op
    and not retraced per call, and a call only passes the tensors; it is not
    autograph-converted, since TF1 cells are graph-building code. The cache holds the cell
    weakly: a cell dropped by the program is freed with its traced functions. A loop given
    or returning a `TensorArray` (which a tf.function can neither take from eager code nor
    return), or called with `op_by_op`, runs op by op, as in TF1.
    """
    if not tf.executing_eagerly() or op_by_op or holds_tensor_array(args):
        return loop(cell, *args, **options)
    traced_for_cell = _TRACED.setdefault(cell, {})
    key = (loop, tuple(sorted(options.items())))
    if key not in traced_for_cell:
        traced = tf.function(functools.partial(_call_with_cell, weakref.ref(cell), loop, **options),
                             reduce_retracing=True, autograph=False)
        outputs = traced.get_concrete_function(*args).structured_outputs
        traced_for_cell[key] = None if holds_tensor_array(outputs) else traced
    traced = traced_for_cell[key]
    return loop(cell, *args, **options) if traced is None else traced(*args)


def holds_tensor_array(*structures):
    """Whether any of the (nested) `structures` holds a `TensorArray`."""
    return any(isinstance(x, tf.TensorArray) for x in tf.nest.flatten(structures))


def _call_with_cell(cell_ref, loop, *args, **options):
    return loop(cell_ref(), *args, **options)


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
