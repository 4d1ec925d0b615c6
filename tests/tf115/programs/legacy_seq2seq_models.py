"""tf.contrib.legacy_seq2seq without attention as a TF 1.x program: rnn_decoder (with and
without a loop_function), the basic, tied and embedding models, one2many, the two losses
with zero weights, model_with_buckets, and the contrib.rnn wrappers they build on.

feed_previous is given as a bool and as a tensor (both values), with and without
output_projection; every model's encoder or decoder is an LSTM somewhere, so the state
tuples are checked too.
"""

import numpy as np
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq

import oracle_io

tf.set_random_seed(7)
VOCAB, DEPTH, UNITS, STEPS = 6, 3, 4, 4
FLOATS = np.random.RandomState(2).normal(size=(STEPS, 3, DEPTH)).astype(np.float32)
SYMBOLS = np.random.RandomState(3).randint(0, VOCAB, size=(STEPS, 3)).astype(np.int32)
WEIGHTS = np.array([[1, 1, 1], [1, 0, 1], [0.5, 0, 1], [1, 0, 0]], np.float32)
steps = [tf.placeholder(tf.float32, [None, DEPTH]) for _ in range(STEPS)]
symbols = [tf.placeholder(tf.int32, [None]) for _ in range(STEPS)]
small_symbols = [tf.floormod(s, VOCAB - 1) for s in symbols]  # ids of a smaller vocabulary
weights = [tf.placeholder(tf.float32, [None]) for _ in range(STEPS)]
feed_true = tf.placeholder_with_default(True, [])
feed_false = tf.placeholder_with_default(False, [])
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


def halve(previous, i):
    return previous[:, :DEPTH] * 0.5 + tf.cast(i, tf.float32)


def projection(name, depth):
    return (tf.get_variable(name + "_w", [depth, VOCAB]), tf.get_variable(name + "_b", [VOCAB]))


lstm = tf.nn.rnn_cell.BasicLSTMCell(UNITS)
record("rnn_decoder", legacy_seq2seq.rnn_decoder(steps, lstm.zero_state(3, tf.float32), lstm))
gru = tf.contrib.rnn.GRUCell(UNITS)
record("rnn_decoder_loop", legacy_seq2seq.rnn_decoder(
    steps, gru.zero_state(3, tf.float32), gru, loop_function=halve, scope="looping"))
record("basic", legacy_seq2seq.basic_rnn_seq2seq(steps, steps[:3], tf.nn.rnn_cell.LSTMCell(UNITS)))
record("tied", legacy_seq2seq.tied_rnn_seq2seq(steps[:2], steps, tf.nn.rnn_cell.GRUCell(DEPTH)))
record("tied_loop", legacy_seq2seq.tied_rnn_seq2seq(
    steps, steps, tf.nn.rnn_cell.GRUCell(DEPTH), loop_function=halve, scope="tied_loop"))

with tf.variable_scope("decoders"):
    cell = tf.contrib.rnn.OutputProjectionWrapper(tf.nn.rnn_cell.GRUCell(UNITS), VOCAB)
    record("embedding_decoder", legacy_seq2seq.embedding_rnn_decoder(
        symbols, cell.zero_state(3, tf.float32), cell, VOCAB, DEPTH, feed_previous=True))
    cell = tf.nn.rnn_cell.BasicLSTMCell(UNITS)
    record("embedding_decoder_projected", legacy_seq2seq.embedding_rnn_decoder(
        symbols, cell.zero_state(3, tf.float32), cell, VOCAB, DEPTH,
        output_projection=projection("decoder", UNITS), feed_previous=True,
        update_embedding_for_previous=False, scope="projected"))

