"""`static_rnn`: TF1's unrolled RNN over a Python list of time steps."""

import functools

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, zero_state
from tf1compat.nn import validation
from tf1compat.cells.projection import ProjectedInputsMixin
from tf1compat.nn.steps import batch_size_of, checked_initial_state, mask_finished, run_traced


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    """Runs `cell` over a list of time steps, unrolled, exactly as TF1's `tf.nn.static_rnn`.

    Same length semantics as `dynamic_rnn`: past `sequence_length[b]` the outputs
    are zeros and the state is copied through.

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        inputs: A non-empty list of T tensors `[batch, depth]` (or nested structures).
        initial_state: Optional state matching `cell.state_size`.
        dtype: State dtype; required if `initial_state` is not given.
        sequence_length: Optional int32/int64 vector `[batch]`.
        scope: Variable scope (default `"rnn"`).

    Returns:
        `(outputs, state)`: a list of T outputs and the final state.

    Raises:
        TypeError: `inputs` is not a list/tuple, `cell` is not a cell.
        ValueError: empty inputs, unknown depth, no `initial_state` and no `dtype`,
            bad `sequence_length`.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.GRUCell(4)
    >>> steps = tf.unstack(tf.ones([2, 5, 3]), axis=1)     # 5 tensors [2, 3]
    >>> outputs, state = tf1compat.nn.static_rnn(cell, steps, dtype=tf.float32)
    >>> len(outputs), outputs[-1].shape
    (5, TensorShape([2, 4]))
    """
    check_cell(cell)
    validation.check_step_list(inputs)
    steps = [tf.nest.map_structure(tf.convert_to_tensor, step) for step in inputs]
    first = tf.nest.flatten(steps[0])
    for x in first:
        # Rank 1 is allowed, as in TF1: `[batch]` token ids for an `EmbeddingWrapper`.
        if x.shape.rank is None or x.shape.rank < 1 or not x.shape[1:].is_fully_defined():
            raise ValueError("Input size (depth of each time step) must be accessible via shape "
                             f"inference. Received: inputs[0].shape={x.shape}")
    batch_size = batch_size_of(first, 0)
    inputs_dtype = first[0].dtype
    with tf.compat.v1.variable_scope(scope or "rnn"):
        if sequence_length is not None:
            sequence_length = validation.check_sequence_length(sequence_length, batch_size)
        initial_state = checked_initial_state(
            cell, initial_state, dtype, validation.inputs_dtype_of(first),
            "If no initial_state is provided, dtype must be specified.")
        build_cell(cell, tf.nest.map_structure(lambda x: x.shape, steps[0]), inputs_dtype)
        return run_traced(_unrolled, cell, steps, initial_state, sequence_length, dtype=dtype)


def _unrolled(cell, steps, state, sequence_length, dtype):
    if state is None:
        state = zero_state(cell, batch_size_of(tf.nest.flatten(steps[0]), 0), dtype)
    if isinstance(cell, ProjectedInputsMixin) and cell.steps_split and tf.is_tensor(steps[0]):
        # The input halves of all steps in one matmul, exactly as `dynamic_rnn` computes
        # them: the two drivers give bit-identical results, as they did in TF1.
        steps = tf.unstack(cell.project_inputs(tf.stack(steps)))
        step = cell.recurrent_step()
    else:
        step = functools.partial(call_cell, cell)
    outputs = []
    for time, step_input in enumerate(steps):
        output, new_state = step(step_input, state)
        validation.check_same_structure(state, new_state, "the new state returned by the cell")
        new_state = tf.nest.pack_sequence_as(state, tf.nest.flatten(new_state))
        if sequence_length is not None:
            flat_output, new_state = mask_finished(
                time >= sequence_length, tf.nest.flatten(output), state, new_state)
            output = tf.nest.pack_sequence_as(output, flat_output)
        outputs.append(output)
        state = new_state
    return outputs, state


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
    """`static_rnn` whose state is loaded from and saved to a state saver, as in TF1.

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        inputs: A non-empty list of T tensors `[batch, depth]`.
        state_saver: An object with `state(name)` (returns the saved state
            tensor) and `save_state(name, value)` (returns an op or tensor), like
            TF1's `contrib.training` state savers.
        state_name: A name, or a structure of names matching `cell.state_size`.
        sequence_length, scope: As for `static_rnn`.

    Returns:
        `(outputs, state)`, which depend on the state being saved.

    Raises:
        ValueError: `state_name` does not have the structure of `cell.state_size`.
    """
    check_cell(cell)
    try:
        tf.nest.assert_same_structure(state_name, cell.state_size, check_types=False)
    except (ValueError, TypeError) as error:
        raise ValueError(f"`state_name` must have the structure of cell.state_size="
                         f"{cell.state_size!r}. Received: state_name={state_name!r}") from error
    names = tf.nest.flatten(state_name)
    initial_state = tf.nest.pack_sequence_as(cell.state_size,
                                             [state_saver.state(name) for name in names])
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
    saves = [state_saver.save_state(name, value)
             for name, value in zip(names, tf.nest.flatten(state))]
    with tf.control_dependencies(saves):
        outputs[-1] = tf.nest.map_structure(tf.identity, outputs[-1])
        state = tf.nest.map_structure(tf.identity, state)
    return outputs, state
