"""tf1compat.layers / contrib.layers vs TF1 (`tf_keras` legacy `tf.layers`) and NumPy."""

import numpy as np
import pytest
import tensorflow as tf
from tf_keras.src.legacy_tf_layers import core as legacy_layers

import harness
import tf1compat


def build_graph(build, oracle, inputs):
    """Runs `build(layers, x)` in a fresh graph; returns names/shapes, outputs and gradients."""
    layers = legacy_layers if oracle else tf1compat.layers
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None] * (inputs.ndim - 1) + [inputs.shape[-1]])
        outputs = tf.nest.flatten(build(layers, x))
        variables = tf.compat.v1.global_variables()
        grads = tf.gradients(harness.loss_of(outputs), [x] + variables)
        with tf.compat.v1.Session() as session:
            for v in variables:
                v.load(harness.weight_value(v.op.name, v.shape), session)
            values = session.run((outputs, grads), {x: inputs})
    return [(v.op.name, tuple(v.shape.as_list())) for v in variables], values


def two_dense_layers(layers, x):
    hidden = layers.dense(x, 5, activation=tf.tanh)
    return layers.dense(hidden, 2, use_bias=False), layers.dense(x, 3, name="head")


def shared_dense(layers, x):
    first = layers.dense(x, 4, name="shared")
    second = layers.dense(x * 2.0, 4, name="shared", reuse=True)
    return first, second


@pytest.mark.parametrize("rank", [2, 3])
@pytest.mark.parametrize("build", [two_dense_layers, shared_dense])
def test_dense_matches_tf1(build, rank):
    inputs = harness.random_inputs(shape=(4, 3, 6)[: rank - 1] + (6,))
    expected_names, expected = build_graph(build, True, inputs)
    names, actual = build_graph(build, False, inputs)
    assert names == expected_names
    for got, want in zip(tf.nest.flatten(actual), tf.nest.flatten(expected)):
        np.testing.assert_allclose(got, want, atol=harness.TOLERANCE, rtol=0)


def test_dense_class_eager_and_functional_error():
    layer = tf1compat.layers.Dense(3, activation="relu")
    x = np.random.default_rng(0).normal(size=(2, 4)).astype(np.float32)
    y = layer(x)
    np.testing.assert_allclose(y, np.maximum(x @ layer.kernel.numpy() + layer.bias.numpy(), 0),
                               atol=1e-6)
    assert list(layer.tf1_variable_names) == ["dense/kernel", "dense/bias"]
    with pytest.raises(RuntimeError, match=r"create the layer once.*Dense\(3, \.\.\.\)"):
        tf1compat.layers.dense(x, 3)


def test_dropout():
    x = tf.ones([200, 50])
    np.testing.assert_array_equal(tf1compat.layers.dropout(x, rate=0.5), x)  # TF1: training=False
    dropped = tf1compat.layers.dropout(x, rate=0.25, training=True).numpy()
    assert set(np.unique(dropped)) <= {0.0, np.float32(1 / 0.75)}
    assert 0.2 < (dropped == 0).mean() < 0.3
    with tf.Graph().as_default():
        training = tf.compat.v1.placeholder(tf.bool, [])
        out = tf1compat.layers.dropout(tf.ones([4, 4]), rate=0.5, training=training)
        with tf.compat.v1.Session() as session:
            np.testing.assert_array_equal(session.run(out, {training: False}), np.ones([4, 4]))


def test_fully_connected_names_defaults_and_math():
    inputs = harness.random_inputs(shape=(4, 6))
    with tf.Graph().as_default():
        x = tf.constant(inputs)
        y = tf1compat.contrib.layers.fully_connected(x, 3)  # ReLU by default, as contrib
        z = tf1compat.contrib.layers.fully_connected(x, 2, activation_fn=None, scope="logits")
        n = tf1compat.contrib.layers.fully_connected(
            x, 2, normalizer_fn=lambda t, scale: t * scale, normalizer_params={"scale": 2.0})
        names = [v.op.name for v in tf.compat.v1.global_variables()]
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            (y, z, n), (w, b, w2, b2, w3) = session.run(((y, z, n), tf.compat.v1.global_variables()))
    assert names == ["fully_connected/weights", "fully_connected/biases",
                     "logits/weights", "logits/biases", "fully_connected_1/weights"]
    np.testing.assert_allclose(y, np.maximum(inputs @ w + b, 0), atol=1e-6)
    np.testing.assert_allclose(z, inputs @ w2 + b2, atol=1e-6)
    np.testing.assert_allclose(n, np.maximum(2.0 * (inputs @ w3), 0), atol=1e-6)
