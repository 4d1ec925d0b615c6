"""tf.contrib.seq2seq attention as a TF 1.x program: both attention families with their
options, the monotonic modes (with and without seeded noise), several mechanisms, the
wrapper's options, training and greedy decoding, and AttentionWrapper under dynamic_rnn.

The memory comes from an encoder over inputs of unknown batch and time, with lengths
1, mid and full; the decoder's lengths include 1 and full.
"""

import numpy as np
import tensorflow as tf

import oracle_io

tf.set_random_seed(7)
VOCAB, DEPTH, UNITS, ENCODED = 6, 3, 4, 5
SOURCE = np.random.RandomState(4).normal(size=(4, 6, 2)).astype(np.float32)
INPUTS = np.random.RandomState(2).normal(size=(4, 5, DEPTH)).astype(np.float32)
source = tf.placeholder(tf.float32, [None, None, 2])
source_lengths = tf.placeholder(tf.int32, [None])
x = tf.placeholder(tf.float32, [None, None, DEPTH])
seq = tf.placeholder(tf.int32, [None])
batch = tf.shape(x)[0]
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        if isinstance(tensor, tf.TensorArray):
            tensor = tensor.stack()
        results["%s/%d" % (prefix, i)] = tensor


with tf.variable_scope("encoder"):
    memory, encoder_state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(ENCODED), source,
                                              sequence_length=source_lengths, dtype=tf.float32)

mechanisms = {
    "bahdanau": lambda: tf.contrib.seq2seq.BahdanauAttention(UNITS, memory, source_lengths),
    "bahdanau_normalized": lambda: tf.contrib.seq2seq.BahdanauAttention(
        UNITS, memory, source_lengths, normalize=True),
    "luong": lambda: tf.contrib.seq2seq.LuongAttention(UNITS, memory, source_lengths),
    "luong_scaled": lambda: tf.contrib.seq2seq.LuongAttention(
        UNITS, memory, source_lengths, scale=True, score_mask_value=-50.0),
    "luong_hardmax": lambda: tf.contrib.seq2seq.LuongAttention(
        UNITS, memory, source_lengths, probability_fn=tf.contrib.seq2seq.hardmax),
    "bahdanau_no_lengths": lambda: tf.contrib.seq2seq.BahdanauAttention(
        UNITS, memory, probability_fn=lambda score: tf.nn.softmax(score * 0.5)),
    "monotonic_parallel": lambda: tf.contrib.seq2seq.BahdanauMonotonicAttention(
        UNITS, memory, source_lengths, normalize=True, score_bias_init=-0.5),
    "monotonic_recursive": lambda: tf.contrib.seq2seq.LuongMonotonicAttention(
        UNITS, memory, source_lengths, scale=True, mode="recursive"),
    "monotonic_hard": lambda: tf.contrib.seq2seq.BahdanauMonotonicAttention(
        UNITS, memory, source_lengths, mode="hard"),
    "monotonic_noise": lambda: tf.contrib.seq2seq.LuongMonotonicAttention(
        UNITS, memory, source_lengths, sigmoid_noise=1.0, sigmoid_noise_seed=5),
    "bahdanau_monotonic_noise": lambda: tf.contrib.seq2seq.BahdanauMonotonicAttention(
        UNITS, memory, source_lengths, sigmoid_noise=0.5, sigmoid_noise_seed=9,
        mode="recursive"),
}
# (mechanism, wrapper options, dynamic_decode options)
training = [
    ("bahdanau", dict(attention_layer_size=6, alignment_history=True), dict()),
    ("bahdanau_normalized", dict(output_attention=False, alignment_history=True),
     dict(impute_finished=True, output_time_major=True)),
    ("luong", dict(attention_layer_size=3), dict(impute_finished=True)),
    ("luong_scaled", dict(alignment_history=True), dict()),
    ("luong_hardmax", dict(attention_layer_size=5), dict(impute_finished=True)),
    ("bahdanau_no_lengths", dict(cell_input_fn=lambda inputs, attention: tf.concat(
        [inputs * 2.0, attention[:, :2]], -1)), dict()),
    ("monotonic_parallel", dict(alignment_history=True), dict(impute_finished=True)),
    ("monotonic_recursive", dict(attention_layer_size=4, alignment_history=True), dict()),
    ("monotonic_hard", dict(alignment_history=True), dict(impute_finished=True)),
    ("monotonic_noise", dict(attention_layer_size=4), dict(impute_finished=True)),
    ("bahdanau_monotonic_noise", dict(alignment_history=True), dict()),
]
cell_by_name = {}
for name, wrapper_options, decode_options in training:
    with tf.variable_scope(name):
        cell = cell_by_name[name] = tf.contrib.seq2seq.AttentionWrapper(
            tf.nn.rnn_cell.LSTMCell(UNITS), mechanisms[name](), **wrapper_options)
        decoder = tf.contrib.seq2seq.BasicDecoder(
            cell, tf.contrib.seq2seq.TrainingHelper(x, seq), cell.zero_state(batch, tf.float32))
        record(name, tf.contrib.seq2seq.dynamic_decode(decoder, **decode_options))