# Each model with feed_previous as a bool and as a tensor (whose tf.cond builds both graphs).
variants = {"false": False, "true": True, "tensor_true": feed_true, "tensor_false": feed_false}
for name in ("false", "tensor_true"):
    with tf.variable_scope("embedding_" + name):
        record("embedding_seq2seq_" + name, legacy_seq2seq.embedding_rnn_seq2seq(
            symbols, small_symbols[:3], tf.nn.rnn_cell.BasicLSTMCell(UNITS), VOCAB, VOCAB - 1,
            DEPTH, feed_previous=variants[name]))
        record("tied_projected_" + name, legacy_seq2seq.embedding_tied_rnn_seq2seq(
            symbols, symbols[:3], tf.nn.rnn_cell.GRUCell(UNITS), VOCAB, DEPTH,
            output_projection=projection("tied", UNITS), feed_previous=variants[name]))
        record("one2many_" + name, legacy_seq2seq.one2many_rnn_seq2seq(
            symbols, {"short": symbols[:2], "long": small_symbols},
            tf.nn.rnn_cell.BasicLSTMCell(UNITS),
            {"short": tf.nn.rnn_cell.BasicLSTMCell(UNITS), "long": tf.nn.rnn_cell.LSTMCell(UNITS)},
            VOCAB, {"short": VOCAB, "long": VOCAB - 1}, DEPTH, feed_previous=variants[name]))
for name in ("true", "tensor_false"):
    with tf.variable_scope("embedding_" + name):
        record("embedding_projected_" + name, legacy_seq2seq.embedding_rnn_seq2seq(
            symbols, symbols, tf.nn.rnn_cell.GRUCell(UNITS), VOCAB, VOCAB, DEPTH,
            output_projection=projection("seq2seq", UNITS), feed_previous=variants[name]))
        record("tied_" + name, legacy_seq2seq.embedding_tied_rnn_seq2seq(
            symbols[:2], symbols, tf.nn.rnn_cell.BasicLSTMCell(UNITS), VOCAB, DEPTH,
            num_decoder_symbols=VOCAB - 2, feed_previous=variants[name]))

logits = [results["embedding_seq2seq_false/%d" % i] for i in range(3)]
for average_steps in (True, False):
    results["by_example_%d" % average_steps] = legacy_seq2seq.sequence_loss_by_example(
        logits, small_symbols[:3], weights[:3], average_across_timesteps=average_steps)
    for average_batch in (True, False):
        results["loss_%d%d" % (average_steps, average_batch)] = legacy_seq2seq.sequence_loss(
            logits, small_symbols[1:], weights[1:], average_across_timesteps=average_steps,
            average_across_batch=average_batch)
results["loss_custom"] = legacy_seq2seq.sequence_loss(
    logits, small_symbols[:3], weights[:3],
    softmax_loss_function=lambda labels, logits: tf.reduce_sum(logits, 1) * 0.1)

for per_example in (False, True):
    with tf.variable_scope("buckets_%d" % per_example):
        # A new cell per bucket: TF1 cannot deep-copy a cell once it is built.
        record("buckets_%d" % per_example, legacy_seq2seq.model_with_buckets(
            symbols, symbols, symbols[1:] + symbols[:1], weights, [(2, 2), (3, 4), (4, 4)],
            lambda x, y: legacy_seq2seq.embedding_rnn_seq2seq(
                x, y, tf.nn.rnn_cell.GRUCell(UNITS), VOCAB, VOCAB, DEPTH),
            per_example_loss=per_example))

with tf.variable_scope("wrappers"):
    cell = tf.contrib.rnn.InputProjectionWrapper(tf.nn.rnn_cell.BasicLSTMCell(UNITS), 2,
                                                 activation=tf.tanh)
    record("input_projection", tf.nn.static_rnn(cell, steps, dtype=tf.float32))
    cell = tf.contrib.rnn.OutputProjectionWrapper(tf.nn.rnn_cell.GRUCell(UNITS), 2,
                                                  activation=tf.nn.relu)
    record("output_projection", tf.nn.dynamic_rnn(cell, tf.stack(steps, 1), dtype=tf.float32))
    cell = tf.contrib.rnn.EmbeddingWrapper(tf.nn.rnn_cell.GRUCell(UNITS), VOCAB, DEPTH)
    record("embedding", tf.nn.static_rnn(cell, [tf.expand_dims(s, 1) for s in symbols],
                                         dtype=tf.float32))

feed = {feed_: value for feed_, value in zip(steps, FLOATS)}
feed.update(zip(symbols, SYMBOLS))
feed.update(zip(weights, WEIGHTS))
oracle_io.finish(results, feed)
