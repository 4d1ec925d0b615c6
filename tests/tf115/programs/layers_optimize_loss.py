"""tf.contrib.layers.optimize_loss: a TF 1.x program, as users wrote it.

One small model per optimizer name ("SGD", "Adam", "Adagrad", "Momentum", "RMSProp",
"Ftrl"), with clipping by norm or by a function, learning-rate decay on the global step,
gradient multipliers, an optimizer instance and a factory, a tensor learning rate, and a
batch norm whose UPDATE_OPS `optimize_loss` runs first. After the checking SGD step, each
train op runs twice, in turn; the slots (`beta1_power`, `.../Adam`) restore from TF 1.15's
checkpoint.
"""

import numpy as np
import tensorflow as tf

import oracle_io

INPUTS = np.random.RandomState(3).normal(size=(4, 5)).astype(np.float32)
inputs = tf.placeholder(tf.float32, [None, 5])
step = tf.train.get_or_create_global_step()
results, train_ops = {}, []


def model(name):
    with tf.variable_scope(name):
        hidden = tf.layers.dense(inputs, 3, activation=tf.tanh)
        output = tf.reduce_mean(tf.square(tf.layers.dense(hidden, 2) - 0.5))
    results[name] = output
    return output, tf.trainable_variables(name)


def decay(rate, global_step):
    return tf.train.exponential_decay(rate, global_step, 3, 0.5)


setups = {
    "sgd": dict(optimizer="SGD", learning_rate=0.1, learning_rate_decay_fn=decay),
    "adam": dict(optimizer="Adam", learning_rate=0.05, clip_gradients=0.5),
    "adagrad": dict(optimizer="Adagrad", learning_rate=0.2,
                    summaries=["loss", "gradients", "gradient_norm"]),
    "momentum": dict(optimizer="Momentum", learning_rate=0.1,
                     clip_gradients=lambda pairs: [(g * 0.5, v) for g, v in pairs]),
    "rmsprop": dict(optimizer="RMSProp", learning_rate=tf.constant(0.01)),
    "ftrl": dict(optimizer="Ftrl", learning_rate=0.3, summaries=[]),
    "instance": dict(optimizer=tf.train.AdamOptimizer(0.02, beta1=0.8), learning_rate=None),
    "factory": dict(optimizer=lambda rate: tf.train.MomentumOptimizer(rate, 0.5),
                    learning_rate=0.05),
    "class": dict(optimizer=tf.train.GradientDescentOptimizer, learning_rate=0.3),
}
for name, arguments in sorted(setups.items()):
    loss, variables = model(name)
    multipliers = {variables[0]: 2.0, variables[1].name: 0.5} if name == "sgd" else None
    train_ops.append(tf.contrib.layers.optimize_loss(
        loss, step, variables=variables, name="train_" + name,
        gradient_multipliers=multipliers, increment_global_step=name == "sgd", **arguments))

with tf.variable_scope("normalized"):
    normalized = tf.layers.batch_normalization(inputs, training=True)
    results["normalized"] = tf.reduce_sum(tf.layers.dense(normalized, 1))
train_ops.append(tf.contrib.layers.optimize_loss(
    results["normalized"], None, 0.1, "SGD", variables=tf.trainable_variables("normalized")))

oracle_io.finish(results, {inputs: INPUTS}, train_ops=train_ops + train_ops)
