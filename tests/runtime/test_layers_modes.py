"""tf1compat.layers classes in eager mode and `tf.function` equal the TF1 graph, are built
once, and honour `training`; the functional forms share variables by name in a graph."""

import numpy as np
import pytest
import tensorflow as tf

import tf1compat

L = tf1compat.layers
RNG = np.random.default_rng(0)
IMAGES = RNG.normal(size=(2, 6, 5, 3)).astype(np.float32)

LAYERS = {
    "conv1d": (lambda: L.Conv1D(4, 3, strides=2, padding="same"), IMAGES[:, 0]),
    "conv1d_causal_first": (lambda: L.Conv1D(2, 2, padding="causal", dilation_rate=2,
                                             data_format="channels_first"), IMAGES[:, 0]),
    "conv2d": (lambda: L.Conv2D(4, (3, 2), dilation_rate=2, activation="relu"), IMAGES),
    "conv2d_first": (lambda: L.Conv2D(3, 2, strides=2, data_format="channels_first"), IMAGES),
    "conv3d": (lambda: L.Conv3D(2, 2, padding="same"), IMAGES[..., None]),
    "separable1d": (lambda: L.SeparableConv1D(3, 2, depth_multiplier=2), IMAGES[:, 0]),
    "separable2d_first": (lambda: L.SeparableConv2D(2, 3, data_format="channels_first"),
                          IMAGES),
    "transpose2d": (lambda: L.Conv2DTranspose(2, 3, strides=2), IMAGES),
    "transpose3d_first": (lambda: L.Conv3DTranspose(2, 2, padding="same",
                                                    data_format="channels_first"),
                          IMAGES[..., None]),
    "max_pool2d_first": (lambda: L.MaxPooling2D(2, 1, data_format="channels_first"), IMAGES),
    "average_pool3d": (lambda: L.AveragePooling3D(2, 2, padding="same"), IMAGES[..., None]),
    "flatten_first": (lambda: L.Flatten(data_format="channels_first"), IMAGES),
    "dense": (lambda: L.Dense(3, use_bias=False), IMAGES),
    "batch_norm_fused": (lambda: L.BatchNormalization(), IMAGES),
    "batch_norm_axis1": (lambda: L.BatchNormalization(axis=1, fused=False), IMAGES),
}


def graph_run(make, inputs, weights, **call):
    """The layer in a TF1 graph, with `weights`: its outputs and variable names."""
    with tf.Graph().as_default():
        layer = make()
        outputs = layer(tf.constant(inputs), **call)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            layer.set_weights(weights)
            return session.run(outputs), [v.op.name for v in tf.compat.v1.global_variables()]


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_eager_and_function_equal_graph(name):
    make, inputs = LAYERS[name]
    layer = make()
    eager = layer(inputs).numpy()
    weights = layer.get_weights()
    compiled = tf.function(lambda x: layer(x))
    np.testing.assert_allclose(compiled(inputs), eager, atol=1e-5)
    np.testing.assert_allclose(compiled(inputs), eager, atol=1e-5)
    assert len(layer.weights) == len(weights)  # built once, not per call
    graph, names = graph_run(make, inputs, weights)
    np.testing.assert_allclose(graph, eager, atol=1e-5)
    # The same variables (eager scopes are uniquified process-wide: `conv2d_3/kernel`).
    assert [n.split("/", 1)[1] for n in names] == [
        n.split("/", 1)[1] for n in layer.tf1_variable_names]


def test_channels_first_equals_channels_last_transposed():
    last = L.Conv2D(4, 3, strides=(2, 1), padding="same")
    expected = last(IMAGES)
    first = L.Conv2D(4, 3, strides=(2, 1), padding="same", data_format="channels_first")
    first.build(IMAGES.transpose(0, 3, 1, 2).shape)
    first.set_weights(last.get_weights())
    got = first(IMAGES.transpose(0, 3, 1, 2))
    np.testing.assert_allclose(np.transpose(got, (0, 2, 3, 1)), expected, atol=1e-5)


