"""`dynamic_rnn` and `raw_rnn`: TF1's recurrent drivers on TF2.

Both build one `tf.while_loop` over `TensorArray`s, in place inside
`tf.function` and in TF1 graph mode. In eager mode `dynamic_rnn` runs its loop
in a `tf.function` cached per cell (traced once, not run op by op), while
`raw_rnn` runs eagerly step by step: its `loop_fn` is user code that may hold
eager-only objects (an eager `TensorArray`, Python state), so it is not traced.
"""

import tensorflow as tf

from tf1compat.cells.adapter import (build_cell, call_cell, cell_state, check_cell, output_size,
                                     zero_state)
from tf1compat.cells.base import zeros_for_sizes
from tf1compat.cells.projection import ProjectedInputsMixin
from tf1compat.nn import validation
from tf1compat.nn.steps import (DEFAULT_PARALLEL_ITERATIONS, batch_size_of, checked_initial_state,
                                dim, keep_static_shapes, mask_finished, run_traced)
from tf1compat.shapes import static_dim


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None,
                parallel_iterations=None, swap_memory=False, time_major=False, scope=None):
    """Runs `cell` over the time steps of `inputs`, exactly as TF1's `tf.nn.dynamic_rnn`.

    For batch entry `b`, steps `t >= sequence_length[b]` emit zeros and copy the
    state through, so the final state is the state after step
    `sequence_length[b] - 1` (the initial state if the length is 0).

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        inputs: `[batch, time, depth]` tensor (`[time, batch, depth]` if
            `time_major`), or a nested structure of such tensors.
        sequence_length: Optional int32/int64 vector `[batch]`.
        initial_state: Optional state matching `cell.state_size`.
        dtype: State dtype; required if `initial_state` is not given.
        parallel_iterations: Passed to `tf.while_loop` (default 32).
        swap_memory: Passed to `tf.while_loop`.
        time_major: Layout of `inputs` and `outputs`.
        scope: Variable scope of the cell's variables (default `"rnn"`).

    Returns:
        `(outputs, state)`: `outputs` has the structure of `cell.output_size`
        with `[batch, time, size]` tensors (`[time, batch, size]` if
        `time_major`); `state` has the structure of `cell.state_size`.

    Raises:
        TypeError: `cell` is not a cell; non-floating inputs; non-integer lengths.
        ValueError: bad input rank or depth, bad `sequence_length`, neither
            `initial_state` nor `dtype`, mismatched dtypes or state structure.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.BasicLSTMCell(5)
    >>> outputs, state = tf1compat.nn.dynamic_rnn(
    ...     cell, tf.ones([4, 2, 3]), sequence_length=[2, 1, 0, 2], dtype=tf.float32)
    >>> outputs.shape, state.h.shape
    (TensorShape([4, 2, 5]), TensorShape([4, 5]))
    """
    check_cell(cell)
    flat_inputs = validation.check_sequence_inputs(inputs, time_major)
    inputs_dtype = flat_inputs[0].dtype
    batch_axis = 1 if time_major else 0
    with tf.compat.v1.variable_scope(scope or "rnn"):
        if sequence_length is not None:
            sequence_length = validation.check_sequence_length(
                sequence_length, batch_size_of(flat_inputs, batch_axis))
        initial_state = checked_initial_state(
            cell, initial_state, dtype, validation.inputs_dtype_of(flat_inputs),
            "If there is no initial_state, you must give a dtype.")
        step_shapes = [x.shape[1:] if time_major else x.shape[:1].concatenate(x.shape[2:])
                       for x in flat_inputs]
        build_cell(cell, tf.nest.pack_sequence_as(inputs, step_shapes), inputs_dtype)
        return run_traced(
            _dynamic_rnn, cell, tf.nest.pack_sequence_as(inputs, flat_inputs), initial_state,
            sequence_length, dtype=dtype, time_major=time_major,
            parallel_iterations=parallel_iterations or DEFAULT_PARALLEL_ITERATIONS,
            swap_memory=swap_memory)


