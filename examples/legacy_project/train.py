"""Trains the classifier, saves a checkpoint, and reports accuracy on held-out data.

    python train.py --steps 150 --checkpoint /tmp/model/model.ckpt
    python train.py --restore /tmp/model/model.ckpt          # evaluate only
"""

import argparse
import json

import numpy as np
import tensorflow as tf

import data
import model

MAX_TIME, DEPTH = 12, 4


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--checkpoint", default="/tmp/legacy_rnn/model.ckpt")
    parser.add_argument("--restore", help="evaluate this checkpoint instead of training")
    parser.add_argument("--dump", help="write evaluation logits and loss to this JSON file")
    args = parser.parse_args()

    tf.set_random_seed(0)
    inputs = tf.placeholder(tf.float32, [None, None, DEPTH], name="inputs")
    lengths = tf.placeholder(tf.int32, [None], name="lengths")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")
    logits = model.build_model(inputs, lengths, keep_prob)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=labels, logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32),
                                               labels), tf.float32))
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
    saver = tf.train.Saver()
    test_x, test_len, test_y = data.make_batch(256, MAX_TIME, DEPTH, seed=1234)
    test_feed = {inputs: test_x, lengths: test_len, labels: test_y}

    with tf.Session() as sess:
        if args.restore:
            saver.restore(sess, args.restore)
        else:
            sess.run(tf.global_variables_initializer())
            for step in range(1, args.steps + 1):
                x, n, y = data.make_batch(64, MAX_TIME, DEPTH, seed=step)
                _, step_loss = sess.run([train_op, loss], {inputs: x, lengths: n, labels: y,
                                                           keep_prob: 0.9})
                if step % 25 == 0:
                    print("step %d  loss %.4f" % (step, step_loss))
            saver.save(sess, args.checkpoint)
        test_logits, test_loss, test_accuracy = sess.run([logits, loss, accuracy], test_feed)
    print("test loss %.4f  accuracy %.3f" % (test_loss, test_accuracy))
    if args.dump:
        with open(args.dump, "w") as f:
            json.dump({"loss": float(test_loss), "logits": np.asarray(test_logits).tolist()}, f)


if __name__ == "__main__":
    main()
