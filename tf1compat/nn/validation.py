"""Input checks for the RNN drivers, with errors that name the argument and the value."""

import tensorflow as tf

from tf1compat.shapes import static_dim


def check_sequence_inputs(inputs, time_major):
    """Converts `inputs` (a structure) to tensors and checks rank, depth and dtype.

    Returns:
        The flat list of input tensors.

    Raises:
        ValueError: empty inputs, rank < 3, unknown depth, inconsistent batch/time.
    """
    flat = [tf.convert_to_tensor(x) for x in tf.nest.flatten(inputs)]
    if not flat:
        raise ValueError(f"`inputs` must contain at least one tensor. Received: inputs={inputs!r}")
    layout = "[time, batch, depth]" if time_major else "[batch, time, depth]"
    for x in flat:
        if x.shape.rank is not None and x.shape.rank < 3:
            raise ValueError(
                f"`inputs` must have rank >= 3, {layout} (time_major={time_major}). "
                f"Received: inputs.shape={x.shape}")
        if x.shape.rank is None or not x.shape[2:].is_fully_defined():
            raise ValueError(
                "Input size (depth of inputs) must be accessible via shape inference, but saw "
                f"value None. Received: inputs.shape={x.shape}")
    for axis, name in ((0, "time" if time_major else "batch"), (1, "batch" if time_major else "time")):
        sizes = {static_dim(x.shape, axis) for x in flat} - {None}
        if len(sizes) > 1:
            raise ValueError(
                f"All `inputs` must have the same {name} dimension (axis {axis}). "
                f"Received shapes: {[x.shape for x in flat]}")
    return flat


def check_step_list(inputs):
    """Raises unless `inputs` is a non-empty list of time steps (the static drivers' input).

    Raises:
        TypeError: `inputs` is not a list or tuple (a `[batch, time, depth]` tensor, say).
        ValueError: `inputs` is empty.
    """
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"`inputs` must be a list of time steps (e.g. tf.unstack(x, axis=1)). "
                        f"Received: inputs={getattr(inputs, 'shape', inputs)!r}")
    if not inputs:
        raise ValueError("`inputs` must not be empty. Received: inputs=[]")


def check_sequence_length(sequence_length, batch_size):
    """Returns `sequence_length` as an int32 vector, checked against the batch size.

    Checks what is known statically (or eagerly); in graphs adds run-time asserts
    for a batch size or values known only at run time.

    Raises:
        TypeError: not an integer tensor.
        ValueError: not a vector, wrong length, or negative values.
    """
    static_batch_size = None if tf.is_tensor(batch_size) else batch_size
    lengths = tf.convert_to_tensor(sequence_length)
    if not lengths.dtype.is_integer:
        raise TypeError(
            "`sequence_length` must be an int32 or int64 vector of size [batch_size]. "
            f"Received: sequence_length.dtype={lengths.dtype.name}")
    if lengths.shape.rank not in (None, 1):
        raise ValueError(
            "`sequence_length` must be a vector of length batch_size. "
            f"Received: sequence_length.shape={lengths.shape}")
    if (static_batch_size is not None and lengths.shape.rank == 1
            and static_dim(lengths.shape, 0) not in (None, static_batch_size)):
        raise ValueError(
            f"`sequence_length` must have one entry per batch element ({static_batch_size}). "
            f"Received: sequence_length.shape={lengths.shape}")
    value = tf.get_static_value(lengths)
    if value is not None and (value < 0).any():
        raise ValueError(
            f"`sequence_length` must be non-negative. Received: sequence_length={value.tolist()}")
    lengths = tf.cast(lengths, tf.int32)
    checks = []
    if value is None:
        checks.append(tf.debugging.assert_non_negative(
            lengths, message="`sequence_length` must be non-negative"))
    if static_batch_size is None or static_dim(lengths.shape, 0) is None:
        checks.append(tf.debugging.assert_equal(
            tf.shape(lengths)[0], batch_size,
            message="`sequence_length` must have one entry per batch element"))
    if tf.executing_eagerly() or not checks:
        return lengths
    with tf.control_dependencies(checks):
        if static_batch_size is None:
            # Static shapes follow the inputs, as in TF1: a batch known only from the
            # lengths (a Python list, say) must not fix the outputs' batch dimension.
            return tf.compat.v1.placeholder_with_default(lengths, [None])
        return tf.identity(lengths)


