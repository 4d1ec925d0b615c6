"""tf1compat.layers and contrib.layers refuse bad or unsupported arguments with errors that
name the argument and the value received."""

import numpy as np
import pytest
import tensorflow as tf

import tf1compat

L, C = tf1compat.layers, tf1compat.contrib.layers
X = np.ones([2, 4, 4, 3], np.float32)


@pytest.mark.parametrize("make, error, message", [
    (lambda: L.Conv2D(2, (3, 3, 3)), ValueError, r"kernel_size=\(3, 3, 3\)"),
    (lambda: L.Conv1D(2, 3, strides="2"), ValueError, r"strides='2'"),
    (lambda: L.Conv2D(2, 3, padding="full"), ValueError, r"padding='full'"),
    (lambda: L.Conv2D(2, 3, padding="causal"), ValueError, r"padding='causal'"),
    (lambda: L.Conv2D(2, 3, data_format="NCHW"), ValueError, r"data_format='NCHW'"),
    (lambda: L.MaxPooling2D(2, (1, 2, 3)), ValueError, r"strides=\(1, 2, 3\)"),
    (lambda: L.Dense(2, activation=3), TypeError, r"activation=3"),
    (lambda: L.BatchNormalization(renorm=True), NotImplementedError, r"renorm=True"),
    (lambda: L.BatchNormalization(virtual_batch_size=2), NotImplementedError,
     r"virtual_batch_size=2"),
    (lambda: L.BatchNormalization(adjustment=abs), NotImplementedError, r"adjustment="),
    (lambda: L.BatchNormalization(axis="channels"), TypeError, r"axis='channels'"),
])
def test_constructor_errors(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize("call, error, message", [
    (lambda: L.Conv2D(2, 3)(X[0]), ValueError, r"rank 4. Received: inputs.shape=\(4, 4, 3\)"),
    (lambda: L.MaxPooling1D(2, 2)(X), ValueError, r"rank 3. Received: inputs.shape"),
    (lambda: L.BatchNormalization(axis=4)(X), ValueError, r"axis=4"),
    (lambda: L.BatchNormalization()(X, training="yes"), TypeError, r"training='yes'"),
    (lambda: L.Dropout()(X, training=tf.constant(1.0)), TypeError, r"training=<tf.Tensor"),
    (lambda: L.conv2d(X, 4, 3), RuntimeError, r"layer = tf1compat.layers.Conv2D\(4, \.\.\.\)"),
    (lambda: L.batch_normalization(X), RuntimeError, r"BatchNormalization"),
    (lambda: C.conv2d(X, 4, 3), RuntimeError, r"Conv2D\(4, \.\.\.\)"),
    (lambda: C.batch_norm(X), RuntimeError, r"BatchNormalization\(momentum=0.999"),
    (lambda: C.layer_norm(X), RuntimeError, r"Received: inputs=\(2, 4, 4, 3\)"),
    (lambda: C.embed_sequence([[1]], 3, 2), RuntimeError, r"keras.layers.Embedding\(3, 2\)"),
    (lambda: C.embed_sequence([[1]], 3), ValueError, r"vocab_size=3, embed_dim=None"),
    (lambda: C.batch_norm(X, zero_debias_moving_mean=True), NotImplementedError,
     r"zero_debias_moving_mean=True"),
    (lambda: C.batch_norm(X, batch_weights=X[:, 0, 0, 0]), NotImplementedError,
     r"batch_weights="),
    (lambda: C.batch_norm(X, data_format="NCW"), ValueError, r"data_format='NCW'"),
    (lambda: C.conv2d(X, 2, 3, data_format="channels_first"), ValueError,
     r"data_format='channels_first'"),
    (lambda: C.dropout(X, outputs_collections=["outputs"]), NotImplementedError,
     r"outputs_collections=\['outputs'\]"),
    (lambda: C.l2_regularizer(1), ValueError, r"scale=1"),
    (lambda: C.l1_regularizer(-0.5), ValueError, r"scale=-0.5"),
    (lambda: C.variance_scaling_initializer(mode="fan_in"), TypeError, r"mode='fan_in'"),
    (lambda: C.xavier_initializer(dtype=tf.int32), TypeError, r"dtype=int32"),
])
def test_call_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_graph_only_contrib_errors():
    with tf.Graph().as_default():
        x = tf.constant(X)
        with pytest.raises(ValueError, match=r"rank 4. Received: inputs.shape=\(4, 4, 3\)"):
            C.conv2d(x[0], 2, 3)
        with pytest.raises(ValueError, match=r"begin_norm_axis=4"):
            C.layer_norm(x, begin_norm_axis=4)
        loss = tf.reduce_sum(tf.compat.v1.get_variable("w", initializer=1.0))
        step = tf.compat.v1.train.get_or_create_global_step()
        for kwargs, message in [
                (dict(optimizer="Adamax"), r"optimizer='Adamax'"),
                (dict(optimizer="SGD", learning_rate=1), r"learning_rate=1"),
                (dict(optimizer="SGD", learning_rate=-0.5), r"learning_rate=-0.5"),
                (dict(optimizer="SGD", learning_rate=None), r"learning_rate=None"),
                (dict(optimizer=lambda rate: rate), r"returned <tf.Variable"),
                (dict(optimizer="SGD", summaries=["weights"]), r"summaries=\['weights'\]"),
                (dict(optimizer="SGD", clip_gradients=5), r"clip_gradients=5")]:
            arguments = dict(dict(learning_rate=0.1), **kwargs)
            with pytest.raises(ValueError, match=message):
                C.optimize_loss(loss, step, **arguments)
        with pytest.raises(ValueError, match=r"loss.shape=\(2,\)"):
            C.optimize_loss(tf.ones([2]), step, 0.1, "SGD")
