"""Cases from TF 1.15's own RNN tests and from tutorials, as a TF 1.x program.

Fixed-batch initial states with an unknown input batch, all-zero lengths, static shapes,
scalar and TensorArray states, subclasses overriding `call` / `__call__`, a cell that
skips `super().__init__()`, partitioned LSTM variables, concatenated multi-cell states.
"""

import numpy as np
import tensorflow as tf

import oracle_io

INPUTS = np.random.RandomState(1).normal(size=(4, 6, 5)).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6, 5])
seq = tf.placeholder(tf.int32, [None])
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


def static_shape(tensor):
    return tf.constant([-1 if d is None else d for d in tensor.shape.as_list()])


cells = {
    "basic_rnn": lambda: tf.nn.rnn_cell.BasicRNNCell(5),
    "gru": lambda: tf.nn.rnn_cell.GRUCell(5),
    "basic_lstm": lambda: tf.nn.rnn_cell.BasicLSTMCell(5),
    "lstm": lambda: tf.nn.rnn_cell.LSTMCell(5, use_peepholes=True),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope("fixed_batch_" + name):
        cell = make()
        # A tutorial pattern: the state is fed back with a fixed batch of 1.
        record("fixed_batch_" + name, tf.nn.dynamic_rnn(
            cell, x[:1], initial_state=cell.zero_state(1, tf.float32)))
    with tf.variable_scope("zero_lengths_" + name):
        record("zero_lengths_" + name, tf.nn.dynamic_rnn(
            make(), x, sequence_length=tf.zeros_like(seq), dtype=tf.float32))

with tf.variable_scope("static_shapes"):
    outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(5), tf.transpose(x, [1, 0, 2]),
                                       sequence_length=[4, 6, 2, 1], dtype=tf.float32,
                                       time_major=True)
    results["static_shapes/outputs"] = static_shape(outputs)
    results["static_shapes/state"] = static_shape(state)


class ScalarStateCell(tf.nn.rnn_cell.RNNCell):
    output_size = 5
    state_size = tf.TensorShape([])

    def zero_state(self, batch_size, dtype):
        return tf.zeros([], tf.int32)

    def call(self, inputs, state):
        return inputs, state + 1


class TensorArrayStateCell(tf.nn.rnn_cell.RNNCell):
    output_size = 5
    state_size = (tf.TensorShape([]), ())

    def zero_state(self, batch_size, dtype):
        return tf.zeros([], tf.int32), tf.TensorArray(dtype, size=0, dynamic_size=True)

    def call(self, inputs, state):
        return inputs, (state[0] + 1, state[1].write(state[0], inputs))


with tf.variable_scope("scalar_state"):
    outputs, count = tf.nn.dynamic_rnn(ScalarStateCell(), x, sequence_length=seq,
                                       dtype=tf.float32)
    record("scalar_state", (outputs, count))
with tf.variable_scope("tensor_array_state"):
    _, (count, array) = tf.nn.dynamic_rnn(TensorArrayStateCell(), x, sequence_length=seq,
                                          dtype=tf.float32)
    record("tensor_array_state", (count, array.stack()))


class DoubledLSTM(tf.nn.rnn_cell.BasicLSTMCell):
    def call(self, inputs, state):
        output, new_state = super(DoubledLSTM, self).call(inputs, state)
        return 2 * output, new_state


class DoubledGRU(tf.nn.rnn_cell.GRUCell):
    def __call__(self, inputs, state, scope=None):
        output, new_state = super(DoubledGRU, self).__call__(inputs, state, scope=scope)
        return 2 * output, new_state


class NoInitCell(tf.nn.rnn_cell.RNNCell):
    """Never calls super().__init__(); TF1 allowed it for cells that override __call__."""

    def __init__(self, size):
        self._size = size

    @property
    def state_size(self):
        return self._size

    @property
    def output_size(self):
        return self._size

    def __call__(self, inputs, state, scope=None):
        return inputs * 0.5 + state, state + inputs


for name, cell in [("doubled_lstm", DoubledLSTM(4)), ("doubled_gru", DoubledGRU(4)),
                   ("no_init", NoInitCell(5)),
                   ("sharded_lstm", tf.nn.rnn_cell.LSTMCell(6, num_proj=4, num_unit_shards=2,
                                                            num_proj_shards=2)),
                   ("multi_concat", tf.nn.rnn_cell.MultiRNNCell(
                       [tf.nn.rnn_cell.GRUCell(3), tf.nn.rnn_cell.BasicRNNCell(2)],
                       state_is_tuple=False)),
                   ("wrappers", tf.nn.rnn_cell.MultiRNNCell(
                       [tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.GRUCell(5)),
                        tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(3))]))]:
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32))

oracle_io.finish(results, {x: INPUTS, seq: np.array([0, 1, 3, 6], np.int32)})
