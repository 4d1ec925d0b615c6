"""TF1's recurrent drivers over the core cells: a TF 1.x program, as users wrote them.

Unknown batch and time, lengths 0, 1, mid and full in one batch, batch- and time-major.
"""

import numpy as np
import tensorflow as tf

import oracle_io

LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
INPUTS = np.random.RandomState(0).normal(size=(5, 6, 3)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, None, 3])
seq = tf.placeholder(tf.int32, [None])
results = {}


def record(prefix, outputs, state):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten((outputs, state))):
        results["%s/%d" % (prefix, i)] = tensor


cells = {
    "basic_rnn": lambda: tf.nn.rnn_cell.BasicRNNCell(4),
    "basic_lstm": lambda: tf.contrib.rnn.BasicLSTMCell(4, forget_bias=0.7),
    "lstm": lambda: tf.nn.rnn_cell.LSTMCell(5, use_peepholes=True, cell_clip=0.8, num_proj=3,
                                            proj_clip=0.5, forget_bias=0.3),
    "lstm_concat": lambda: tf.contrib.rnn.LSTMCell(4, num_proj=2, state_is_tuple=False),
    "gru": lambda: tf.nn.rnn_cell.GRUCell(4),
    "multi": lambda: tf.contrib.rnn.MultiRNNCell(
        [tf.contrib.rnn.BasicLSTMCell(4), tf.nn.rnn_cell.GRUCell(3)]),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope(name):
        record(name, *tf.nn.dynamic_rnn(make(), x, sequence_length=seq, dtype=tf.float32))
    with tf.variable_scope(name + "_time_major"):
        record(name + "_time_major", *tf.nn.dynamic_rnn(
            make(), tf.transpose(x, [1, 0, 2]), sequence_length=seq, dtype=tf.float32,
            time_major=True))

with tf.variable_scope("bidirectional"):
    record("bidirectional", *tf.nn.bidirectional_dynamic_rnn(
        tf.contrib.rnn.LSTMCell(4, use_peepholes=True), tf.nn.rnn_cell.GRUCell(3), x,
        sequence_length=seq, dtype=tf.float32))

steps = tf.unstack(tf.placeholder_with_default(INPUTS, [None, 6, 3]), axis=1)
with tf.variable_scope("static"):
    outputs, state = tf.nn.static_rnn(tf.contrib.rnn.GRUCell(4), steps, sequence_length=seq,
                                      dtype=tf.float32)
    record("static", outputs, state)
with tf.variable_scope("static_bidirectional"):
    outputs, state_fw, state_bw = tf.nn.static_bidirectional_rnn(
        tf.contrib.rnn.BasicLSTMCell(3), tf.contrib.rnn.BasicRNNCell(2), steps,
        sequence_length=seq, dtype=tf.float32)
    record("static_bidirectional", outputs, (state_fw, state_bw))

with tf.variable_scope("raw"):
    cell = tf.nn.rnn_cell.LSTMCell(4)
    inputs_ta = tf.TensorArray(tf.float32, size=6).unstack(tf.transpose(x, [1, 0, 2]))

    def loop_fn(time, cell_output, cell_state, loop_state):
        next_state = cell.zero_state(tf.shape(x)[0], tf.float32) if cell_output is None \
            else cell_state
        finished = time >= seq
        next_input = tf.cond(tf.reduce_all(finished), lambda: tf.zeros_like(x[:, 0]),
                             lambda: inputs_ta.read(tf.minimum(time, 5)))
        return finished, next_input, next_state, cell_output, loop_state

    emit_ta, final_state, _ = tf.nn.raw_rnn(cell, loop_fn)
    record("raw", emit_ta.stack(), final_state)

oracle_io.finish(results, {x: INPUTS, seq: LENGTHS})
