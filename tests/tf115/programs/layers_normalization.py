"""Batch and layer normalization of tf.layers and tf.contrib.layers: a TF 1.x program.

Fused (4-D) and non-fused computations, `training` as a bool and as a tensor, the class
shared by two calls, reuse by name, multi-axis, `trainable=False`; contrib's `batch_norm`
through each of TF1's paths (the core layer, its own fused kernel for rank 2 and 4 with
custom or forced updates, the moments fallback), as a conv's `normalizer_fn`;
`layer_norm`. After the SGD step the moving statistics are updated twice (the
UPDATE_OPS and the custom collection), then the inference outputs are recorded.
Normalization layers here are never fed by another one's outputs, so every update step
is deterministic. Channels-first is run as in `layers_convolution.py`.
"""

import numpy as np
import tensorflow as tf

import oracle_io

RNG = np.random.RandomState(1)
IMAGES = RNG.normal(1.0, 2.0, size=(3, 5, 4, 3)).astype(np.float32)
SEQUENCES = RNG.normal(-0.5, 1.5, size=(3, 6, 4)).astype(np.float32)
FEATURES = RNG.normal(0.3, 1.0, size=(5, 4)).astype(np.float32)

images = tf.placeholder(tf.float32, [None, 5, 4, 3])
sequences = tf.placeholder(tf.float32, [None, None, 4])
features = tf.placeholder_with_default(FEATURES, [None, 4])
training = tf.placeholder_with_default(False, [])
results, final = {}, {}


def channels_first(layer, inputs, **kwargs):
    """The layer on channels-first inputs (TF 1.15's CPU: channels-last, transposed)."""
    if oracle_io.SIDE == "tf1compat":
        return tf.transpose(layer(tf.transpose(inputs, [0, 3, 1, 2]), **kwargs), [0, 2, 3, 1])
    kwargs = dict(kwargs, axis=-1) if "axis" in kwargs else dict(kwargs, data_format="NHWC")
    return layer(inputs, **kwargs)


bn = tf.layers.batch_normalization
results["fused"] = bn(images, training=True, name="fused")
final["fused"] = bn(images, training=False, name="fused", reuse=True)
results["fused_tensor"] = bn(images, training=training, momentum=0.9, epsilon=1e-6,
                             center=False, name="fused_tensor")
results["fused_first"] = channels_first(bn, images, axis=1, training=True, name="fused_first")
results["moments"] = bn(sequences, training=True, momentum=0.8,
                        beta_regularizer=tf.contrib.layers.l2_regularizer(0.3), name="moments")
final["moments"] = bn(sequences, name="moments", reuse=True)
results["moments_4d"] = bn(images, training=training, fused=False, scale=False,
                           gamma_constraint=lambda g: g, name="moments_4d")
results["multi_axis"] = bn(images, axis=[1, 3], training=True, fused=True,
                           gamma_constraint=lambda g: tf.clip_by_value(g, 0.0, 0.5))
results["features"] = bn(features, training=True, trainable=False, epsilon=0.01,
                         moving_variance_initializer=tf.constant_initializer(2.0))
results["inference"] = bn(images, axis=2, name="inference")

layer = tf.layers.BatchNormalization(momentum=0.7, name="shared")
results["class"] = layer(features, training=True)
results["class_shared"] = layer(features * 3.0 + 1.0)  # inference: no second update
final["class"] = layer(features)

batch_norm = tf.contrib.layers.batch_norm
results["contrib"] = batch_norm(images, scope="contrib")  # the core layer, fused
final["contrib"] = batch_norm(images, is_training=False, scope="contrib", reuse=True)
results["contrib_rank2"] = batch_norm(features, center=False, scale=True, decay=0.9,
                                      activation_fn=tf.nn.relu)  # contrib's fused kernel
results["contrib_forced"] = batch_norm(images, updates_collections=None, is_training=training,
                                       epsilon=1e-4, scope="forced")
results["contrib_custom"] = batch_norm(
    features, updates_collections=["my_updates"], scale=True,
    param_initializers={"gamma": tf.constant_initializer(0.5),
                        "moving_mean": tf.constant_initializer(0.1)},
    param_regularizers={"gamma": tf.contrib.layers.l1_regularizer(0.2)}, scope="custom")
results["contrib_moments"] = batch_norm(sequences, updates_collections=None, decay=0.5,
                                        scope="contrib_moments")  # TF1's legacy path
results["contrib_unfused"] = batch_norm(images, fused=False, updates_collections=["my_updates"],
                                        param_regularizers={"beta": lambda b: tf.reduce_sum(b)},
                                        scope="unfused")
results["contrib_frozen"] = batch_norm(features, trainable=False, scope="frozen")  # updates
results["contrib_frozen_core"] = batch_norm(images, trainable=False, scope="frozen_core")  # none
results["contrib_first"] = channels_first(batch_norm, images, data_format="NCHW", scale=True,
                                          scope="contrib_first")
results["contrib_conv"] = tf.contrib.layers.conv2d(
    images, 4, 3, normalizer_fn=batch_norm,
    normalizer_params={"is_training": True, "scale": True})

results["layer_norm"] = tf.contrib.layers.layer_norm(images)
results["layer_norm_last"] = tf.contrib.layers.layer_norm(sequences, begin_norm_axis=-1,
                                                          center=False, scope="last")
results["layer_norm_params"] = tf.contrib.layers.layer_norm(
    images, begin_norm_axis=2, begin_params_axis=1, activation_fn=tf.tanh)
with tf.variable_scope("reused"):
    results["layer_norm_shared"] = tf.contrib.layers.layer_norm(features, scope="norm") + \
        tf.contrib.layers.layer_norm(features * 2.0, scope="norm", reuse=True)
results["regularization"] = tf.losses.get_regularization_loss()

updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS) + tf.get_collection("my_updates")
oracle_io.finish(results, {images: IMAGES, sequences: SEQUENCES, training: True},
                 train_ops=[updates, updates], final_results=final)
