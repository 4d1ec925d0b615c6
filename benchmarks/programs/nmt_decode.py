"""A small NMT decoder as TF 1.x code: greedy and beam-search decoding with Luong attention.

    python nmt_decode.py OUT.json [--repeats N]

Builds the graph, restores nothing (random weights), and times `session.run` of the greedy
and the beam-search decode (median of N after warm-up), writing `{"greedy": s, "beam": s}`.
Runs unchanged on TF 1.15 and, migrated by tf1compat-migrate + tf_upgrade_v2, on tf1compat.
"""

import json
import sys
import time

import numpy as np
import tensorflow as tf

BATCH, SOURCE_LEN, VOCAB, UNITS, BEAM, MAX_STEPS = 32, 20, 1000, 128, 4, 20


def median_seconds(session, fetch, repeats):
    session.run(fetch)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        session.run(fetch)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    out, repeats = sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 else 20
    tf.set_random_seed(0)
    memory = tf.constant(np.random.RandomState(0).normal(
        size=(BATCH, SOURCE_LEN, UNITS)).astype(np.float32))
    lengths = tf.constant(np.random.RandomState(1).randint(5, SOURCE_LEN + 1, BATCH), tf.int32)
    embedding = tf.get_variable("embedding", [VOCAB, UNITS])
    start = tf.fill([BATCH], 1)
    projection = tf.layers.Dense(VOCAB, name="projection")

    def decoder_cell(memory, lengths):
        mechanism = tf.contrib.seq2seq.LuongAttention(UNITS, memory, lengths, scale=True)
        return tf.contrib.seq2seq.AttentionWrapper(tf.contrib.rnn.LSTMCell(UNITS), mechanism,
                                                   attention_layer_size=UNITS)

    with tf.variable_scope("decode"):
        cell = decoder_cell(memory, lengths)
        helper = tf.contrib.seq2seq.GreedyEmbeddingHelper(embedding, start, 2)
        greedy = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(BATCH, tf.float32),
                                                 output_layer=projection)
        greedy_ids = tf.contrib.seq2seq.dynamic_decode(greedy, maximum_iterations=MAX_STEPS)[0]
    with tf.variable_scope("decode", reuse=True):
        cell = decoder_cell(tf.contrib.seq2seq.tile_batch(memory, BEAM),
                            tf.contrib.seq2seq.tile_batch(lengths, BEAM))
        beam = tf.contrib.seq2seq.BeamSearchDecoder(
            cell, embedding, start, 2, cell.zero_state(BATCH * BEAM, tf.float32), BEAM,
            output_layer=projection, length_penalty_weight=0.6)
        beam_ids = tf.contrib.seq2seq.dynamic_decode(beam, maximum_iterations=MAX_STEPS)[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        result = {"greedy": median_seconds(session, greedy_ids.sample_id, repeats),
                  "beam": median_seconds(session, beam_ids.predicted_ids, repeats)}
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
