"""Tests of the `contrib-layers` rule."""

ONLY = ("contrib-layers",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        logits = tf.contrib.layers.fully_connected(outputs, 10, activation_fn=None)
        init = tf.contrib.layers.xavier_initializer()
        pooled = tf.contrib.layers.spatial_softmax(features)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        logits = tf1compat.contrib.layers.fully_connected(outputs, 10, activation_fn=None)
        init = tf1compat.contrib.layers.xavier_initializer()
        pooled = tf.contrib.layers.spatial_softmax(features)
        """,
        ONLY,
    )
    assert [(f.line, f.unsupported) for f in result.findings] == [(4, True)]
    assert result.findings[0].message == (
        "`tf.contrib.layers.spatial_softmax` has no tf1compat equivalent "
        "(not in tf1compat.contrib.layers); migrate it by hand"
    )


def test_conv_batch_norm_and_training(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        net = tf.contrib.layers.conv2d(images, 64, [3, 3], normalizer_fn=tf.contrib.layers.batch_norm,
                                       normalizer_params={"is_training": is_training},
                                       weights_regularizer=tf.contrib.layers.l2_regularizer(1e-4))
        net = tf.contrib.layers.layer_norm(tf.contrib.layers.flatten(net))
        train_op = tf.contrib.layers.optimize_loss(loss, step, 0.01, "Adam", clip_gradients=5.0)
        """,
        """\
        import tf1compat
        net = tf1compat.contrib.layers.conv2d(images, 64, [3, 3], normalizer_fn=tf1compat.contrib.layers.batch_norm,
                                       normalizer_params={"is_training": is_training},
                                       weights_regularizer=tf1compat.contrib.layers.l2_regularizer(1e-4))
        net = tf1compat.contrib.layers.layer_norm(tf1compat.contrib.layers.flatten(net))
        train_op = tf1compat.contrib.layers.optimize_loss(loss, step, 0.01, "Adam", clip_gradients=5.0)
        """,
        ONLY,
    )


def test_python_layers_modules_are_swapped(assert_rewrites):
    """contrib's implementation modules all become the one `tf1compat.contrib.layers`."""
    assert_rewrites(
        """\
        from tensorflow.contrib.layers.python.layers import initializers, layers as layers_lib
        y = layers_lib.batch_norm(x, scale=True, weights=initializers.xavier_initializer())
        """,
        """\
        from tf1compat.contrib import layers as initializers, layers as layers_lib
        y = layers_lib.batch_norm(x, scale=True, weights=initializers.xavier_initializer())
        """,
        ONLY,
    )


def test_from_import_name(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.layers import fully_connected, spatial_softmax
        y = fully_connected(spatial_softmax(x), 3)
        """,
        """\
        from tensorflow.contrib.layers import spatial_softmax
        from tf1compat.contrib.layers import fully_connected
        y = fully_connected(spatial_softmax(x), 3)
        """,
        ONLY,
    )


def test_module_alias_import_is_swapped(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import layers
        y = layers.fully_connected(x, 3)
        """,
        """\
        from tf1compat.contrib import layers
        y = layers.fully_connected(x, 3)
        """,
        ONLY,
    )


def test_module_alias_used_for_other_names_keeps_its_import(assert_rewrites):
    result = assert_rewrites(
        """\
        from tensorflow.contrib import layers
        y = layers.fully_connected(layers.maxout(x, 4), 3)
        """,
        """\
        from tensorflow.contrib import layers
        import tf1compat
        y = tf1compat.contrib.layers.fully_connected(layers.maxout(x, 4), 3)
        """,
        ONLY,
    )
    assert [(f.line, f.unsupported) for f in result.findings] == [(2, True)]


def test_no_op(assert_unchanged):
    result = assert_unchanged(
        """\
        import tensorflow as tf
        table = tf.contrib.layers.sparse_column_with_keys("color", ["red", "blue"])
        """,
        ONLY,
    )
    assert [(f.rule, f.line, f.unsupported) for f in result.findings] == [("contrib-layers", 2, True)]


def test_idempotent(assert_rewrites, assert_unchanged):
    result = assert_rewrites(
        "from tensorflow.contrib.layers import fully_connected\n",
        "from tf1compat.contrib.layers import fully_connected\n",
        ONLY,
    )
    assert_unchanged(result.code, ONLY)
