"""tf.layers convolutions, pooling and the core layers: a TF 1.x program, as users wrote them.

Every function and class of tf.layers but batch normalization, with strides, dilations,
both paddings, regularizers, constraints, an activity regularizer, `trainable=False`,
uniquified and reused names, and `channels_first`. TF 1.15's CPU kernels reject
channels-first convolutions and pooling, so there `channels_first` below runs the same
layer (same name, same variables) channels-last on transposed inputs and transposes back:
what TF1 computes with its GPU kernels. On tf1compat it runs channels-first.
"""

import numpy as np
import tensorflow as tf

import oracle_io

RNG = np.random.RandomState(0)
IMAGES = RNG.normal(size=(2, 9, 8, 3)).astype(np.float32)
SEQUENCES = RNG.normal(size=(2, 12, 3)).astype(np.float32)
VOLUMES = RNG.normal(size=(2, 5, 6, 4, 2)).astype(np.float32)

images = tf.placeholder(tf.float32, [None, 9, 8, 3])
sequences = tf.placeholder(tf.float32, [None, None, 3])
volumes = tf.placeholder_with_default(VOLUMES, [None, 5, 6, 4, 2])
training = tf.placeholder_with_default(True, [])
results = {}


def channels_first(layer, inputs, **kwargs):
    """`layer(inputs in channels-first order, data_format="channels_first")`, as above."""
    rank = len(inputs.shape)
    first = [0, rank - 1] + list(range(1, rank - 1))
    last = [0] + list(range(2, rank)) + [1]
    if oracle_io.SIDE == "tf1compat":
        return tf.transpose(layer(tf.transpose(inputs, first), data_format="channels_first",
                                  **kwargs), last)
    return layer(inputs, **kwargs)


clip = lambda w: tf.clip_by_value(w, -0.3, 0.3)

results["conv1d"] = tf.layers.conv1d(sequences, 4, 3, strides=2)
results["conv1d_same"] = tf.layers.conv1d(sequences, 4, 3, padding="same", dilation_rate=2,
                                          activation=tf.nn.relu)
results["conv1d_causal"] = tf.layers.conv1d(sequences, 2, 2, padding="causal", use_bias=False)
results["conv1d_first"] = channels_first(tf.layers.conv1d, sequences, filters=3, kernel_size=2,
                                         name="conv1d_first")
results["conv2d"] = tf.layers.conv2d(images, 4, (3, 2), strides=(2, 1), padding="SAME",
                                     kernel_regularizer=tf.contrib.layers.l2_regularizer(0.1),
                                     bias_regularizer=tf.contrib.layers.l1_regularizer(0.2))
results["conv2d_dilated"] = tf.layers.conv2d(
    images, 3, 3, dilation_rate=2, activation=tf.tanh, kernel_constraint=clip,
    bias_constraint=clip, activity_regularizer=lambda y: 0.01 * tf.reduce_sum(tf.square(y)))
results["conv2d_frozen"] = tf.layers.conv2d(images, 2, 1, trainable=False,
                                            kernel_initializer=tf.ones_initializer())
results["conv2d_first"] = channels_first(tf.layers.conv2d, images, filters=3, kernel_size=2,
                                         strides=2, padding="same", name="conv2d_first")
with tf.variable_scope("shared"):
    results["conv2d_named"] = tf.layers.conv2d(images, 3, 2, name="stem")
    results["conv2d_reused"] = tf.layers.conv2d(images * 2.0, 3, 2, name="stem", reuse=True)
results["conv3d"] = tf.layers.conv3d(volumes, 3, 2, strides=(1, 2, 1))
results["conv3d_first"] = channels_first(tf.layers.conv3d, volumes, filters=2, kernel_size=2,
                                         padding="same", name="conv3d_first")

results["separable_conv1d"] = tf.layers.separable_conv1d(sequences, 4, 3, strides=2,
                                                         depth_multiplier=2)
results["separable_conv1d_first"] = channels_first(
    tf.layers.separable_conv1d, sequences, filters=2, kernel_size=3, dilation_rate=2,
    name="separable_conv1d_first")
results["separable_conv2d"] = tf.layers.separable_conv2d(
    images, 5, 3, padding="same", dilation_rate=(2, 1),
    depthwise_regularizer=tf.contrib.layers.l2_regularizer(0.05))
