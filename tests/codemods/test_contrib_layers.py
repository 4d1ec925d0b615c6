"""Tests of the `contrib-layers` rule."""

ONLY = ("contrib-layers",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        logits = tf.contrib.layers.fully_connected(outputs, 10, activation_fn=None)
        init = tf.contrib.layers.xavier_initializer()
        """,
        """\
        import tensorflow as tf
        import tf1compat
        logits = tf1compat.contrib.layers.fully_connected(outputs, 10, activation_fn=None)
        init = tf.contrib.layers.xavier_initializer()
        """,
        ONLY,
    )
    assert [(f.line, f.unsupported) for f in result.findings] == [(3, True)]
    assert result.findings[0].message == (
        "`tf.contrib.layers.xavier_initializer` has no tf1compat equivalent "
        "(not in tf1compat.contrib.layers); migrate it by hand"
    )


def test_from_import_name(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.layers import fully_connected, xavier_initializer
        y = fully_connected(x, 3, weights_initializer=xavier_initializer())
        """,
        """\
        from tensorflow.contrib.layers import xavier_initializer
        from tf1compat.contrib.layers import fully_connected
        y = fully_connected(x, 3, weights_initializer=xavier_initializer())
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
        y = layers.fully_connected(x, 3, weights_regularizer=layers.l2_regularizer(0.1))
        """,
        """\
        from tensorflow.contrib import layers
        import tf1compat
        y = tf1compat.contrib.layers.fully_connected(x, 3, weights_regularizer=layers.l2_regularizer(0.1))
        """,
        ONLY,
    )
    assert [(f.line, f.unsupported) for f in result.findings] == [(2, True)]


def test_no_op(assert_unchanged):
    result = assert_unchanged(
        """\
        import tensorflow as tf
        reg = tf.contrib.layers.l2_regularizer(0.1)
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
