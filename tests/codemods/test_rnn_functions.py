"""Tests of the `rnn-functions` rule."""

ONLY = ("rnn-functions",)


def test_nn_drivers(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        outputs, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(f, b, x, dtype=tf.float32)
        emit_ta, final_state, _ = tf.nn.raw_rnn(cell, loop_fn)
        outs, st = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
        outs, fw_s, bw_s = tf.nn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)
        outs, st = tf.nn.static_state_saving_rnn(cell, xs, saver, "key")
        probs = tf.nn.softmax(outputs)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        outputs, state = tf1compat.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
        (fw, bw), _ = tf1compat.nn.bidirectional_dynamic_rnn(f, b, x, dtype=tf.float32)
        emit_ta, final_state, _ = tf1compat.nn.raw_rnn(cell, loop_fn)
        outs, st = tf1compat.nn.static_rnn(cell, xs, dtype=tf.float32)
        outs, fw_s, bw_s = tf1compat.nn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)
        outs, st = tf1compat.nn.static_state_saving_rnn(cell, xs, saver, "key")
        probs = tf.nn.softmax(outputs)
        """,
        ONLY,
    )


def test_compat_v1_spelling_and_unused_tf_removed(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf


        def encode(cell, x):
            return tf.compat.v1.nn.dynamic_rnn(cell, x, dtype="float32")
        """,
        """\
        import tf1compat


        def encode(cell, x):
            return tf1compat.nn.dynamic_rnn(cell, x, dtype="float32")
        """,
        ONLY,
    )


def test_python_ops_rnn_module(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.ops import rnn, array_ops
        out = rnn.dynamic_rnn(cell, array_ops.ones([2, 3, 4]), dtype=dtype)
        """,
        """\
        from tensorflow.python.ops import array_ops
        from tf1compat import nn as rnn
        out = rnn.dynamic_rnn(cell, array_ops.ones([2, 3, 4]), dtype=dtype)
        """,
        ONLY,
    )


def test_python_ops_rnn_and_rnn_cell(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.ops import rnn, rnn_cell
        out = rnn.dynamic_rnn(rnn_cell.GRUCell(3), x, dtype=dtype)
        """,
        """\
        from tf1compat import nn as rnn
        from tf1compat.nn import rnn_cell
        out = rnn.dynamic_rnn(rnn_cell.GRUCell(3), x, dtype=dtype)
        """,
    )


def test_from_import_with_alias(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.ops.rnn import bidirectional_dynamic_rnn as bi_rnn
        outs, states = bi_rnn(fw, bw, x, dtype=dtype)
        """,
        """\
        from tf1compat.nn import bidirectional_dynamic_rnn as bi_rnn
        outs, states = bi_rnn(fw, bw, x, dtype=dtype)
        """,
        ONLY,
    )


def test_from_tensorflow_import_nn_keeps_import(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow import nn
        y = nn.relu(x)
        out = nn.dynamic_rnn(cell, y, dtype=dtype)
        """,
        """\
        from tensorflow import nn
        import tf1compat
        y = nn.relu(x)
        out = tf1compat.nn.dynamic_rnn(cell, y, dtype=dtype)
        """,
        ONLY,
    )


def test_tf_nn_used_as_value_is_not_reported(migrate):
    result = migrate("import tensorflow as tf\nact = getattr(tf.nn, 'relu')\n", ONLY)
    assert not result.findings and not result.changes


def test_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        from mylib import dynamic_rnn
        out = dynamic_rnn(cell, x)
        rnn = tf.keras.layers.RNN(cell)
        """,
        ONLY,
    )


def test_idempotent(assert_rewrites, assert_unchanged):
    result = assert_rewrites(
        "import tensorflow as tf\ny = tf.nn.raw_rnn(c, f)\n",
        "import tf1compat\ny = tf1compat.nn.raw_rnn(c, f)\n",
        ONLY,
    )
    assert_unchanged(result.code, ONLY)
