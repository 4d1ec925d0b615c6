"""tf.contrib.rnn's LSTM variants as a TF 1.x program.

CoupledInputForgetGateLSTMCell (peepholes, projection and its clip, layer_norm, a
concatenated state, sharded weights), GLSTMCell (groups, projection), IndyLSTMCell and
PhasedLSTMCell (peepholes, leak, ratio_on; its inputs are `(time, features)`, the time
float32 or float64) through `tf.nn.dynamic_rnn` with lengths 0, 1, mid and full;
LSTMBlockFusedCell through its own time-major call (lengths, initial state, peepholes with
cell clipping) and under TimeReversedFusedRNN.
"""

import numpy as np
import tensorflow as tf

import oracle_io

STEPS, DEPTH = 6, 4
LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
RNG = np.random.RandomState(3)
INPUTS = RNG.normal(size=(5, STEPS, DEPTH)).astype(np.float32)
TIMES = np.cumsum(RNG.uniform(0.1, 2.0, size=(5, STEPS, 1)), axis=1).astype(np.float32)
x = tf.placeholder(tf.float32, [None, None, DEPTH])
times = tf.placeholder(tf.float32, [None, None, 1])
seq = tf.placeholder(tf.int32, [None])
x_time_major = tf.transpose(x, [1, 0, 2])
rnn = tf.contrib.rnn
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


cells = {
    "cifg": lambda: rnn.CoupledInputForgetGateLSTMCell(4),
    "cifg_peephole_proj": lambda: rnn.CoupledInputForgetGateLSTMCell(
        5, use_peepholes=True, num_proj=3, proj_clip=0.4, forget_bias=0.3),
    "cifg_layer_norm": lambda: rnn.CoupledInputForgetGateLSTMCell(
        4, use_peepholes=True, layer_norm=True, norm_gain=1.2, norm_shift=0.1,
        activation=tf.nn.softsign),
    "cifg_concat_shards": lambda: rnn.CoupledInputForgetGateLSTMCell(
        6, num_proj=4, num_unit_shards=2, num_proj_shards=3, state_is_tuple=False),
    "glstm": lambda: rnn.GLSTMCell(6, number_of_groups=2),
    "glstm_proj": lambda: rnn.GLSTMCell(8, num_proj=4, number_of_groups=2, forget_bias=0.2,
                                        activation=tf.nn.softsign),
    "glstm_one_group": lambda: rnn.GLSTMCell(3),
    "indy_lstm": lambda: rnn.IndyLSTMCell(4, forget_bias=0.5),
    "indy_lstm_init": lambda: rnn.IndyLSTMCell(3, activation=tf.nn.relu,
                                               bias_initializer=tf.constant_initializer(0.1)),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(make(), x, sequence_length=seq, dtype=tf.float32))
for name in ("cifg_concat_shards", "glstm_proj"):
    with tf.variable_scope(name + "_time_major"):
        record(name + "_time_major", tf.nn.dynamic_rnn(
            cells[name](), x_time_major, sequence_length=seq, dtype=tf.float32, time_major=True))

phased = {
    "phased": lambda: rnn.PhasedLSTMCell(4),
    "phased_peephole": lambda: rnn.PhasedLSTMCell(3, use_peepholes=True, leak=0.01, ratio_on=0.2,
                                                  trainable_ratio_on=False, period_init_min=2.0,
                                                  period_init_max=20.0),
}
for name, make in sorted(phased.items()):
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(make(), (times, x), sequence_length=seq,
                                       dtype=tf.float32))
with tf.variable_scope("phased_double_time_rnn"):
    record("phased_double_time_rnn", tf.nn.dynamic_rnn(
        rnn.PhasedLSTMCell(3, use_peepholes=True), (tf.cast(times, tf.float64), x),
        sequence_length=seq, dtype=tf.float32))
with tf.variable_scope("phased_double_time"):
    cell = rnn.PhasedLSTMCell(3)
    state = cell.zero_state(tf.shape(x)[0], tf.float32)
    record("phased_double_time", cell((tf.cast(times[:, 2], tf.float64), x[:, 2]), state))

with tf.variable_scope("block_fused"):
    fused = rnn.LSTMBlockFusedCell(4, forget_bias=0.7)
    record("block_fused", fused(x_time_major, sequence_length=seq, dtype=tf.float32))
    record("block_fused_full", fused(x_time_major * 0.5, dtype=tf.float32))
with tf.variable_scope("block_fused_peephole"):
    fused = rnn.LSTMBlockFusedCell(3, cell_clip=0.6, use_peephole=True, name="fused")
    initial = (tf.ones([5, 3]) * 0.4, tf.ones([5, 3]) * -0.3)
    record("block_fused_peephole", fused(x_time_major, initial_state=initial,
                                         sequence_length=seq))
    record("block_fused_peephole_full", fused(x_time_major, initial_state=initial))
with tf.variable_scope("block_fused_reversed"):
    backward = rnn.TimeReversedFusedRNN(rnn.LSTMBlockFusedCell(3))
    record("block_fused_reversed", backward(x_time_major, sequence_length=seq,
                                            dtype=tf.float32))

oracle_io.finish(results, {x: INPUTS, times: TIMES, seq: LENGTHS})
