"""Tests of the `tf-layers` rule."""

ONLY = ("tf-layers",)


def test_dense_dropout_and_class(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        h = tf.layers.dropout(outputs, rate=0.5, training=training)
        logits = tf.layers.dense(h, num_classes, activation=None)
        projection = tf.layers.Dense(vocab_size, use_bias=False)
        base = tf.layers.Layer
        """,
        """\
        import tensorflow as tf
        import tf1compat
        h = tf1compat.layers.dropout(outputs, rate=0.5, training=training)
        logits = tf1compat.layers.dense(h, num_classes, activation=None)
        projection = tf1compat.layers.Dense(vocab_size, use_bias=False)
        base = tf.layers.Layer
        """,
        ONLY,
    )


def test_compat_v1_spelling(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        logits = tf.compat.v1.layers.dense(h, 10)
        """,
        """\
        import tf1compat
        logits = tf1compat.layers.dense(h, 10)
        """,
        ONLY,
    )


def test_layers_core_module(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.layers import core as layers_core
        projection_layer = layers_core.Dense(tgt_vocab_size, use_bias=False)
        """,
        """\
        import tf1compat
        projection_layer = tf1compat.layers.Dense(tgt_vocab_size, use_bias=False)
        """,
        ONLY,
    )


def test_convolutions_pooling_and_batch_norm(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow.compat.v1 as tf
        h = tf.layers.conv2d(images, 32, 3, padding="same", data_format="channels_first")
        h = tf.layers.batch_normalization(h, axis=1, training=is_training)
        h = tf.layers.max_pooling2d(h, 2, 2)
        up = tf.layers.Conv2DTranspose(16, 3, strides=2)(tf.layers.flatten(h))
        """,
        """\
        import tf1compat
        h = tf1compat.layers.conv2d(images, 32, 3, padding="same", data_format="channels_first")
        h = tf1compat.layers.batch_normalization(h, axis=1, training=is_training)
        h = tf1compat.layers.max_pooling2d(h, 2, 2)
        up = tf1compat.layers.Conv2DTranspose(16, 3, strides=2)(tf1compat.layers.flatten(h))
        """,
        ONLY,
    )


def test_private_convolutional_module(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.layers import convolutional, normalization
        y = normalization.batch_normalization(convolutional.conv1d(x, 8, 5), training=True)
        """,
        """\
        import tf1compat
        y = tf1compat.layers.batch_normalization(tf1compat.layers.conv1d(x, 8, 5), training=True)
        """,
        ONLY,
    )


def test_other_layers_are_not_reported(migrate):
    result = migrate("import tensorflow as tf\nclass L(tf.layers.Layer):\n    pass\n", ONLY)
    assert not result.findings and not result.changes


def test_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        dense = tf.keras.layers.Dense(3)
        from keras import layers
        d = layers.Dense(4)
        """,
        ONLY,
    )


def test_idempotent(assert_rewrites, assert_unchanged):
    result = assert_rewrites(
        "import tensorflow as tf\nx = tf.layers.dense(x, 2)\ny = tf.ones(1)\n",
        "import tensorflow as tf\nimport tf1compat\nx = tf1compat.layers.dense(x, 2)\ny = tf.ones(1)\n",
        ONLY,
    )
    assert_unchanged(result.code, ONLY)
