"""How the cuDNN layers compute: the compatible cells, stacked as the checkpoints name them,
on weights cut from the layer's opaque buffer (internal to `tf1compat.contrib.cudnn_rnn`)."""

import tensorflow as tf

from tf1compat.cells.base import LSTMStateTuple
from tf1compat.cells.basic_rnn import BasicRNNCell
from tf1compat.cells.cudnn_compatible import CudnnCompatibleGRUCell, CudnnCompatibleLSTMCell
from tf1compat.nn.rnn import dynamic_rnn
from tf1compat.nn.stack_bidirectional import stack_bidirectional_dynamic_rnn
from tf1compat.options import input_depth


def cell_with_weights(rnn_mode, num_units, weights):
    """The compatible cell of `rnn_mode` (`lstm`, `gru`, `rnn_tanh`, `rnn_relu`) computing
    with `weights`, its TF canonical `(kernel, bias)` pairs, instead of variables."""
    cell_class, options = _CELLS[rnn_mode]
    return cell_class(weights, num_units, **options)


def forward(layer, inputs, initial_state, sequence_lengths, time_major):
    """The layer's outputs and states; traced once per layer when eager."""
    weights, biases = layer.format_converter.opaque_to_tf_canonical(layer.kernel)
    per_cell = len(weights) // (layer.num_layers * layer.num_dirs)
    cells = [cell_with_weights(layer.rnn_mode, layer.num_units,
                               list(zip(weights[i:i + per_cell], biases[i:i + per_cell])))
             for i in range(0, len(weights), per_cell)]
    units, count = layer.num_units, len(cells)
    batch = tf.shape(inputs)[1 if time_major else 0]
    states = [None] * count
    if initial_state is not None:  # `[count, batch, H]` memory, in either layout
        per_cell = [tf.unstack(tf.reshape(s, [count, -1, units]), count) for s in initial_state]
        states = [_cell_state(layer.rnn_mode, parts) for parts in zip(*per_cell)]
    options = dict(sequence_length=sequence_lengths, dtype=inputs.dtype, time_major=time_major)
    if layer.num_dirs == 2:
        outputs, states_fw, states_bw = stack_bidirectional_dynamic_rnn(
            cells[0::2], cells[1::2], inputs, initial_states_fw=_or_none(states[0::2]),
            initial_states_bw=_or_none(states[1::2]), **options)
        final = [state for pair in zip(states_fw, states_bw) for state in pair]
    else:
        outputs, final = inputs, []
        for cell, state in zip(cells, states):
            outputs, state = dynamic_rnn(cell, outputs, initial_state=state, **options)
            final.append(state)
    shape = [count, batch, units] if time_major else [batch, count, units]
    return outputs, tuple(tf.reshape(tf.stack(parts), shape)
                          for parts in zip(*[_state_parts(layer.rnn_mode, s) for s in final]))


def _cell_state(rnn_mode, parts):
    """A cell's state from its `(h, c)` or `(h,)` in the layer's order."""
    return LSTMStateTuple(parts[1], parts[0]) if rnn_mode == "lstm" else parts[0]


def _state_parts(rnn_mode, state):
    """A cell's state as the layer orders it: `(h, c)` or `(h,)`."""
    return (state.h, state.c) if rnn_mode == "lstm" else (state,)


def _or_none(states):
    return None if states[0] is None else list(states)


class _GivenWeights:
    """Mixin: a compatible cell computing with `weights`, `(kernel, bias)` pairs cut from a
    layer's buffer, instead of variables of its own."""

    def __init__(self, weights, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._given = weights

    def build(self, inputs_shape):
        self._depth = input_depth(inputs_shape)

    def _kernels(self):
        return self._given[:2]


class _LSTMCell(_GivenWeights, CudnnCompatibleLSTMCell):
    pass


class _GRUCell(_GivenWeights, CudnnCompatibleGRUCell):
    def _hidden_projection(self):
        return self._given[2]


class _RNNCell(_GivenWeights, BasicRNNCell):
    pass


_CELLS = {"lstm": (_LSTMCell, {}), "gru": (_GRUCell, {}),
          "rnn_tanh": (_RNNCell, {"activation": tf.tanh}),
          "rnn_relu": (_RNNCell, {"activation": tf.nn.relu})}