def raw_rnn(cell, loop_fn, parallel_iterations=None, swap_memory=False, scope=None):
    """Runs `cell` under the control of `loop_fn`, exactly as TF1's `tf.nn.raw_rnn`.

    `loop_fn(time, cell_output, cell_state, loop_state)` returns
    `(finished, next_input, next_cell_state, emit_output, next_loop_state)`.
    It is first called at time 0 with `cell_output`, `cell_state` and
    `loop_state` all `None`: its `next_cell_state` is the initial state, its
    `next_loop_state` the initial loop state, and its `emit_output` (or, if
    `None`, `cell.output_size`) fixes the structure of what is emitted. For
    entries already finished, the emit is zeroed and the state copied through;
    the loop stops when every entry is finished.

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        loop_fn: The callable described above.
        parallel_iterations: Passed to `tf.while_loop` (default 32).
        swap_memory: Passed to `tf.while_loop`.
        scope: Variable scope of the cell's variables (default `"rnn"`).

    Returns:
        `(emit_ta, final_state, final_loop_state)`: `emit_ta` is a (structure of)
        `TensorArray` whose `.stack()` is `[time, batch, ...]`;
        `final_loop_state` is `None` if the initial loop state was `None`.

    Raises:
        TypeError: `cell` is not a cell or `loop_fn` is not callable.
        ValueError: `loop_fn` returns a state not matching `cell.state_size`.

    Example:

    >>> inputs = tf.random.normal([20, 4, 3])  # [time, batch, depth]
    >>> cell = tf1compat.nn.rnn_cell.GRUCell(8)
    >>> def loop_fn(time, cell_output, cell_state, loop_state):
    ...     state = cell.zero_state(4, tf.float32) if cell_state is None else cell_state
    ...     finished = tf.fill([4], time >= 20)
    ...     next_input = tf.cond(time >= 20, lambda: tf.zeros([4, 3]), lambda: inputs[time])
    ...     return finished, next_input, state, cell_output, loop_state
    >>> emit_ta, state, _ = tf1compat.nn.raw_rnn(cell, loop_fn)
    >>> emit_ta.stack().shape
    TensorShape([20, 4, 8])
    """
    check_cell(cell)
    if not callable(loop_fn):
        raise TypeError(f"`loop_fn` must be callable. Received: loop_fn={loop_fn!r}")
    with tf.compat.v1.variable_scope(scope or "rnn"):
        return _raw_rnn_loop(cell, loop_fn,
                             parallel_iterations=parallel_iterations or DEFAULT_PARALLEL_ITERATIONS,
                             swap_memory=swap_memory)


def _dynamic_rnn(cell, inputs, initial_state, sequence_length, dtype, time_major, **loop_options):
    """`dynamic_rnn` after validation: layout, initial state, loop (traced as one in eager)."""
    flat_inputs = tf.nest.flatten(inputs)
    if not time_major:
        flat_inputs = [_swap_batch_time(x) for x in flat_inputs]
    if initial_state is None:
        initial_state = zero_state(cell, batch_size_of(flat_inputs, 1), dtype)
    outputs, final_state = _dynamic_rnn_loop(
        cell, tf.nest.pack_sequence_as(inputs, flat_inputs), initial_state, sequence_length,
        dtype, **loop_options)
    if not time_major:
        outputs = tf.nest.map_structure(_swap_batch_time, outputs)
    return outputs, final_state


