"""A whole TF1 program (graph mode + Session + Saver) run by either implementation.

    python tf1_checkpoint_program.py legacy   OUT_DIR  # real TF1 cells (TF_USE_LEGACY_KERAS=1):
                                                       # train 3 steps, save a checkpoint
    python tf1_checkpoint_program.py tf1compat OUT_DIR # same graph on tf1compat: restore
                                                       # that checkpoint unchanged

Both evaluate outputs, states and gradients on a fixed batch and write them to
OUT_DIR/<implementation>.npz, plus the list of variable names.
"""

import json
import os
import sys

import numpy as np
import tensorflow as tf

implementation, out_dir = sys.argv[1], sys.argv[2]
tf.compat.v1.disable_v2_behavior()
if implementation == "legacy":
    rnn_cell, nn = tf.compat.v1.nn.rnn_cell, tf.compat.v1.nn
else:
    import tf1compat

    rnn_cell, nn = tf1compat.nn.rnn_cell, tf1compat.nn

rng = np.random.default_rng(7)
inputs = rng.normal(size=(5, 7, 3)).astype(np.float32)
lengths = np.array([7, 0, 1, 4, 7], np.int32)
targets = rng.normal(size=(5, 2)).astype(np.float32)

x = tf.compat.v1.placeholder(tf.float32, [None, None, 3], name="x")
seq = tf.compat.v1.placeholder(tf.int32, [None], name="seq")
y = tf.compat.v1.placeholder(tf.float32, [None, 2], name="y")
with tf.compat.v1.variable_scope("encoder", initializer=tf.compat.v1.random_uniform_initializer(-0.5, 0.5, seed=3)):
    cell = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(6), rnn_cell.GRUCell(4)])
    outputs, state = nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32)
with tf.compat.v1.variable_scope("decoder"):
    peephole = rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=1.0)
    dec_outputs, dec_state = nn.dynamic_rnn(peephole, outputs, sequence_length=seq,
                                            initial_state=None, dtype=tf.float32, time_major=False)
    w = tf.compat.v1.get_variable("w", [2, 2])
prediction = tf.matmul(dec_state.h, w)
loss = tf.reduce_mean(tf.square(prediction - y)) + 0.01 * tf.reduce_sum(tf.square(dec_outputs))
train = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)
variables = tf.compat.v1.global_variables()
grads = tf.gradients(loss, [x] + tf.compat.v1.trainable_variables())
saver = tf.compat.v1.train.Saver()
checkpoint = os.path.join(out_dir, "model.ckpt")
feed = {x: inputs, seq: lengths, y: targets}

with tf.compat.v1.Session() as session:
    if implementation == "legacy":
        session.run(tf.compat.v1.global_variables_initializer())
        for _ in range(3):
            session.run(train, feed)
        saver.save(session, checkpoint)
    else:
        saver.restore(session, checkpoint)
    fetched = session.run(tf.nest.flatten((outputs, state, dec_outputs, dec_state, loss, grads)), feed)

np.savez(os.path.join(out_dir, f"{implementation}.npz"), *fetched)
with open(os.path.join(out_dir, f"{implementation}.json"), "w") as f:
    json.dump(sorted(v.op.name for v in variables), f)
