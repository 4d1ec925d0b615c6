"""A TF 1.15-era program: `tensorflow.compat.v1`, `tf.contrib.rnn`, `tf.layers.dense`, Saver.

It already runs graph mode through `tf.disable_v2_behavior()`, so on TF 2.16+ only its RNN
code is dead: `tf1compat-migrate` alone makes it run.

    python compat_v1_classifier.py train CHECKPOINT OUT.json
    python compat_v1_classifier.py restore CHECKPOINT OUT.json
"""

import json
import sys

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

mode, checkpoint, out_path = sys.argv[1:4]
rng = np.random.RandomState(3)
inputs = rng.normal(size=(8, 6, 3)).astype(np.float32)
lengths = np.array([6, 0, 1, 3, 6, 2, 5, 4], np.int32)
labels = (inputs[:, :, 0].sum(axis=1) > 0).astype(np.int32)

x = tf.placeholder(tf.float32, [None, None, 3])
seq = tf.placeholder(tf.int32, [None])
y = tf.placeholder(tf.int32, [None])
cells = [tf.contrib.rnn.GRUCell(5), tf.contrib.rnn.LSTMCell(4, num_proj=3, use_peepholes=True)]
outputs, states = tf.nn.dynamic_rnn(tf.contrib.rnn.MultiRNNCell(cells), x, sequence_length=seq,
                                    dtype=tf.float32, time_major=False)
hidden = tf.layers.dense(states[-1].h, 6, activation=tf.nn.relu)
logits = tf.layers.dense(hidden, 2)
loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
train_op = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
feed = {x: inputs, seq: lengths, y: labels}
with tf.Session() as session:
    saver = tf.train.Saver()
    if mode == "train":
        session.run(tf.global_variables_initializer())
        for _ in range(5):
            session.run(train_op, feed)
        saver.save(session, checkpoint)
    else:
        saver.restore(session, checkpoint)
    values = session.run([outputs, logits, loss], feed)
with open(out_path, "w") as f:
    json.dump({"outputs": values[0].tolist(), "logits": values[1].tolist(),
               "loss": float(values[2])}, f)