def _dynamic_rnn_loop(cell, inputs, state, sequence_length, dtype, parallel_iterations,
                      swap_memory):
    """The time loop of `dynamic_rnn` on time-major `inputs`; returns time-major outputs."""
    flat_inputs = tf.nest.flatten(inputs)
    time_steps = dim(flat_inputs[0], 0)
    batch_size = batch_size_of(flat_inputs, 1)
    if isinstance(cell, ProjectedInputsMixin) and cell.steps_split and len(flat_inputs) == 1:
        # One big input matmul for all steps; each step only does the recurrent half.
        step_inputs, step = [cell.project_inputs(flat_inputs[0])], cell.recurrent_step()
    else:
        step_inputs, step = flat_inputs, None
    input_tas = [tf.TensorArray(x.dtype, size=time_steps, element_shape=x.shape[1:]).unstack(x)
                 for x in step_inputs]
    out_sizes = tf.nest.flatten(output_size(cell))
    out_dtype = dtype or tf.nest.flatten(state)[0].dtype  # TF1's `_infer_state_dtype`
    if sequence_length is None:
        loop_bound = time_steps
    else:
        # As TF1: at least one step, so that the outputs know their shape even when every
        # length is 0 (the step's outputs are zeroed and its state discarded).
        loop_bound = tf.minimum(time_steps, tf.maximum(1, tf.reduce_max(sequence_length)))
    output_tas = [
        tf.TensorArray(out_dtype, size=loop_bound,
                       element_shape=tf.TensorShape([batch_size if isinstance(batch_size, int) else None])
                       .concatenate(tf.TensorShape(size)))
        for size in out_sizes]

    def body(time, state, output_tas):
        step_input = [ta.read(time) for ta in input_tas]
        if step is None:
            output, new_state = call_cell(cell, tf.nest.pack_sequence_as(inputs, step_input), state)
        else:
            output, new_state = step(step_input[0], state)
        validation.check_same_structure(state, new_state, "the new state returned by the cell")
        flat_output = tf.nest.flatten(output)
        new_state = tf.nest.pack_sequence_as(state, tf.nest.flatten(new_state))
        if sequence_length is not None:
            flat_output, new_state = mask_finished(
                time >= sequence_length, flat_output, state, new_state)
        output_tas = [ta.write(time, o) for ta, o in zip(output_tas, flat_output)]
        return time + 1, keep_static_shapes(state, new_state), output_tas

    _, final_state, output_tas = tf.while_loop(
        lambda time, *_: time < loop_bound, body, (tf.constant(0), state, output_tas),
        parallel_iterations=parallel_iterations, swap_memory=swap_memory,
        maximum_iterations=time_steps)
    flat_outputs = [ta.stack() for ta in output_tas]
    if sequence_length is not None:
        # Steps past the longest sequence were never run: they are all zeros.
        flat_outputs = [_pad_time(o, time_steps) for o in flat_outputs]
    static_steps = static_dim(flat_inputs[0].shape, 0)
    for o in flat_outputs:
        o.set_shape(tf.TensorShape([static_steps]).concatenate(o.shape[1:]))
    return tf.nest.pack_sequence_as(output_size(cell), flat_outputs), final_state