def inputs_dtype_of(flat_inputs):
    """The dtype the state must share with the inputs: theirs, or `None` if they differ.

    Inputs of several dtypes (float64 time stamps beside float32 features for a
    `PhasedLSTMCell`) are left to the cell, as TF1 left them.
    """
    return flat_inputs[0].dtype if len({x.dtype for x in flat_inputs}) == 1 else None


def check_dtype(dtype, inputs_dtype, argument):
    """Raises `ValueError` unless `dtype` (of `argument`) equals the floating inputs' dtype.

    Integer inputs (token ids into an `EmbeddingWrapper`, say) may feed any state dtype, and
    inputs of several dtypes (`inputs_dtype=None`) any too.
    """
    dtype = tf.as_dtype(dtype)
    if inputs_dtype is not None and inputs_dtype.is_floating and dtype != inputs_dtype:
        raise ValueError(
            f"`{argument}` is {dtype.name} but the inputs are {inputs_dtype.name}; they must "
            f"match (cast the inputs with tf.cast). Received: {argument}={dtype.name}, "
            f"inputs.dtype={inputs_dtype.name}")


def check_state_dtype(state, inputs_dtype, argument="initial_state"):
    """Raises `ValueError` if a floating tensor of `state` does not have the inputs' dtype.

    Integer parts (the step counter of an `AttentionWrapperState`) are not checked.
    """
    for s in tf.nest.flatten(state):
        dtype = tf.as_dtype(s.dtype)  # a NumPy state (TF1 took those too) has a NumPy dtype
        if not dtype.is_integer:
            check_dtype(dtype, inputs_dtype, f"{argument}.dtype")


def check_state_structure(state, cell, argument="initial_state"):
    """Raises `ValueError` if `state` does not have the structure of `cell.state_size`.

    Each size (an int or a shape) takes one tensor; as in TF1, an empty tuple in
    `state_size` may stand for any object (a `TensorArray`, say).
    """
    try:
        parts = tf.__internal__.nest.flatten_up_to(cell.state_size, state, check_types=False)
    except (ValueError, TypeError, KeyError) as error:
        raise _structure_error(argument, cell.state_size, state) from error
    if any(tf.nest.is_nested(part) for part in parts):
        raise _structure_error(argument, cell.state_size, state)


def _structure_error(argument, state_size, state):
    hint = (" Build an LSTM state with LSTMStateTuple(c, h) (Keras cells order it [h, c])."
            if "LSTMStateTuple" in repr(state_size) else "")
    return ValueError(f"{_subject(argument)} must have the structure of cell.state_size="
                      f"{state_size!r}.{hint} Received: {_received(argument, state)}")


def check_same_structure(expected, received, argument):
    """Raises `ValueError` if `received` does not have the structure of `expected`."""
    try:
        tf.nest.assert_same_structure(expected, received, check_types=False)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{_subject(argument)} must have the structure {_shapes(expected)!r}. "
            f"Received: {_received(argument, received)}") from error


def _subject(argument):
    """`initial_state` -> "`initial_state`"; "the state returned by X" -> "The state returned by X"."""
    return f"`{argument}`" if argument.isidentifier() else argument[0].upper() + argument[1:]


def _received(argument, value):
    shapes = _shapes(value)
    return f"{argument}={shapes!r}" if argument.isidentifier() else f"{shapes!r}"


def _shapes(structure):
    return tf.nest.map_structure(lambda s: getattr(s, "shape", s), structure)
