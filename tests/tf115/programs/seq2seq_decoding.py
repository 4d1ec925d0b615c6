"""tf.contrib.seq2seq decoding without attention, as a TF 1.x program: every helper,
BasicDecoder with an output layer, dynamic_decode's options, sequence_loss's reductions.
"""

import numpy as np
import tensorflow as tf

import oracle_io

tf.set_random_seed(7)
VOCAB, DEPTH, UNITS = 6, 3, 5
INPUTS = np.random.RandomState(2).normal(size=(4, 5, DEPTH)).astype(np.float32)
TARGETS = np.random.RandomState(3).randint(0, VOCAB, size=(4, 5)).astype(np.int32)
x = tf.placeholder(tf.float32, [None, None, DEPTH])
seq = tf.placeholder(tf.int32, [None])
batch = tf.shape(x)[0]
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


embedding = tf.get_variable("embedding", [VOCAB, DEPTH])
start_tokens = tf.fill([batch], 1)

for name, impute, time_major in [("train", False, False), ("train_impute", True, False),
                                 ("train_time_major", True, True)]:
    with tf.variable_scope(name):
        cell = tf.contrib.rnn.BasicLSTMCell(UNITS)
        helper = tf.contrib.seq2seq.TrainingHelper(x, seq)
        decoder = tf.contrib.seq2seq.BasicDecoder(
            cell, helper, cell.zero_state(batch, tf.float32),
            output_layer=tf.layers.Dense(VOCAB))
        outputs, state, lengths = tf.contrib.seq2seq.dynamic_decode(
            decoder, output_time_major=time_major, impute_finished=impute)
        record(name, (outputs, state, lengths))
        if not time_major:
            mask = tf.sequence_mask(seq, tf.shape(outputs.rnn_output)[1], dtype=tf.float32)
            targets = tf.constant(TARGETS)[:, :tf.shape(mask)[1]]
            for avg_t, avg_b, sum_t, sum_b in [(True, True, False, False),
                                               (False, False, True, True),
                                               (True, False, False, False),
                                               (False, True, False, False),
                                               (False, False, True, False),
                                               (False, False, False, True),
                                               (False, False, False, False)]:
                results["%s/loss_%d%d%d%d" % (name, avg_t, avg_b, sum_t, sum_b)] = \
                    tf.contrib.seq2seq.sequence_loss(
                        outputs.rnn_output, targets, mask, average_across_timesteps=avg_t,
                        average_across_batch=avg_b, sum_over_timesteps=sum_t,
                        sum_over_batch=sum_b)

inference_helpers = {
    "greedy": lambda: tf.contrib.seq2seq.GreedyEmbeddingHelper(embedding, start_tokens, 0),
    "sample": lambda: tf.contrib.seq2seq.SampleEmbeddingHelper(
        embedding, start_tokens, 0, softmax_temperature=0.5, seed=11),
    "inference": lambda: tf.contrib.seq2seq.InferenceHelper(
        sample_fn=lambda outputs: tf.argmax(outputs, -1, output_type=tf.int32),
        sample_shape=[], sample_dtype=tf.int32,
        start_inputs=tf.nn.embedding_lookup(embedding, start_tokens),
        end_fn=lambda ids: tf.equal(ids, 0),
        next_inputs_fn=lambda ids: tf.nn.embedding_lookup(embedding, ids)),
    "scheduled_embedding": lambda: tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
        x, seq, embedding, 0.5, seed=3, scheduling_seed=4),
    "scheduled_output": lambda: tf.contrib.seq2seq.ScheduledOutputTrainingHelper(
        x, seq, 0.5, seed=5, next_inputs_fn=lambda out: out[:, :DEPTH]),
    "scheduled_output_aux": lambda: tf.contrib.seq2seq.ScheduledOutputTrainingHelper(
        x[:, :, :1], seq, 0.5, seed=6, auxiliary_inputs=x[:, :, 1:]),
}
for name, make in sorted(inference_helpers.items()):
    with tf.variable_scope(name):
        cell = tf.nn.rnn_cell.GRUCell(UNITS)
        projection = tf.layers.Dense(VOCAB if "output" not in name else 1 if "aux" in name else DEPTH)
        decoder = tf.contrib.seq2seq.BasicDecoder(cell, make(), cell.zero_state(batch, tf.float32),
                                                  output_layer=projection)
        record(name, tf.contrib.seq2seq.dynamic_decode(decoder, maximum_iterations=7,
                                                       impute_finished=True))


def initialize_fn():
    return tf.equal(seq, 0), x[:, 0]


def sample_fn(time, outputs, state):
    return tf.argmax(outputs, -1, output_type=tf.int32)


def next_inputs_fn(time, outputs, state, sample_ids):
    return time + 1 >= seq, outputs[:, :DEPTH] * 0.5, state


with tf.variable_scope("custom"):
    cell = tf.nn.rnn_cell.BasicRNNCell(UNITS)
    decoder = tf.contrib.seq2seq.BasicDecoder(
        cell, tf.contrib.seq2seq.CustomHelper(initialize_fn, sample_fn, next_inputs_fn),
        cell.zero_state(batch, tf.float32))
    record("custom", tf.contrib.seq2seq.dynamic_decode(decoder))

oracle_io.finish(results, {x: INPUTS, seq: np.array([5, 1, 3, 0], np.int32)})
