"""tf.contrib.legacy_seq2seq's attention decoders as a TF 1.x program: attention_decoder with
one and two heads, output_size, a loop_function, initial_state_attention and memory of unknown
length; embedding_attention_decoder with output_projection and greedy decoding;
embedding_attention_seq2seq with feed_previous as a bool and a tensor, on LSTM, GRU and
MultiRNNCell cells (deep-copied for the encoder); model_with_buckets around it.
"""

import numpy as np
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq

import oracle_io

tf.set_random_seed(7)
VOCAB, DEPTH, UNITS, MEMORY, STEPS = 6, 3, 4, 5, 4
FLOATS = np.random.RandomState(2).normal(size=(STEPS, 3, DEPTH)).astype(np.float32)
SYMBOLS = np.random.RandomState(3).randint(0, VOCAB, size=(STEPS, 3)).astype(np.int32)
SOURCE = np.random.RandomState(4).normal(size=(3, 6, MEMORY)).astype(np.float32)
WEIGHTS = np.array([[1, 1, 1], [1, 0, 1], [0.5, 0, 1], [1, 0, 0]], np.float32)
steps = [tf.placeholder(tf.float32, [None, DEPTH]) for _ in range(STEPS)]
symbols = [tf.placeholder(tf.int32, [None]) for _ in range(STEPS)]
weights = [tf.placeholder(tf.float32, [None]) for _ in range(STEPS)]
memory = tf.placeholder(tf.float32, [None, None, MEMORY])  # length unknown
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


def halve(previous, i):
    return previous[:, :DEPTH] * 0.5 + tf.cast(i, tf.float32)


gru = tf.nn.rnn_cell.GRUCell(UNITS)
record("one_head", legacy_seq2seq.attention_decoder(
    steps, gru.zero_state(3, tf.float32), memory, gru))
lstm = tf.nn.rnn_cell.BasicLSTMCell(UNITS)
record("two_heads", legacy_seq2seq.attention_decoder(
    steps, lstm.zero_state(3, tf.float32), memory[:, :4], lstm, output_size=5, num_heads=2,
    loop_function=halve, initial_state_attention=True, scope="two_heads"))

with tf.variable_scope("embedding_decoder"):
    cell = tf.nn.rnn_cell.GRUCell(UNITS)
    projection = (tf.get_variable("w", [UNITS, VOCAB]), tf.get_variable("b", [VOCAB]))
    record("embedding_decoder", legacy_seq2seq.embedding_attention_decoder(
        symbols, cell.zero_state(3, tf.float32), memory, cell, VOCAB, DEPTH, num_heads=2,
        output_projection=projection, feed_previous=True, update_embedding_for_previous=False))

feeds = {"false": False, "true": True, "tensor_true": tf.placeholder_with_default(True, []),
         "tensor_false": tf.placeholder_with_default(False, [])}
cells = {"false": lambda: tf.nn.rnn_cell.GRUCell(UNITS),
         "true": lambda: tf.nn.rnn_cell.BasicLSTMCell(UNITS),
         "tensor_true": lambda: tf.nn.rnn_cell.GRUCell(UNITS),
         "tensor_false": lambda: tf.nn.rnn_cell.MultiRNNCell(
             [tf.nn.rnn_cell.BasicLSTMCell(UNITS), tf.nn.rnn_cell.GRUCell(UNITS)])}
for name in sorted(feeds):
    with tf.variable_scope("seq2seq_" + name):
        projection = None
        if name == "tensor_true":
            projection = (tf.get_variable("w", [UNITS, VOCAB]), tf.get_variable("b", [VOCAB]))
        decoder_symbols = VOCAB if projection is not None else VOCAB - 1
        record("seq2seq_" + name, legacy_seq2seq.embedding_attention_seq2seq(
            symbols, [tf.floormod(s, decoder_symbols) for s in symbols[:3]], cells[name](), VOCAB,
            decoder_symbols, DEPTH, num_heads=1 if name == "false" else 2, output_projection=projection,
            feed_previous=feeds[name], initial_state_attention=name.endswith("true")))

with tf.variable_scope("buckets"):
    # A new cell per bucket: TF1 cannot deep-copy a cell once it is built.
    record("buckets", legacy_seq2seq.model_with_buckets(
        symbols, symbols, symbols[1:] + symbols[:1], weights, [(2, 3), (4, 4)],
        lambda x, y: legacy_seq2seq.embedding_attention_seq2seq(
            x, y, tf.nn.rnn_cell.GRUCell(UNITS), VOCAB, VOCAB, DEPTH, num_heads=2)))

feed = {memory: SOURCE}
feed.update(zip(steps, FLOATS))
feed.update(zip(symbols, SYMBOLS))
feed.update(zip(weights, WEIGHTS))
oracle_io.finish(results, feed)