def _raw_rnn_loop(cell, loop_fn, parallel_iterations, swap_memory):
    """The loop of `raw_rnn` (TF1's protocol, see `raw_rnn`)."""
    time = tf.constant(0, dtype=tf.int32)
    finished, next_input, initial_state, emit_structure, init_loop_state = loop_fn(
        time, None, None, None)
    flat_input = [tf.convert_to_tensor(x) for x in tf.nest.flatten(next_input)]
    next_input = tf.nest.pack_sequence_as(next_input, flat_input)
    initial_state = cell_state(cell, initial_state)
    validation.check_state_structure(initial_state, cell, "the initial state returned by loop_fn")
    state = tf.nest.map_structure(_as_tensor, initial_state)
    flat_state = tf.nest.flatten(state)
    batch_size = dim(flat_input[0], 0)
    build_cell(cell, tf.nest.map_structure(lambda x: x.shape, next_input), flat_input[0].dtype)

    if emit_structure is not None:
        # As in TF1, the time-0 emit gives each entry's emit size (its shape, without the
        # batch dimension) and dtype; its values are unused.
        flat_emit = [tf.convert_to_tensor(e) for e in tf.nest.flatten(emit_structure)]
        emit_sizes = [e.shape if e.shape.is_fully_defined() else tf.shape(e) for e in flat_emit]
        emit_dtypes = [e.dtype for e in flat_emit]
    else:
        emit_structure = output_size(cell)
        emit_sizes = [tf.TensorShape(size) for size in tf.nest.flatten(emit_structure)]
        emit_dtypes = [flat_state[0].dtype] * len(emit_sizes)
    zero_emit = [_batch_zeros(batch_size, size, dtype) for size, dtype in zip(emit_sizes, emit_dtypes)]
    emit_tas = [tf.TensorArray(zero.dtype, size=0, dynamic_size=True, element_shape=zero.shape)
                for zero in zero_emit]
    loop_state = init_loop_state if init_loop_state is not None else tf.constant(0)

    def body(time, finished, current_input, emit_tas, state, loop_state):
        output, new_state = call_cell(cell, current_input, state)
        validation.check_same_structure(state, new_state, "the new state returned by the cell")
        new_state = tf.nest.pack_sequence_as(state, tf.nest.flatten(new_state))
        next_time = time + 1
        next_finished, next_input, next_state, emit, next_loop_state = loop_fn(
            next_time, output, new_state, loop_state)
        next_state = cell_state(cell, next_state)
        validation.check_same_structure(state, next_state, "the next_cell_state returned by loop_fn")
        validation.check_same_structure(current_input, next_input, "the next_input returned by loop_fn")
        if emit is None:
            emit = output
        validation.check_same_structure(emit_structure, emit, "the emit_output returned by loop_fn")
        if next_loop_state is None:
            next_loop_state = loop_state
        flat_emit, next_state = mask_finished(
            finished, [_check_emit(e, zero) for zero, e in zip(zero_emit, tf.nest.flatten(emit))],
            state, tf.nest.pack_sequence_as(state, tf.nest.flatten(next_state)))
        emit_tas = [ta.write(time, e) for ta, e in zip(emit_tas, flat_emit)]
        finished = tf.logical_or(finished, next_finished)
        return (next_time, finished, next_input, emit_tas, keep_static_shapes(state, next_state),
                next_loop_state)

    _, _, _, emit_tas, final_state, final_loop_state = tf.while_loop(
        lambda time, finished, *_: tf.logical_not(tf.reduce_all(finished)), body,
        (time, finished, next_input, emit_tas, state, loop_state),
        parallel_iterations=parallel_iterations, swap_memory=swap_memory)
    if init_loop_state is None:
        final_loop_state = None
    return tf.nest.pack_sequence_as(emit_structure, emit_tas), final_state, final_loop_state


def _as_tensor(value):
    return value if isinstance(value, tf.TensorArray) else tf.convert_to_tensor(value)


def _batch_zeros(batch_size, size, dtype):
    """Zeros of shape `[batch_size, *size]`; `size` is a `TensorShape` or a shape tensor."""
    if isinstance(size, tf.TensorShape):
        return zeros_for_sizes(size, batch_size, dtype)
    return tf.zeros(tf.concat([tf.reshape(batch_size, [1]), size], 0), dtype)


def _check_emit(emit, zero):
    emit = tf.convert_to_tensor(emit)
    if emit.shape.rank is not None and zero.shape.rank is not None and emit.shape.rank != zero.shape.rank:
        raise ValueError(
            "raw_rnn: each emit_output must have shape [batch] + the shape of the time-0 "
            "emit_output, which gives the size of one entry (no batch dimension), e.g. "
            f"tf.zeros([{static_dim(emit.shape, -1)}]). Received: emit_output.shape={emit.shape}, "
            f"expected rank {zero.shape.rank}")
    return emit


def _swap_batch_time(x):
    return tf.transpose(x, [1, 0] + list(range(2, x.shape.rank)))


def _pad_time(outputs, time_steps):
    missing = time_steps - tf.shape(outputs)[0]
    return tf.pad(outputs, [[0, missing]] + [[0, 0]] * (outputs.shape.rank - 1))
