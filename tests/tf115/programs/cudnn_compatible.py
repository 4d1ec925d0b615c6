"""tf.contrib.cudnn_rnn's compatible cells, as a TF 1.x program.

CudnnCompatibleLSTMCell and CudnnCompatibleGRUCell under dynamic_rnn (lengths 0, 1, mid and
full; batch- and time-major), then the stacks whose variables a cuDNN layer's checkpoint
holds, in the layer's scope: MultiRNNCell under dynamic_rnn (unidirectional) and
stack_bidirectional_dynamic_rnn (bidirectional), time-major, for CudnnLSTM, CudnnGRU,
CudnnRNNTanh and CudnnRNNRelu, with and without lengths and initial states.
"""

import numpy as np
import tensorflow as tf

import oracle_io

UNITS = 4
LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
INPUTS = np.random.RandomState(5).normal(size=(5, 6, 3)).astype(np.float32)
INITIAL = np.random.RandomState(6).normal(size=(2, 4, 5, UNITS)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, None, 3])
seq = tf.placeholder(tf.int32, [None])
x_time_major = tf.transpose(x, [1, 0, 2])
results = {}


def record(prefix, outputs, state):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten((outputs, state))):
        results["%s/%d" % (prefix, i)] = tensor


cells = {
    "lstm": lambda: tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(UNITS),
    "gru": lambda: tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(UNITS),
    "gru_initializer": lambda: tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(
        3, kernel_initializer=tf.orthogonal_initializer()),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope(name):
        record(name, *tf.nn.dynamic_rnn(make(), x, sequence_length=seq, dtype=tf.float32))
    with tf.variable_scope(name + "_time_major"):
        record(name + "_time_major", *tf.nn.dynamic_rnn(
            make(), x_time_major, sequence_length=seq, dtype=tf.float32, time_major=True))

cudnn_cells = {
    "cudnn_lstm": lambda: tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(UNITS),
    "cudnn_gru": lambda: tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(UNITS),
    "cudnn_rnn_tanh": lambda: tf.nn.rnn_cell.BasicRNNCell(UNITS),
    "cudnn_rnn_relu": lambda: tf.nn.rnn_cell.BasicRNNCell(UNITS, activation=tf.nn.relu),
}


def lstm_state(layer):
    return tf.nn.rnn_cell.LSTMStateTuple(tf.constant(INITIAL[1, layer]),
                                         tf.constant(INITIAL[0, layer]))


# (scope, cell, layers, bidirectional, lengths, initial states as cuDNN orders them)
stacks = [
    ("cudnn_lstm", "cudnn_lstm", 2, False, None, None),
    ("cudnn_gru", "cudnn_gru", 2, True, None, None),
    ("cudnn_rnn_tanh", "cudnn_rnn_tanh", 2, False, None, None),
    ("cudnn_rnn_relu", "cudnn_rnn_relu", 1, True, None, None),
    ("cudnn_lstm_lengths", "cudnn_lstm", 2, True, seq, [lstm_state(i) for i in range(4)]),
    ("cudnn_gru_lengths", "cudnn_gru", 2, False, seq,
     [tf.constant(INITIAL[0, i]) for i in range(2)]),
]
for scope, kind, layers, bidirectional, lengths, initial in stacks:
    with tf.variable_scope(scope):
        if bidirectional:
            outputs, states_fw, states_bw = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
                [cudnn_cells[kind]() for _ in range(layers)],
                [cudnn_cells[kind]() for _ in range(layers)], x_time_major,
                initial_states_fw=initial and initial[0::2],
                initial_states_bw=initial and initial[1::2], dtype=tf.float32,
                sequence_length=lengths, time_major=True)
            record(scope, outputs, (states_fw, states_bw))
        else:
            cell = tf.nn.rnn_cell.MultiRNNCell([cudnn_cells[kind]() for _ in range(layers)])
            record(scope, *tf.nn.dynamic_rnn(
                cell, x_time_major, sequence_length=lengths, dtype=tf.float32,
                initial_state=initial and tuple(initial), time_major=True))

oracle_io.finish(results, {x: INPUTS, seq: LENGTHS})
