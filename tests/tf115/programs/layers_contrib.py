"""tf.contrib.layers convolutions, fully_connected, dropout, flatten, embed_sequence,
initializers and regularizers: a TF 1.x program, as users wrote them.

contrib's defaults (ReLU, SAME padding, `Conv/weights`), strides, dilation rates, a
normalizer instead of biases, `NCHW` (run as in `layers_convolution.py`), regularizers,
reuse by scope, seeded dropout. The initializers' values the checkpoint replaces are
compared by drawing from them directly, seeded (spelled `layers.X`, which `tf_upgrade_v2`
leaves alone: it turns `tf.contrib.layers.xavier_initializer` into Keras' initializer,
whose draws differ).
"""

import numpy as np
import tensorflow as tf

import oracle_io

RNG = np.random.RandomState(2)
IMAGES = RNG.normal(size=(2, 7, 6, 3)).astype(np.float32)
IDS = np.array([[1, 4, 4, 0], [7, 1, 2, 9]], np.int32)

images = tf.placeholder(tf.float32, [None, 7, 6, 3])
ids = tf.placeholder(tf.int32, [None, None])
results = {}


def channels_first(layer, inputs, **kwargs):
    """The layer on `NCHW` inputs (TF 1.15's CPU: `NHWC`, transposed)."""
    if oracle_io.SIDE == "tf1compat":
        return tf.transpose(layer(tf.transpose(inputs, [0, 3, 1, 2]), data_format="NCHW",
                                  **kwargs), [0, 2, 3, 1])
    return layer(inputs, **kwargs)


layers = tf.contrib.layers
results["conv2d"] = layers.conv2d(images, 4, 3)
results["conv2d_valid"] = layers.conv2d(images, 3, [2, 3], stride=2, padding="VALID",
                                        activation_fn=None,
                                        weights_initializer=layers.xavier_initializer(),
                                        weights_regularizer=layers.l2_regularizer(0.1),
                                        biases_regularizer=layers.l1_regularizer(0.3))
results["conv2d_rate"] = layers.conv2d(
    images, 2, 3, rate=2, activation_fn=tf.tanh, biases_initializer=None,
    weights_initializer=layers.variance_scaling_initializer(factor=1.5, mode="FAN_AVG"))
results["conv2d_normalized"] = layers.conv2d(images, 2, 1, normalizer_fn=tf.nn.l2_normalize,
                                             normalizer_params={"axis": -1}, scope="normalized")
results["conv2d_first"] = channels_first(layers.conv2d, images, num_outputs=3, kernel_size=2,
                                         scope="conv_first")
with tf.variable_scope("tower"):
    results["conv2d_scoped"] = layers.conv2d(images, 2, 3, scope="shared",
                                             weights_initializer=layers.xavier_initializer_conv2d())
    results["conv2d_reused"] = layers.conv2d(images * 0.5, 2, 3, scope="shared", reuse=True)
results["conv1d"] = layers.conv1d(images[:, 0], 3, 2, stride=2)
results["conv3d"] = layers.conv3d(images[:, :, :, :, None], 2, [2, 2, 3], padding="VALID")
results["convolution"] = layers.convolution(images, 2, 2, trainable=False)
results["convolution2d"] = layers.convolution2d(images, 2, 1, activation_fn=tf.nn.sigmoid)

flat = layers.flatten(results["conv2d"])
results["flatten"] = flat
results["fully_connected"] = layers.fully_connected(
    flat, 5, weights_regularizer=layers.l2_regularizer(0.01),
    weights_initializer=layers.variance_scaling_initializer(uniform=True))
tf.set_random_seed(1)
results["dropout"] = layers.dropout(images, keep_prob=0.6, seed=2)
results["dropout_off"] = layers.dropout(images, is_training=False)
results["dropout_noise_shape"] = layers.dropout(images, 0.5, noise_shape=[2, 1, 1, 3], seed=4)
results["xavier_values"] = layers.xavier_initializer(seed=3)([4, 5])
results["xavier_normal_values"] = layers.xavier_initializer(False, seed=6)([2, 3, 4])
results["he_values"] = layers.variance_scaling_initializer(seed=4)([3, 3, 2, 4])
results["fan_out_values"] = layers.variance_scaling_initializer(0.5, "FAN_OUT", True, 5)([6, 2])
results["l1_value"] = layers.l1_regularizer(0.3)(images)
results["l2_value"] = layers.l2_regularizer(0.2, scope="penalty")(images)

results["embed"] = layers.embed_sequence(ids, vocab_size=10, embed_dim=3)
results["embed_unique"] = layers.embed_sequence(
    ids, 10, 4, unique=True, regularizer=layers.l2_regularizer(0.2), scope="words")
results["embed_reused"] = layers.embed_sequence(ids[:, ::-1], scope="words", reuse=True)
results["regularization"] = tf.losses.get_regularization_loss()

oracle_io.finish(results, {images: IMAGES, ids: IDS})
