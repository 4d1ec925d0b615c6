"""contrib's `stack_bidirectional_dynamic_rnn` and `stack_bidirectional_rnn`.

Each layer is a bidirectional RNN over the previous layer's concatenated
forward and backward outputs, in scope `stack_bidirectional_rnn/cell_{i}`.
"""

import tensorflow as tf

from tf1compat.nn import validation
from tf1compat.nn.bidirectional import bidirectional_dynamic_rnn, static_bidirectional_rnn


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                                    initial_states_bw=None, dtype=None, sequence_length=None,
                                    parallel_iterations=None, time_major=False, scope=None,
                                    swap_memory=False):
    """Stacked `bidirectional_dynamic_rnn` layers, as `tf.contrib.rnn.stack_bidirectional_dynamic_rnn`.

    Args:
        cells_fw, cells_bw: Lists of cells, one per layer, same length.
        inputs: `[batch, time, depth]` (or `[time, batch, depth]` if `time_major`).
        initial_states_fw, initial_states_bw: Optional lists of per-layer states.
        dtype, sequence_length, parallel_iterations, time_major, swap_memory: As for
            `bidirectional_dynamic_rnn`.
        scope: Variable scope (default `"stack_bidirectional_rnn"`).

    Returns:
        `(outputs, states_fw, states_bw)`: the last layer's concatenated outputs
        and tuples of per-layer final states.

    Raises:
        ValueError: empty or unequal cell lists, or initial states that are not
            per-layer lists.
    """
    _check_layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw, layer_input = [], [], inputs
    with tf.compat.v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.compat.v1.variable_scope(f"cell_{i}"):
                outputs, (state_fw, state_bw) = bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, layer_input,
                    initial_state_fw=_layer(initial_states_fw, i),
                    initial_state_bw=_layer(initial_states_bw, i),
                    sequence_length=sequence_length, parallel_iterations=parallel_iterations,
                    dtype=dtype, swap_memory=swap_memory, time_major=time_major)
                layer_input = tf.concat(outputs, 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer_input, tuple(states_fw), tuple(states_bw)


def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                            initial_states_bw=None, dtype=None, sequence_length=None, scope=None):
    """Stacked `static_bidirectional_rnn` layers, as `tf.contrib.rnn.stack_bidirectional_rnn`.

    Args:
        cells_fw, cells_bw: Lists of cells, one per layer, same length.
        inputs: A list of T tensors `[batch, depth]`.
        initial_states_fw, initial_states_bw, dtype, sequence_length: As above.
        scope: Variable scope (default `"stack_bidirectional_rnn"`).

    Returns:
        `(outputs, states_fw, states_bw)`: a list of T concatenated outputs of the
        last layer and tuples of per-layer final states.
    """
    _check_layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    validation.check_step_list(inputs)
    states_fw, states_bw, layer_input = [], [], inputs
    with tf.compat.v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.compat.v1.variable_scope(f"cell_{i}") as cell_scope:
                layer_input, state_fw, state_bw = static_bidirectional_rnn(
                    cell_fw, cell_bw, layer_input,
                    initial_state_fw=_layer(initial_states_fw, i),
                    initial_state_bw=_layer(initial_states_bw, i),
                    sequence_length=sequence_length, dtype=dtype, scope=cell_scope)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer_input, tuple(states_fw), tuple(states_bw)


def _layer(states, i):
    return states[i] if states else None


def _check_layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw):
    for name, cells in (("cells_fw", cells_fw), ("cells_bw", cells_bw)):
        if not isinstance(cells, list) or not cells:
            raise ValueError(f"`{name}` must be a non-empty list of cells (one per layer). "
                             f"Received: {name}={cells!r}")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth. Received: "
                         f"{len(cells_fw)} cells_fw and {len(cells_bw)} cells_bw")
    for name, states in (("initial_states_fw", initial_states_fw),
                         ("initial_states_bw", initial_states_bw)):
        if states is not None and (not isinstance(states, list) or len(states) != len(cells_fw)):
            raise ValueError(f"`{name}` must be a list of states, one per layer "
                             f"({len(cells_fw)}). Received: {name}={states!r}")
