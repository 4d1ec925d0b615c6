"""Tests of import placement and removal shared by all symbol-move rules."""


def test_new_import_goes_after_last_tensorflow_import(assert_rewrites):
    assert_rewrites(
        """\
        \"\"\"Seq2seq model.\"\"\"
        from __future__ import print_function

        import os

        import tensorflow as tf
        from tensorflow.python.ops import array_ops

        from models import utils


        cell = tf.nn.rnn_cell.GRUCell(3, name=utils.name(array_ops.ones(2)), x=tf.ones(1))
        """,
        """\
        \"\"\"Seq2seq model.\"\"\"
        from __future__ import print_function

        import os

        import tensorflow as tf
        from tensorflow.python.ops import array_ops
        import tf1compat

        from models import utils


        cell = tf1compat.nn.rnn_cell.GRUCell(3, name=utils.name(array_ops.ones(2)), x=tf.ones(1))
        """,
    )


def test_import_after_try_block(assert_rewrites):
    assert_rewrites(
        """\
        try:
            import tensorflow.compat.v1 as tf
        except ImportError:
            import tensorflow as tf
        import numpy as np
        cell = tf.contrib.rnn.LSTMCell(3, initializer=tf.ones_initializer())
        """,
        """\
        try:
            import tensorflow.compat.v1 as tf
        except ImportError:
            import tensorflow as tf
        import tf1compat
        import numpy as np
        cell = tf1compat.nn.rnn_cell.LSTMCell(3, initializer=tf.ones_initializer())
        """,
    )


def test_comments_of_removed_import_are_kept(assert_rewrites):
    assert_rewrites(
        """\
        import numpy as np

        # TensorFlow and friends
        import tensorflow as tf
        from tensorflow.contrib import rnn  # RNN cells

        cell = tf.nn.rnn_cell.GRUCell(3)
        other = rnn.LSTMCell(2)
        """,
        """\
        import numpy as np

        # TensorFlow and friends
        from tf1compat.contrib import rnn  # RNN cells
        import tf1compat

        cell = tf1compat.nn.rnn_cell.GRUCell(3)
        other = rnn.LSTMCell(2)
        """,
    )


def test_existing_tf1compat_import_is_reused(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        import tf1compat
        a = tf1compat.nn.dynamic_rnn(c, x)
        b = tf.nn.raw_rnn(c, f)
        """,
        """\
        import tf1compat
        a = tf1compat.nn.dynamic_rnn(c, x)
        b = tf1compat.nn.raw_rnn(c, f)
        """,
    )


def test_import_used_in_annotations_is_kept(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        def f(x: tf.Tensor):
            return tf.nn.dynamic_rnn(c, x)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        def f(x: tf.Tensor):
            return tf1compat.nn.dynamic_rnn(c, x)
        """,
    )


def test_parenthesized_reference_keeps_parentheses(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        tf.ones(1)
        cell = (tf.contrib
                .rnn.LSTMCell)(3)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        tf.ones(1)
        cell = (tf1compat.nn.rnn_cell.LSTMCell)(3)
        """,
    )


def test_function_level_import(assert_rewrites):
    assert_rewrites(
        """\
        def build():
            import tensorflow as tf
            return tf.contrib.rnn.GRUCell(3)
        """,
        """\
        import tf1compat
        def build():
            return tf1compat.nn.rnn_cell.GRUCell(3)
        """,
    )


# A module that binds `tf1compat` itself (issue 13, root cause 5).


def test_module_binding_tf1compat_gets_an_alias(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        tf1compat = "mine"
        out = tf.nn.dynamic_rnn(cell, x)
        print(tf1compat)
        """,
        """\
        import tf1compat as _tf1compat
        tf1compat = "mine"
        out = _tf1compat.nn.dynamic_rnn(cell, x)
        print(tf1compat)
        """,
    )


def test_parameter_named_tf1compat_and_a_taken_alias(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        _tf1compat = 0
        def build(tf1compat, x):
            return tf.contrib.rnn.LayerNormBasicLSTMCell(4)(x, tf1compat)
        """,
        """\
        import tf1compat as _tf1compat2
        _tf1compat = 0
        def build(tf1compat, x):
            return _tf1compat2.contrib.rnn.LayerNormBasicLSTMCell(4)(x, tf1compat)
        """,
    )


def test_existing_alias_is_reused(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        import tf1compat as _tf1compat
        from mine import tf1compat
        out = tf.nn.dynamic_rnn(cell, x)
        """,
        """\
        import tf1compat as _tf1compat
        from mine import tf1compat
        out = _tf1compat.nn.dynamic_rnn(cell, x)
        """,
    )


def test_imports_of_tf1compat_itself_are_no_conflict(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        import tf1compat.nn
        out = tf.nn.dynamic_rnn(cell, x)
        """,
        """\
        import tf1compat.nn
        import tf1compat
        out = tf1compat.nn.dynamic_rnn(cell, x)
        """,
    )


def test_import_goes_before_code_that_a_later_tensorflow_import_follows(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        import numpy as np
        cell = tf.contrib.rnn.GRUCell(3)
        import tensorflow.contrib.slim as slim
        """,
        """\
        import tf1compat
        import numpy as np
        cell = tf1compat.nn.rnn_cell.GRUCell(3)
        import tensorflow.contrib.slim as slim
        """,
    )
    assert [(f.rule, f.line, f.unsupported) for f in result.findings] == [("contrib-unsupported", 4, True)]
