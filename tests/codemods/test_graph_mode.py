"""Tests of the `graph-mode` rule."""

ONLY = ("graph-mode",)


def test_session_program_gets_disable_v2_behavior(assert_rewrites):
    result = assert_rewrites(
        """\
        \"\"\"Trains the model.\"\"\"
        import numpy as np
        import tensorflow as tf

        import model  # project module

        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as sess:
            sess.run(model.build(x))
        """,
        """\
        \"\"\"Trains the model.\"\"\"
        import numpy as np
        import tensorflow as tf

        import model  # project module
        tf.compat.v1.disable_v2_behavior()

        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as sess:
            sess.run(model.build(x))
        """,
        ONLY,
    )
    assert result.changes == {"graph-mode": 1}


def test_after_tf_upgrade_v2_and_other_aliases(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf1
        sess = tf1.compat.v1.InteractiveSession()
        """,
        """\
        import tensorflow as tf1
        tf1.compat.v1.disable_v2_behavior()
        sess = tf1.compat.v1.InteractiveSession()
        """,
        ONLY,
    )
    assert_rewrites(
        """\
        import tensorflow.compat.v1 as tf
        with tf.train.MonitoredTrainingSession() as sess:
            pass
        """,
        """\
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        with tf.train.MonitoredTrainingSession() as sess:
            pass
        """,
        ONLY,
    )
    assert_rewrites(
        """\
        import tensorflow
        session = tensorflow.Session()
        """,
        """\
        import tensorflow
        tensorflow.compat.v1.disable_v2_behavior()
        session = tensorflow.Session()
        """,
        ONLY,
    )


def test_files_already_in_graph_mode_or_eager_are_left_alone(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        sess = tf.Session()
        """,
        ONLY,
    )
    assert_unchanged(
        """\
        import tensorflow as tf
        def main():
            tf.compat.v1.disable_eager_execution()
            return tf.compat.v1.Session()
        """,
        ONLY,
    )
    assert_unchanged(
        """\
        import tensorflow as tf
        tf.enable_eager_execution()
        sess = tf.Session()
        """,
        ONLY,
    )


def test_no_session_no_change(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        Session = "not TensorFlow's"
        x = tf.placeholder(tf.float32)
        s = Session
        """,
        ONLY,
    )


def test_local_session_class_is_not_tensorflows(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        class Session:
            pass
        s = Session()
        """,
        ONLY,
    )


def test_no_tensorflow_module_import_is_reported(migrate):
    source = """\
        from tensorflow import Session
        sess = Session()
        """
    result = migrate(source, ONLY)
    assert not result.changes
    assert [(f.rule, f.line) for f in result.findings] == [("graph-mode", 2)]
    assert "disable_v2_behavior" in result.findings[0].message
