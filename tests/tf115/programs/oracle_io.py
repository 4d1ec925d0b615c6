"""What every oracle program does after building its graph, on TF 1.15 and on tf1compat alike.

Written with `tf.compat.v1` and Python 3.7 syntax, so it runs unchanged on both sides
and is never migrated. The TF 1.15 run gives every variable a random, non-symmetric value
(seeded by the variable's name), saves a `Saver` checkpoint and its results; the migrated
run restores that checkpoint. Both then write, to `<dir>/<side>.npz`:

- `value/<name>`: each result before training;
- `after/<variable name>`: every variable after one SGD step on a loss that weighs each
  result element differently (so the step compares all gradients), then the program's own
  `train_ops` if any (batch norm's UPDATE_OPS, an `optimize_loss` train op);
- `final/<name>`: each of the program's `final_results` after that (inference with the
  trained moving statistics).
"""

import os
import re
import sys
import zlib

import numpy as np
import tensorflow as tf

SIDE = "tf115" if tf.__version__.startswith("1.") else "tf1compat"
SECOND_MOMENTS = re.compile(r"(variance|/Adagrad|/RMSProp|/Adam_1)$")


def weight_value(name, shape):
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    value = rng.uniform(-0.7, 0.7, size=shape).astype(np.float32)
    # Second moments (batch norm's moving variance, optimizers' accumulators) are positive.
    return np.abs(value) + 0.3 if SECOND_MOMENTS.search(name) else value


def weighted_sum(tensors):
    total = 0.0
    for i, t in enumerate(tensors):
        positions = tf.cast(tf.range(tf.size(t)), t.dtype)
        total += tf.reduce_sum(t * tf.reshape(tf.sin(positions * (1.3 + i) + i), tf.shape(t)))
    return total


def finish(results, feed, out_dir=None, train_ops=(), final_results=None):
    """Runs the graph: restore or initialise, record `results`, train one step, record variables.

    Args:
        results: `{name: tensor}`; float tensors also make up the loss.
        feed: The feed dict of every run.
        out_dir: Where the checkpoint and results live (default: `sys.argv[1]`).
        train_ops: Ops run after the SGD step, one `session.run` each, in order.
        final_results: `{name: tensor}` recorded after training.
    """
    out_dir = out_dir or sys.argv[1]
    names = sorted(results)
    floats = [results[n] for n in names if results[n].dtype.is_floating]
    train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(weighted_sum(floats))
    variables = tf.compat.v1.global_variables()
    saver = tf.compat.v1.train.Saver(variables)
    checkpoint = os.path.join(out_dir, "model.ckpt")
    with tf.compat.v1.Session() as session:
        if os.path.exists(checkpoint + ".index"):
            saver.restore(session, checkpoint)
        else:
            # All variables at once: their initializers fed the random values (one run, not
            # one per variable, which costs seconds each on a large graph).
            session.run([v.initializer for v in variables], {
                v.initial_value: weight_value(v.op.name, v.shape.as_list()).astype(
                    v.dtype.base_dtype.as_numpy_dtype) for v in variables})
            saver.save(session, checkpoint)
        values = session.run([results[n] for n in names], feed)
        session.run(train, feed)
        for op in train_ops:
            session.run(op, feed)
        after = session.run(variables)
        final = session.run(final_results or {}, feed)
    record = {"value/" + n: v for n, v in zip(names, values)}
    record.update(("final/" + n, v) for n, v in final.items())
    record.update(("after/" + v.op.name, a) for v, a in zip(variables, after))
    np.savez(os.path.join(out_dir, SIDE + ".npz"), **record)
