"""`bidirectional_dynamic_rnn` and `static_bidirectional_rnn`, TF1's two-direction drivers.

The backward direction runs on the inputs reversed *by length*
(`tf.reverse_sequence`, not a plain reverse), so padding stays at the end; its
outputs are reversed back into forward order. Variables live in
`bidirectional_rnn/fw/...` and `bidirectional_rnn/bw/...`.
"""

import tensorflow as tf

from tf1compat.cells.adapter import check_cell
from tf1compat.nn import validation
from tf1compat.nn.rnn import dynamic_rnn
from tf1compat.nn.static_rnn import static_rnn


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None,
                              initial_state_fw=None, initial_state_bw=None, dtype=None,
                              parallel_iterations=None, swap_memory=False, time_major=False,
                              scope=None):
    """A forward and a backward `dynamic_rnn`, exactly as TF1's `tf.nn.bidirectional_dynamic_rnn`.

    Args:
        cell_fw, cell_bw: Cells for the two directions.
        inputs: As for `dynamic_rnn`.
        sequence_length: Optional int vector `[batch]`; the backward direction
            reverses each entry's first `sequence_length[b]` steps.
        initial_state_fw, initial_state_bw: Optional initial states.
        dtype, parallel_iterations, swap_memory, time_major: As for `dynamic_rnn`.
        scope: Variable scope (default `"bidirectional_rnn"`).

    Returns:
        `((output_fw, output_bw), (state_fw, state_bw))`, both outputs in forward
        time order; `tf.concat(outputs, 2)` gives `[batch, time, H_fw + H_bw]`.

    Example:

    >>> fw, bw = tf1compat.nn.rnn_cell.GRUCell(3), tf1compat.nn.rnn_cell.GRUCell(2)
    >>> (out_fw, out_bw), _ = tf1compat.nn.bidirectional_dynamic_rnn(
    ...     fw, bw, tf.ones([4, 6, 5]), sequence_length=[6, 2, 0, 4], dtype=tf.float32)
    >>> tf.concat([out_fw, out_bw], 2).shape
    TensorShape([4, 6, 5])
    """
    check_cell(cell_fw, "cell_fw")
    check_cell(cell_bw, "cell_bw")
    time_axis, batch_axis = (0, 1) if time_major else (1, 0)

    def reverse(structure):
        return tf.nest.map_structure(
            lambda x: _reverse_time(x, sequence_length, time_axis, batch_axis), structure)

    with tf.compat.v1.variable_scope(scope or "bidirectional_rnn"):
        with tf.compat.v1.variable_scope("fw") as fw_scope:
            output_fw, state_fw = dynamic_rnn(
                cell_fw, inputs, sequence_length=sequence_length, initial_state=initial_state_fw,
                dtype=dtype, parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=fw_scope)
        with tf.compat.v1.variable_scope("bw") as bw_scope:
            reversed_output_bw, state_bw = dynamic_rnn(
                cell_bw, reverse(inputs), sequence_length=sequence_length,
                initial_state=initial_state_bw, dtype=dtype,
                parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=bw_scope)
    return (output_fw, reverse(reversed_output_bw)), (state_fw, state_bw)


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None, scope=None):
    """A forward and a backward `static_rnn`, exactly as TF1's `tf.nn.static_bidirectional_rnn`.

    Args:
        cell_fw, cell_bw: Cells for the two directions.
        inputs: A non-empty list of T tensors `[batch, depth]`.
        initial_state_fw, initial_state_bw, dtype, sequence_length: As for `static_rnn`.
        scope: Variable scope (default `"bidirectional_rnn"`).

    Returns:
        `(outputs, state_fw, state_bw)`: `outputs` is a list of T tensors
        `[batch, H_fw + H_bw]` (forward and backward outputs concatenated).

    Raises:
        TypeError: `inputs` is not a list of time steps.
        ValueError: `inputs` is empty.
    """
    check_cell(cell_fw, "cell_fw")
    check_cell(cell_bw, "cell_bw")
    validation.check_step_list(inputs)
    with tf.compat.v1.variable_scope(scope or "bidirectional_rnn"):
        with tf.compat.v1.variable_scope("fw") as fw_scope:
            output_fw, state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype,
                                             sequence_length, scope=fw_scope)
        with tf.compat.v1.variable_scope("bw") as bw_scope:
            reversed_bw, state_bw = static_rnn(cell_bw, _reverse_steps(inputs, sequence_length),
                                               initial_state_bw, dtype, sequence_length,
                                               scope=bw_scope)
    output_bw = _reverse_steps(reversed_bw, sequence_length)
    flat = [tf.concat([fw, bw], 1)
            for fw, bw in zip(tf.nest.flatten(output_fw), tf.nest.flatten(output_bw))]
    return tf.nest.pack_sequence_as(output_fw, flat), state_fw, state_bw


def _reverse_time(x, lengths, time_axis, batch_axis):
    """Reverses the first `lengths[b]` steps of each entry (all steps if `lengths` is None)."""
    if lengths is None:
        return tf.reverse(x, axis=[time_axis])
    return tf.reverse_sequence(x, tf.cast(lengths, tf.int64), seq_axis=time_axis,
                               batch_axis=batch_axis)


def _reverse_steps(steps, lengths):
    """`_reverse_time` for a list of time steps (each possibly nested)."""
    if lengths is None:
        return list(reversed(steps))
    flat_steps = [tf.nest.flatten(step) for step in steps]
    reversed_parts = [tf.unstack(_reverse_time(tf.stack(part), lengths, 0, 1))
                      for part in zip(*flat_steps)]
    return [tf.nest.pack_sequence_as(steps[0], list(parts)) for parts in zip(*reversed_parts)]
