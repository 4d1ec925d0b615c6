"""Seeded DropoutWrapper in a TF1 graph, by either implementation, in a fresh process.

    python dropout_noise_program.py {legacy|tf1compat} OUT.npz VARIATIONAL(0|1)
"""

import sys

import numpy as np
import tensorflow as tf

implementation, out_path, variational = sys.argv[1], sys.argv[2], bool(int(sys.argv[3]))
if implementation == "legacy":
    from tf_keras.src.layers.rnn import legacy_cell_wrappers as wrappers
    from tf_keras.src.layers.rnn import legacy_cells as cells

    nn = tf.compat.v1.nn
else:
    import tf1compat

    cells = wrappers = tf1compat.nn.rnn_cell
    nn = tf1compat.nn

with tf.Graph().as_default():
    tf.compat.v1.set_random_seed(3)
    x = tf.constant(np.random.default_rng(0).normal(size=(6, 7, 3)).astype(np.float32))
    cell = wrappers.DropoutWrapper(
        cells.MultiRNNCell([cells.BasicLSTMCell(5), cells.GRUCell(4)]),
        input_keep_prob=0.7, output_keep_prob=0.6, state_keep_prob=0.8, seed=11,
        variational_recurrent=variational, input_size=3, dtype=tf.float32)
    # parallel_iterations=1: a stateful random op in a while loop draws in the order the
    # iterations run; with parallel iterations that order (so which step gets which mask)
    # varies from run to run, in TF1 too.
    outputs, state = nn.dynamic_rnn(cell, x, sequence_length=[7, 0, 1, 3, 7, 5], dtype=tf.float32,
                                    parallel_iterations=1)
    grads = tf.gradients(tf.reduce_sum(outputs * outputs), tf.compat.v1.trainable_variables())
    with tf.compat.v1.Session() as session:
        for i, v in enumerate(tf.compat.v1.global_variables()):
            v.load(np.random.default_rng(i).uniform(-0.5, 0.5, v.shape).astype(np.float32), session)
        values = session.run(tf.nest.flatten((outputs, state, grads)))
np.savez(out_path, *values)
