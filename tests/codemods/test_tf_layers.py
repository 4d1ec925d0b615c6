"""Tests of the `tf-layers` rule."""

ONLY = ("tf-layers",)


def test_dense_dropout_and_class(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        h = tf.layers.dropout(outputs, rate=0.5, training=training)
        logits = tf.layers.dense(h, num_classes, activation=None)
        projection = tf.layers.Dense(vocab_size, use_bias=False)
        conv = tf.layers.conv2d(x, 3, 3)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        h = tf1compat.layers.dropout(outputs, rate=0.5, training=training)
        logits = tf1compat.layers.dense(h, num_classes, activation=None)
        projection = tf1compat.layers.Dense(vocab_size, use_bias=False)
        conv = tf.layers.conv2d(x, 3, 3)
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


def test_other_layers_are_not_reported(migrate):
    result = migrate("import tensorflow as tf\ny = tf.layers.batch_normalization(x)\n", ONLY)
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