embedding = tf.get_variable("embedding", [VOCAB, DEPTH])
with tf.variable_scope("bahdanau", reuse=True):  # inference with the training weights
    shared_cell = cell_by_name["bahdanau"]
    decoder = tf.contrib.seq2seq.BasicDecoder(
        shared_cell, tf.contrib.seq2seq.GreedyEmbeddingHelper(embedding, tf.fill([batch], 2), 0),
        shared_cell.zero_state(batch, tf.float32))
    record("bahdanau_inference", tf.contrib.seq2seq.dynamic_decode(decoder, maximum_iterations=4))


def doubled_context(mechanism, cell_output, attention_state, attention_layer):
    alignments, next_state = mechanism(cell_output, state=attention_state)
    context = tf.reduce_sum(tf.expand_dims(alignments, 2) * mechanism.values, 1)
    return attention_layer(tf.concat([cell_output, 2.0 * context], 1)), alignments, next_state


with tf.variable_scope("attention_fn"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.nn.rnn_cell.GRUCell(UNITS), mechanisms["luong"](), attention_layer_size=3,
        attention_fn=doubled_context, name="my_wrapper")
    record("attention_fn", tf.nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32))

with tf.variable_scope("multi"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.nn.rnn_cell.GRUCell(UNITS), [mechanisms["bahdanau"](), mechanisms["luong"]()],
        attention_layer_size=[3, 2], alignment_history=True)
    decoder = tf.contrib.seq2seq.BasicDecoder(
        cell, tf.contrib.seq2seq.TrainingHelper(x, seq), cell.zero_state(batch, tf.float32),
        output_layer=tf.layers.Dense(VOCAB))
    record("multi", tf.contrib.seq2seq.dynamic_decode(decoder))

with tf.variable_scope("multi_context"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.contrib.rnn.BasicLSTMCell(UNITS),
        (mechanisms["luong_scaled"](), mechanisms["monotonic_parallel"]()),
        output_attention=False, initial_cell_state=encoder_state._replace(
            c=encoder_state.c[:, :UNITS], h=encoder_state.h[:, 1:]))
    decoder = tf.contrib.seq2seq.BasicDecoder(
        cell, tf.contrib.seq2seq.TrainingHelper(x, seq), cell.zero_state(batch, tf.float32))
    record("multi_context", tf.contrib.seq2seq.dynamic_decode(decoder, impute_finished=True))

with tf.variable_scope("attention_layer"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.nn.rnn_cell.GRUCell(UNITS), mechanisms["bahdanau"](),
        attention_layer=tf.layers.Dense(3, activation=tf.tanh, name="my_attention"))
    decoder = tf.contrib.seq2seq.BasicDecoder(
        cell, tf.contrib.seq2seq.TrainingHelper(x, seq), cell.zero_state(batch, tf.float32))
    record("attention_layer", tf.contrib.seq2seq.dynamic_decode(decoder))

for name, impute in [("greedy", True), ("greedy_no_impute", False)]:
    with tf.variable_scope(name):
        cell = tf.contrib.seq2seq.AttentionWrapper(
            tf.nn.rnn_cell.LSTMCell(UNITS), mechanisms["bahdanau_normalized"](),
            attention_layer_size=5, alignment_history=True)
        state = cell.zero_state(batch, tf.float32).clone(
            cell_state=tf.nn.rnn_cell.LSTMStateTuple(encoder_state.c[:, 1:], encoder_state.h[:, 1:]))
        decoder = tf.contrib.seq2seq.BasicDecoder(
            cell, tf.contrib.seq2seq.GreedyEmbeddingHelper(embedding, tf.fill([batch], 1), 0),
            state, output_layer=tf.layers.Dense(VOCAB))
        record(name, tf.contrib.seq2seq.dynamic_decode(decoder, maximum_iterations=6,
                                                       impute_finished=impute))

with tf.variable_scope("dynamic_rnn"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.nn.rnn_cell.GRUCell(UNITS), mechanisms["luong"](), attention_layer_size=3,
        alignment_history=True)
    record("dynamic_rnn", tf.nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32))

with tf.variable_scope("dynamic_rnn_time_major"):
    cell = tf.contrib.seq2seq.AttentionWrapper(
        tf.contrib.rnn.BasicLSTMCell(UNITS), mechanisms["monotonic_recursive"](),
        output_attention=False)
    state = cell.zero_state(batch, tf.float32).clone(
        cell_state=tf.nn.rnn_cell.LSTMStateTuple(encoder_state.c[:, 1:], encoder_state.h[:, 1:]))
    record("dynamic_rnn_time_major", tf.nn.dynamic_rnn(
        cell, tf.transpose(x, [1, 0, 2]), initial_state=state, dtype=tf.float32,
        time_major=True))

oracle_io.finish(results, {source: SOURCE, source_lengths: np.array([6, 1, 3, 6], np.int32),
                           x: INPUTS, seq: np.array([5, 1, 3, 4], np.int32)})
