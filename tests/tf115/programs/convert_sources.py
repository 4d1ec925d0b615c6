"""TF1 RNNs whose checkpoint `tf1compat-convert` turns into Keras 3 models, as a TF 1.x program.

    python convert_sources.py OUT_DIR

Writes OUT_DIR/model.ckpt (random non-symmetric weights) and OUT_DIR/results.npz: for each
scope, the outputs and final states `dynamic_rnn` gave (batch-major, even for the
time-major runs), with lengths 0, 1, mid and full in one batch.
"""

import os
import sys

import numpy as np
import tensorflow as tf

import oracle_io

INPUTS = np.random.RandomState(3).normal(size=(5, 6, 3)).astype(np.float32)
LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
x = tf.placeholder(tf.float32, [None, None, 3])
seq = tf.placeholder(tf.int32, [None])
results = {}


def record(scope, outputs, state):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten((outputs, state))):
        results["%s/%d" % (scope, i)] = tensor


cells = {
    "basic_rnn": lambda: tf.nn.rnn_cell.BasicRNNCell(4),
    "basic_lstm": lambda: tf.contrib.rnn.BasicLSTMCell(4),
    "lstm": lambda: tf.nn.rnn_cell.LSTMCell(5),
    "gru": lambda: tf.nn.rnn_cell.GRUCell(4),
    "lstm_block": lambda: tf.contrib.rnn.LSTMBlockCell(3),
    "gru_block": lambda: tf.contrib.rnn.GRUBlockCell(3),
    "multi": lambda: tf.nn.rnn_cell.MultiRNNCell(
        [tf.contrib.rnn.BasicLSTMCell(4), tf.nn.rnn_cell.GRUCell(3)]),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope(name):
        record(name + "/rnn", *tf.nn.dynamic_rnn(make(), x, seq, dtype=tf.float32))
    with tf.variable_scope(name + "_time_major"):
        outputs, state = tf.nn.dynamic_rnn(make(), tf.transpose(x, [1, 0, 2]), seq,
                                           dtype=tf.float32, time_major=True)
        record(name + "_time_major/rnn", tf.transpose(outputs, [1, 0, 2]), state)
for name, make_bw in [
        ("bi", lambda: tf.nn.rnn_cell.MultiRNNCell([tf.contrib.rnn.BasicLSTMCell(4),
                                                     tf.nn.rnn_cell.GRUCell(2)])),
        ("bi_mixed", lambda: tf.nn.rnn_cell.GRUCell(3))]:
    with tf.variable_scope(name):
        (out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
            tf.nn.rnn_cell.MultiRNNCell([tf.contrib.rnn.BasicLSTMCell(4), tf.nn.rnn_cell.GRUCell(2)]),
            make_bw(), x, seq, dtype=tf.float32)
        record(name + "/bidirectional_rnn", (out_fw, out_bw), (state_fw, state_bw))

with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    for v in tf.global_variables():
        v.load(oracle_io.weight_value(v.op.name, v.shape.as_list()), session)
    values = session.run(results, {x: INPUTS, seq: LENGTHS})
    tf.train.Saver().save(session, os.path.join(sys.argv[1], "model.ckpt"))
np.savez(os.path.join(sys.argv[1], "results.npz"), inputs=INPUTS, lengths=LENGTHS, **values)
