"""Trains a model holding tf1compat cells under a tf.distribute strategy, or on one device.

    python distribute_program.py {single|mirrored|multiworker} OUT.npz

Two logical CPUs are configured first. `single` trains on one device; `mirrored` under
MirroredStrategy over both CPUs; `multiworker` under MultiWorkerMirroredStrategy (run it
in two processes with TF_CONFIG set). Each trains from the same initial weights on the same
global batches: a Keras model holding tf1compat cells with `fit` (not under
MultiWorkerMirroredStrategy, where Keras 3's `fit` fails for any model), and a custom loop
calling `tf1compat.nn.dynamic_rnn` through `strategy.run`; it writes the final weights.
"""

import os
import sys

import numpy as np
import tensorflow as tf

mode, out = sys.argv[1], sys.argv[2]
tf.config.set_logical_device_configuration(
    tf.config.list_physical_devices("CPU")[0],
    [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])

import keras  # noqa: E402

import tf1compat  # noqa: E402

BATCH, STEPS, DEPTH = 8, 5, 3
rng = np.random.default_rng(0)
x = rng.normal(size=(4 * BATCH, STEPS, DEPTH)).astype(np.float32)
lengths = rng.integers(1, STEPS + 1, size=4 * BATCH).astype(np.int32)
x *= (np.arange(STEPS)[None, :] < lengths[:, None])[:, :, None]  # zero-padded past each length
y = rng.normal(size=(4 * BATCH, 1)).astype(np.float32)
strategy = {"single": tf.distribute.get_strategy,
            "mirrored": lambda: tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"]),
            "multiworker": tf.distribute.MultiWorkerMirroredStrategy}[mode]()


def initialize(variables):
    for i, variable in enumerate(variables):
        variable.assign(np.random.default_rng(i).uniform(-0.5, 0.5, variable.shape))


results = {}
if mode != "multiworker":  # Keras 3's fit fails under MultiWorkerMirroredStrategy, cells aside
    with strategy.scope():
        inputs = keras.Input((STEPS, DEPTH))
        cell = tf1compat.nn.rnn_cell.MultiRNNCell([tf1compat.nn.rnn_cell.BasicLSTMCell(4),
                                                  tf1compat.nn.rnn_cell.GRUCell(3)])
        # The mask of the lengths, from the zero padding (a bool input does not distribute).
        hidden = keras.layers.RNN(cell)(keras.layers.Masking(0.0)(inputs))
        model = keras.Model(inputs, keras.layers.Dense(1)(hidden))
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        initialize(model.weights)
    model.fit(x, y, batch_size=BATCH, epochs=2, shuffle=False, verbose=0)
    results.update((f"fit/{i}", np.asarray(v)) for i, v in enumerate(model.weights))

with strategy.scope():
    loop_cell = tf1compat.nn.rnn_cell.BasicLSTMCell(4)
    readout = tf1compat.layers.Dense(1)
    loop_cell(tf.zeros([1, DEPTH]), loop_cell.zero_state(1, tf.float32))
    readout(tf.zeros([1, 4]))
    loop_variables = loop_cell.trainable_weights + readout.trainable_weights
    initialize(loop_variables)
    optimizer = keras.optimizers.SGD(0.1)


@tf.function
def train_step(batch_x, batch_lengths, batch_y):
    def replica_step(bx, bl, by):
        with tf.GradientTape() as tape:
            outputs, state = tf1compat.nn.dynamic_rnn(loop_cell, bx, sequence_length=bl,
                                                      dtype=tf.float32)
            loss = tf.reduce_sum((readout(state.h) - by) ** 2) / (4 * BATCH // 4)
        grads = tape.gradient(loss, loop_variables)
        optimizer.apply_gradients(zip(grads, loop_variables))
        return loss

    return strategy.run(replica_step, (batch_x, batch_lengths, batch_y))


dataset = tf.data.Dataset.from_tensor_slices((x, lengths, y)).batch(BATCH)
for batch in strategy.experimental_distribute_dataset(dataset):
    train_step(*batch)

results.update((f"loop/{i}", np.asarray(v)) for i, v in enumerate(loop_variables))
if mode != "multiworker" or strategy.cluster_resolver.task_id == 0:
    np.savez(out, **results)
