"""The model: a bidirectional LSTM/GRU encoder, a stacked RNN on top, a dense classifier."""

import tensorflow as tf
from tensorflow.contrib import rnn


def encoder_cell(num_units, keep_prob):
    cell = rnn.LSTMCell(num_units, use_peepholes=True)
    return rnn.DropoutWrapper(cell, output_keep_prob=keep_prob)


def build_model(inputs, lengths, keep_prob, num_classes=2, num_units=16):
    with tf.variable_scope("encoder"):
        (out_fw, out_bw), _ = tf.nn.bidirectional_dynamic_rnn(
            encoder_cell(num_units, keep_prob), tf.contrib.rnn.GRUCell(num_units),
            inputs, sequence_length=lengths, dtype=tf.float32)
        encoded = tf.concat([out_fw, out_bw], axis=2)
    with tf.variable_scope("summary"):
        stacked = tf.nn.rnn_cell.MultiRNNCell(
            [tf.nn.rnn_cell.BasicLSTMCell(num_units), tf.nn.rnn_cell.GRUCell(num_units)])
        _, state = tf.nn.dynamic_rnn(stacked, encoded, sequence_length=lengths,
                                     dtype=tf.float32)
    return tf.layers.dense(state[-1], num_classes, name="logits")
