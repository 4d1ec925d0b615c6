"""tf.contrib.seq2seq beam search as a TF 1.x program: tile_batch, BeamSearchDecoder with
and without a length penalty, time-major outputs, maximum_iterations, gather_tree.
"""

import numpy as np
import tensorflow as tf

import oracle_io

VOCAB, DEPTH, UNITS, BEAM = 7, 3, 6, 3
SOURCE = np.random.RandomState(4).normal(size=(2, DEPTH)).astype(np.float32)
source = tf.placeholder(tf.float32, [None, DEPTH])
batch = tf.shape(source)[0]
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


embedding = tf.get_variable("embedding", [VOCAB, DEPTH])
for name, penalty, time_major, steps in [("plain", 0.0, False, 8), ("penalty", 0.7, False, 8),
                                         ("time_major", 0.3, True, 4)]:
    with tf.variable_scope(name):
        cell = tf.contrib.rnn.LSTMCell(UNITS)
        # The encoder stand-in: the initial state comes from the source, tiled per beam.
        encoded = tf.layers.dense(source, UNITS, activation=tf.tanh, name="bridge")
        initial = tf.nn.rnn_cell.LSTMStateTuple(encoded, tf.tanh(encoded * 0.5))
        decoder = tf.contrib.seq2seq.BeamSearchDecoder(
            cell, embedding, tf.fill([batch], 1), 0,
            tf.contrib.seq2seq.tile_batch(initial, BEAM), BEAM,
            output_layer=tf.layers.Dense(VOCAB), length_penalty_weight=penalty)
        record(name, tf.contrib.seq2seq.dynamic_decode(
            decoder, output_time_major=time_major, maximum_iterations=steps))

step_ids = tf.constant(np.random.RandomState(5).randint(0, 5, size=(6, 2, 3)), tf.int32)
parent_ids = tf.constant(np.random.RandomState(6).randint(0, 3, size=(6, 2, 3)), tf.int32)
results["gather_tree"] = tf.contrib.seq2seq.gather_tree(step_ids, parent_ids, [4, 7], 2)
results["tile_batch"] = tf.contrib.seq2seq.tile_batch(source, 2)

oracle_io.finish(results, {source: SOURCE})
