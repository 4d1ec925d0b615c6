"""tf.contrib.rnn's grid, time-frequency and convolutional LSTMs as a TF 1.x program.

GridLSTMCell (peepholes, shared time-frequency weights, coupled gates, cell clipping, a
concatenated state, several frequency blocks), BidirectionalGridLSTMCell (a backward
slice offset), TimeFreqLSTMCell and ConvLSTMCell with its 1-D, 2-D and 3-D forms (skip
no bias) through `tf.nn.dynamic_rnn` with lengths 0, 1, mid and full, and
one step called directly where the state has its own shape (TimeFreqLSTMCell over
several frequencies, GridLSTMCell's state tuples, ConvLSTMCell's skip connection).
"""

import numpy as np
import tensorflow as tf

import oracle_io

STEPS, DEPTH, BATCH = 5, 6, 4
LENGTHS = np.array([0, 1, 3, 5], np.int32)
RNG = np.random.RandomState(5)
INPUTS = RNG.normal(size=(BATCH, STEPS, DEPTH)).astype(np.float32)
IMAGES = RNG.normal(size=(BATCH, STEPS, 4, 3, 2)).astype(np.float32)
x = tf.placeholder(tf.float32, [None, None, DEPTH])
x_static_batch = tf.placeholder_with_default(INPUTS, [BATCH, None, DEPTH])
images = tf.placeholder(tf.float32, [None, None, 4, 3, 2])
seq = tf.placeholder(tf.int32, [None])
rnn = tf.contrib.rnn
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


grid_cells = {
    "grid": lambda: rnn.GridLSTMCell(3, feature_size=2, frequency_skip=2,
                                     num_frequency_blocks=[3]),
    "grid_peephole_clip": lambda: rnn.GridLSTMCell(
        3, use_peepholes=True, cell_clip=0.5, forget_bias=0.4, feature_size=3,
        frequency_skip=1, num_frequency_blocks=[4]),
    "grid_shared_coupled": lambda: rnn.GridLSTMCell(
        2, use_peepholes=True, share_time_frequency_weights=True,
        couple_input_forget_gates=True, feature_size=2, frequency_skip=2,
        num_frequency_blocks=[3]),
    "grid_blocks": lambda: rnn.GridLSTMCell(
        2, feature_size=2, frequency_skip=1, num_frequency_blocks=[2, 1],
        start_freqindex_list=[0, 3], end_freqindex_list=[3, 5], num_unit_shards=2),
    "grid_concat": lambda: rnn.GridLSTMCell(
        3, feature_size=4, frequency_skip=2, num_frequency_blocks=[2], state_is_tuple=False,
        couple_input_forget_gates=True),
    "bidirectional_grid": lambda: rnn.BidirectionalGridLSTMCell(
        2, feature_size=2, frequency_skip=2, num_frequency_blocks=[3]),
    "bidirectional_grid_offset": lambda: rnn.BidirectionalGridLSTMCell(
        2, use_peepholes=True, feature_size=3, frequency_skip=1, num_frequency_blocks=[4],
        backward_slice_offset=1, couple_input_forget_gates=True),
}
for name, make in sorted(grid_cells.items()):
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(make(), x, sequence_length=seq, dtype=tf.float32))
with tf.variable_scope("grid_time_major"):
    record("grid_time_major", tf.nn.dynamic_rnn(
        grid_cells["grid_blocks"](), tf.transpose(x, [1, 0, 2]), sequence_length=seq,
        dtype=tf.float32, time_major=True))
with tf.variable_scope("grid_step"):
    cell = grid_cells["grid_peephole_clip"]()
    state = cell.state_tuple_type(*[tf.fill([BATCH, 3], 0.1 * (i - 3))
                                    for i in range(len(cell.state_size))])
    record("grid_step", cell(x_static_batch[:, 1], state))

with tf.variable_scope("time_freq"):
    cell = rnn.TimeFreqLSTMCell(3, feature_size=DEPTH, frequency_skip=1, forget_bias=0.3)
    record("time_freq", tf.nn.dynamic_rnn(cell, x_static_batch, sequence_length=seq,
                                          dtype=tf.float32))
with tf.variable_scope("time_freq_peephole"):
    cell = rnn.TimeFreqLSTMCell(2, use_peepholes=True, cell_clip=0.3, feature_size=DEPTH,
                                frequency_skip=2)
    record("time_freq_peephole", tf.nn.dynamic_rnn(cell, x_static_batch, sequence_length=seq,
                                                   dtype=tf.float32))
with tf.variable_scope("time_freq_step"):
    cell = rnn.TimeFreqLSTMCell(2, use_peepholes=True, feature_size=2, frequency_skip=2,
                                num_unit_shards=2)
    state = tf.reshape(tf.range(BATCH * 12, dtype=tf.float32) * 0.01, [BATCH, 12])
    record("time_freq_step", cell(x_static_batch[:, 2], state))

conv_cells = {
    "conv1d": (lambda: rnn.Conv1DLSTMCell(input_shape=[4, 6], output_channels=3,
                                          kernel_shape=[3]), [BATCH, STEPS, 4, 6]),
    "conv2d": (lambda: rnn.Conv2DLSTMCell(input_shape=[4, 3, 2], output_channels=2,
                                          kernel_shape=[3, 2], forget_bias=0.5), None),
    "conv2d_no_bias": (lambda: rnn.ConvLSTMCell(2, [4, 3, 2], 3, [2, 2], use_bias=False,
                                                name="conv_no_bias"), None),
    "conv3d": (lambda: rnn.Conv3DLSTMCell(input_shape=[4, 3, 2, 1], output_channels=2,
                                          kernel_shape=[2, 3, 1]), [BATCH, STEPS, 4, 3, 2, 1]),
}
for name, (make, shape) in sorted(conv_cells.items()):
    inputs = images if shape is None else tf.reshape(images, shape)
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(make(), inputs, sequence_length=seq, dtype=tf.float32))
with tf.variable_scope("conv2d_time_major"):
    record("conv2d_time_major", tf.nn.dynamic_rnn(
        conv_cells["conv2d"][0](), tf.transpose(images, [1, 0, 2, 3, 4]), sequence_length=seq,
        dtype=tf.float32, time_major=True))
# A skip connection makes the state's `h` wider than `state_size` (as in TF1): one step.
with tf.variable_scope("conv2d_skip_step"):
    cell = rnn.ConvLSTMCell(2, [4, 3, 2], 3, [2, 2], skip_connection=True, forget_bias=0.2)
    state = cell.zero_state(tf.shape(images)[0], tf.float32)
    record("conv2d_skip_step", cell(images[:, 1], state))

oracle_io.finish(results, {x: INPUTS, images: IMAGES, seq: LENGTHS})
