"""tf1compat.contrib.layers beyond the TF 1.15 programs: update collections, the functions
that work in every mode, and `embed_sequence(unique=True)`'s gradients."""

import math

import numpy as np
import tensorflow as tf

import tf1compat

C = tf1compat.contrib.layers


def test_batch_norm_update_collections():
    with tf.Graph().as_default():
        x = tf.constant(np.arange(24, dtype=np.float32).reshape(4, 6))
        C.batch_norm(x)
        C.batch_norm(x, updates_collections="mine", scope="mine")
        forced = C.batch_norm(x, updates_collections=None, decay=0.0, scope="forced")
        C.batch_norm(x, is_training=False, scope="inference")
        assert len(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)) == 2
        assert len(tf.compat.v1.get_collection("mine")) == 2
        moving = {v.op.name: v for v in tf.compat.v1.global_variables()}["forced/moving_mean"]
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            session.run(forced)  # the updates ran with the outputs
            np.testing.assert_allclose(session.run(moving), np.arange(9, 15), atol=1e-5)


def test_every_mode_functions_in_eager_and_function():
    x = tf.ones([2, 3, 4])
    assert C.flatten(x).shape == (2, 12)
    np.testing.assert_array_equal(C.dropout(x, is_training=False), x)
    dropped = tf.function(lambda t: C.dropout(t, keep_prob=0.25))(tf.ones([100, 100]))
    assert set(np.unique(dropped)) <= {0.0, 4.0}
    values = C.variance_scaling_initializer(2.0, "FAN_IN", uniform=True)([3, 3, 4, 8])
    assert np.abs(values).max() <= math.sqrt(3 * 2.0 / 36)
    variable = tf.Variable([3.0, -4.0])
    assert float(C.l2_regularizer(0.1)(variable)) == np.float32(0.1 * 25 / 2)
    assert C.l1_regularizer(0.0)(variable) is None  # a zero scale disables it, as TF1


def test_embed_sequence_unique_equals_plain():
    with tf.Graph().as_default():
        ids = tf.constant([[3, 1, 3], [0, 3, 1]])
        plain = C.embed_sequence(ids, 5, 2, scope="table")
        unique = C.embed_sequence(ids, scope="table", reuse=True, unique=True)
        table = tf.compat.v1.global_variables()[0]
        weights = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 3, 2))
        gradients = [tf.convert_to_tensor(tf.gradients(tf.reduce_sum(out * weights), table)[0])
                     for out in (plain, unique)]
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            (a, b), (ga, gb) = session.run(((plain, unique), gradients))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ga, gb)
