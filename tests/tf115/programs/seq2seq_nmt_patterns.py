"""Patterns of real TF1 NMT code (JayParks/tf-seq2seq, tensorflow/nmt) as a TF 1.x program.

A stacked decoder (residual and dropout wrappers) whose top layer is an AttentionWrapper
with input feeding (`cell_input_fn` creating a `tf.layers.Dense` at every call), memory of
unknown length, training and beam-search decoders sharing the variables, and an embedding
function with its own input projection layer in the caller's scope.
"""

import numpy as np
import tensorflow as tf

import oracle_io

VOCAB, UNITS, BEAM = 12, 6, 3
SOURCE = np.random.RandomState(5).normal(size=(3, 7, UNITS)).astype(np.float32)
TARGET = np.random.RandomState(6).randint(3, VOCAB, size=(3, 5)).astype(np.int32)
memory = tf.placeholder(tf.float32, [None, None, UNITS])
memory_lengths = tf.placeholder(tf.int32, [None])
targets = tf.placeholder(tf.int32, [None, None])
target_lengths = tf.placeholder(tf.int32, [None])
batch = tf.shape(memory)[0]
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        if tensor.dtype != tf.string:
            results["%s/%d" % (prefix, i)] = tensor


def decoder_cell(memory, lengths, encoder_state):
    mechanism = tf.contrib.seq2seq.BahdanauAttention(UNITS, memory, lengths)

    def input_feeding(inputs, attention):
        return tf.layers.Dense(UNITS, name="attn_input_feeding")(tf.concat([inputs, attention], -1))

    cells = [tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.DropoutWrapper(
        tf.nn.rnn_cell.LSTMCell(UNITS), output_keep_prob=1.0)) for _ in range(2)]
    cells[-1] = tf.contrib.seq2seq.AttentionWrapper(
        cells[-1], mechanism, attention_layer_size=UNITS, cell_input_fn=input_feeding,
        initial_cell_state=encoder_state[-1], name="Attention_Wrapper")
    return cells


with tf.variable_scope("decoder"):
    embedding = tf.get_variable("embedding", [VOCAB, UNITS])
    input_layer = tf.layers.Dense(UNITS, name="input_projection")
    output_layer = tf.layers.Dense(VOCAB, name="output_projection")
    encoder_state = tuple(tf.nn.rnn_cell.LSTMStateTuple(memory[:, 0], memory[:, 1]) for _ in range(2))

    cells = decoder_cell(memory, memory_lengths, encoder_state)
    initial = list(encoder_state)
    initial[-1] = cells[-1].zero_state(batch, tf.float32)
    helper = tf.contrib.seq2seq.TrainingHelper(
        input_layer(tf.nn.embedding_lookup(embedding, targets)), target_lengths)
    train = tf.contrib.seq2seq.BasicDecoder(tf.nn.rnn_cell.MultiRNNCell(cells), helper,
                                            tuple(initial), output_layer=output_layer)
    record("train", tf.contrib.seq2seq.dynamic_decode(
        train, impute_finished=True, maximum_iterations=tf.reduce_max(target_lengths)))

with tf.variable_scope("decoder", reuse=True):
    tiled_state = tf.contrib.framework.nest.map_structure(
        lambda s: tf.contrib.seq2seq.tile_batch(s, BEAM), encoder_state)
    cells = decoder_cell(tf.contrib.seq2seq.tile_batch(memory, BEAM),
                         tf.contrib.seq2seq.tile_batch(memory_lengths, BEAM), tiled_state)
    initial = list(tiled_state)
    initial[-1] = cells[-1].zero_state(batch * BEAM, tf.float32)
    beam = tf.contrib.seq2seq.BeamSearchDecoder(
        tf.nn.rnn_cell.MultiRNNCell(cells),
        lambda ids: input_layer(tf.nn.embedding_lookup(embedding, ids)),
        tf.fill([batch], 1), 2, tuple(initial), BEAM, output_layer=output_layer)
    outputs, _, lengths = tf.contrib.seq2seq.dynamic_decode(beam, maximum_iterations=6)
    record("beam", (outputs.predicted_ids, outputs.beam_search_decoder_output.scores, lengths))

oracle_io.finish(results, {memory: SOURCE, memory_lengths: [7, 1, 4], targets: TARGET,
                           target_lengths: [5, 1, 3]})