results["separable_conv2d_first"] = channels_first(
    tf.layers.separable_conv2d, images, filters=2, kernel_size=2, strides=2,
    depth_multiplier=3, name="separable_conv2d_first")

results["conv2d_transpose"] = tf.layers.conv2d_transpose(images, 2, 3, strides=2)
results["conv2d_transpose_same"] = tf.layers.conv2d_transpose(images, 3, (2, 3), strides=(2, 1),
                                                              padding="same", use_bias=False)
results["conv2d_transpose_first"] = channels_first(tf.layers.conv2d_transpose, images,
                                                   filters=2, kernel_size=2, strides=2,
                                                   name="conv2d_transpose_first")
results["conv3d_transpose"] = tf.layers.conv3d_transpose(volumes, 2, 2, strides=(2, 1, 1))

for name, pool in [("max", tf.layers.max_pooling1d), ("average", tf.layers.average_pooling1d)]:
    results[name + "_pooling1d"] = pool(sequences, 3, 2, padding="same")
    results[name + "_pooling1d_first"] = channels_first(pool, sequences, pool_size=2, strides=2)
for name, pool in [("max", tf.layers.max_pooling2d), ("average", tf.layers.average_pooling2d)]:
    results[name + "_pooling2d"] = pool(images, (3, 2), (2, 1))
    results[name + "_pooling2d_same"] = pool(images, 3, 2, padding="same")
    results[name + "_pooling2d_first"] = channels_first(pool, images, pool_size=2, strides=2)
for name, pool in [("max", tf.layers.max_pooling3d), ("average", tf.layers.average_pooling3d)]:
    results[name + "_pooling3d"] = pool(volumes, 2, 2, padding="same")

results["flatten"] = tf.layers.flatten(images)
results["flatten_first"] = tf.layers.flatten(images, data_format="channels_first")
results["dense"] = tf.layers.dense(
    results["flatten"], 3, activation=tf.nn.elu, kernel_constraint=clip,
    kernel_regularizer=tf.contrib.layers.l2_regularizer(0.01))
tf.set_random_seed(7)
results["dropout"] = tf.layers.dropout(images, rate=0.4, seed=3, training=True)
results["dropout_noise_shape"] = tf.layers.dropout(images, 0.5, noise_shape=[None, 1, 1, 3],
                                                   seed=5, training=training)
results["dropout_off"] = tf.layers.dropout(images, 0.5, training=False)

conv = tf.layers.Conv2D(3, 2, padding="same", name="conv_class")
results["class_conv"] = conv(images)
results["class_conv_again"] = conv(images * -1.0)
pooled = tf.layers.MaxPooling2D(2, 2)(results["class_conv"])
results["class_pool"] = tf.layers.AveragePooling1D(2, 1)(tf.layers.Flatten()(pooled)[:, :, None])
results["class_separable"] = tf.layers.SeparableConv1D(2, 2, name="sep_class")(sequences)
results["class_conv1d"] = tf.layers.Conv1D(2, 3, data_format="channels_last")(sequences)
results["class_conv3d"] = tf.layers.Conv3D(2, (1, 2, 2))(volumes)
results["class_transpose"] = tf.layers.Conv2DTranspose(2, 2, strides=2)(images)
results["class_transpose3d"] = tf.layers.Conv3DTranspose(2, 2)(volumes)
results["class_separable2d"] = tf.layers.SeparableConv2D(2, 3)(images)
results["class_pools"] = tf.concat([
    tf.layers.MaxPooling1D(2, 2)(sequences), tf.layers.AveragePooling1D(2, 2)(sequences)], 1)
results["class_pools3d"] = tf.layers.MaxPooling3D(2, 1)(volumes) + \
    tf.layers.AveragePooling3D(2, 1)(volumes)
results["class_avg2d"] = tf.layers.AveragePooling2D(2, 2, padding="same")(images)
results["class_dense"] = tf.layers.Dense(2, name="head")(results["flatten"])
results["class_dropout"] = tf.layers.Dropout(0.3, seed=11)(images, training=True)
results["regularization"] = tf.losses.get_regularization_loss()

oracle_io.finish(results, {images: IMAGES, sequences: SEQUENCES})