@pytest.mark.parametrize("fused", [None, False])
def test_batch_norm_training_flag(fused):
    layer = L.BatchNormalization(momentum=0.5, fused=fused)
    start = [layer(IMAGES).numpy(), layer.moving_mean.numpy().copy()]  # inference: no update
    np.testing.assert_array_equal(start[1], 0.0)
    trained = layer(IMAGES, training=True)
    mean = IMAGES.mean(axis=(0, 1, 2))
    np.testing.assert_allclose(layer.moving_mean, 0.5 * mean, atol=1e-6)
    variance = IMAGES.var(axis=(0, 1, 2))
    n = IMAGES.size / 3
    bessel = n / (n - 1) if fused is None else 1.0  # TF1's fused kernel corrects the variance
    np.testing.assert_allclose(layer.moving_variance, 0.5 + 0.5 * variance * bessel, atol=1e-5)
    np.testing.assert_allclose(trained, (IMAGES - mean) / np.sqrt(variance + 1e-3), atol=1e-4)
    step = tf.function(lambda x, training: layer(x, training=training))
    step(IMAGES, tf.constant(False))
    np.testing.assert_allclose(layer.moving_mean, 0.5 * mean, atol=1e-6)
    step(IMAGES, tf.constant(True))
    np.testing.assert_allclose(layer.moving_mean, 0.75 * mean, atol=1e-6)


def test_batch_norm_updates_in_graph_mode_are_update_ops():
    with tf.Graph().as_default():
        training = tf.compat.v1.placeholder(tf.bool, [])
        outputs = L.batch_normalization(tf.constant(IMAGES[:, 0]), momentum=0.0, training=training)
        frozen = L.batch_normalization(tf.constant(IMAGES[:, 0]), training=True, trainable=False)
        updates = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            session.run([outputs, frozen], {training: True})
            moving = tf.compat.v1.global_variables()[2]
            np.testing.assert_array_equal(session.run(moving), 0.0)  # not run: not updated
            session.run(updates, {training: False})
            np.testing.assert_array_equal(session.run(moving), 0.0)
            session.run(updates, {training: True})
            np.testing.assert_allclose(session.run(moving), IMAGES[:, 0].mean(axis=(0, 1)),
                                       atol=1e-6)
    assert len(updates) == 2  # the frozen layer (trainable=False) adds none, as TF1


def test_functional_forms_reuse_and_uniquify():
    with tf.Graph().as_default():
        x = tf.constant(IMAGES)
        L.conv2d(x, 2, 3)
        L.conv2d(x, 2, 3)
        with tf.compat.v1.variable_scope("block"):
            L.separable_conv2d(x, 2, 3, name="sep")
            L.separable_conv2d(x, 2, 3, name="sep", reuse=True)
            L.batch_normalization(x, name="norm", training=True)
            L.batch_normalization(x, name="norm", reuse=tf.compat.v1.AUTO_REUSE)
        with pytest.raises(ValueError, match="already exists"):  # as TF1: a name is exact
            L.conv2d(x, 2, 3, name="conv2d")
        names = [v.op.name for v in tf.compat.v1.global_variables()]
    assert names == [
        "conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias",
        "block/sep/depthwise_kernel", "block/sep/pointwise_kernel", "block/sep/bias",
        "block/norm/gamma", "block/norm/beta", "block/norm/moving_mean",
        "block/norm/moving_variance"]


def test_regularizers_constraints_and_trainable():
    with tf.Graph().as_default():
        clip = lambda w: tf.clip_by_value(w, -0.01, 0.01)  # noqa: E731
        y = L.conv1d(tf.constant(IMAGES[:, 0]), 2, 2, kernel_constraint=clip,
                     kernel_regularizer=lambda w: tf.reduce_sum(w * 0.0) + 2.0,
                     activity_regularizer=lambda out: tf.reduce_sum(out * 0.0) + 4.0)
        L.dense(y, 2, trainable=False)
        losses = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES)
        step = tf.compat.v1.train.GradientDescentOptimizer(1.0).minimize(tf.reduce_sum(y))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            assert session.run(losses) == [2.0, 2.0]  # activity: divided by the batch (2)
            session.run(step)
            assert np.abs(session.run(tf.compat.v1.global_variables()[0])).max() <= 0.01
        assert [v.op.name for v in tf.compat.v1.trainable_variables()] == ["conv1d/kernel",
                                                                         "conv1d/bias"]
    layer = L.Dense(2, activity_regularizer=lambda out: tf.reduce_sum(out * 0.0) + 3.0)
    layer(IMAGES[:, 0, 0])
    layer(IMAGES[:, 0, 0])
    assert [float(loss) for loss in layer.losses] == [1.5]  # the last call's, over the batch


def test_dropout_and_pooling_work_in_every_mode():
    assert L.max_pooling1d(IMAGES[:, 0], 2, 2).shape == (2, 2, 3)
    kept = L.dropout(np.ones([50, 40], np.float32), 0.5, noise_shape=[None, 1], training=True)
    assert all(len(set(row)) == 1 for row in kept.numpy())  # one draw per row
    layer = L.Dropout(0.5)
    np.testing.assert_array_equal(tf.function(lambda x: layer(x))(IMAGES), IMAGES)
