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


# Inserted after the import that binds the name used (issue 13, root cause 4).


def test_inserted_after_a_tensorflow_import_that_comes_late(assert_rewrites):
    assert_rewrites(
        """\
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf
        import numpy as np

        sess = tf.Session()
        """,
        """\
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import tensorflow as tf
        import numpy as np
        tf.compat.v1.disable_v2_behavior()

        sess = tf.Session()
        """,
        ONLY,
    )


def test_function_local_import_gets_the_call_in_the_function(assert_rewrites):
    assert_rewrites(
        """\
        def main():
            \"\"\"Runs.\"\"\"
            import tensorflow as tf
            with tf.Session() as sess:
                pass
        """,
        """\
        def main():
            \"\"\"Runs.\"\"\"
            import tensorflow as tf
            tf.compat.v1.disable_v2_behavior()
            with tf.Session() as sess:
                pass
        """,
        ONLY,
    )


def test_module_level_import_wins_over_function_local_ones(assert_rewrites):
    assert_rewrites(
        """\
        def run():
            import tensorflow.compat.v1 as v1
            return v1.Session()
        import tensorflow as tf
        sess = tf.Session()
        """,
        """\
        def run():
            import tensorflow.compat.v1 as v1
            return v1.Session()
        import tensorflow as tf
        tf.compat.v1.disable_v2_behavior()
        sess = tf.Session()
        """,
        ONLY,
    )


def test_alternative_imports_in_try_get_the_call_after_the_try(assert_rewrites):
    assert_rewrites(
        """\
        try:
            import tensorflow.compat.v1 as tf
        except ImportError:
            import tensorflow as tf
        sess = tf.Session()
        """,
        """\
        try:
            import tensorflow.compat.v1 as tf
        except ImportError:
            import tensorflow as tf
        tf.compat.v1.disable_v2_behavior()
        sess = tf.Session()
        """,
        ONLY,
    )


def test_import_used_by_the_call_is_kept_when_its_other_uses_move(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        from tensorflow import Session
        cell = tf.contrib.rnn.GRUCell(3)
        sess = Session()
        """,
        """\
        import tensorflow as tf
        from tensorflow import Session
        import tf1compat
        tf.compat.v1.disable_v2_behavior()
        cell = tf1compat.nn.rnn_cell.GRUCell(3)
        sess = Session()
        """,
    )


def test_one_line_function_is_reported(migrate):
    result = migrate("def main(): import tensorflow as tf; return tf.Session()\n", ONLY)
    assert not result.changes
    assert [(f.rule, f.line) for f in result.findings] == [("graph-mode", 1)]
