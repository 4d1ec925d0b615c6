"""Tests of the `rnn-cell` rule."""

ONLY = ("rnn-cell",)


def test_nn_rnn_cell_attribute(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        cell = tf.nn.rnn_cell.LSTMCell(64, state_is_tuple=True)
        cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep)
        loss = tf.reduce_mean(x)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        cell = tf1compat.nn.rnn_cell.LSTMCell(64, state_is_tuple=True)
        cell = tf1compat.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep)
        loss = tf.reduce_mean(x)
        """,
        ONLY,
    )


def test_tf_upgrade_v2_output(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        cell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(32)
        state = tf.compat.v1.nn.rnn_cell.LSTMStateTuple(c, h)
        x = tf.compat.v1.placeholder(tf.float32)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        cell = tf1compat.nn.rnn_cell.BasicLSTMCell(32)
        state = tf1compat.nn.rnn_cell.LSTMStateTuple(c, h)
        x = tf.compat.v1.placeholder(tf.float32)
        """,
        ONLY,
    )


def test_python_ops_rnn_cell_module(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.ops import rnn_cell
        cell = rnn_cell.GRUCell(16)
        """,
        """\
        from tf1compat.nn import rnn_cell
        cell = rnn_cell.GRUCell(16)
        """,
        ONLY,
    )


def test_rnn_cell_impl_names(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.python.ops.rnn_cell_impl import RNNCell, LSTMStateTuple
        class MyCell(RNNCell):
            pass
        """,
        """\
        from tf1compat.nn.rnn_cell import RNNCell, LSTMStateTuple
        class MyCell(RNNCell):
            pass
        """,
        ONLY,
    )


def test_run_time_choice_from_config_is_reported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        cell_class = getattr(tf.nn.rnn_cell, config["cell"] + "Cell")
        """,
        ONLY,
    )
    assert [f.line for f in result.findings] == [2]


def test_private_helper_is_reported(migrate):
    result = migrate(
        """\
        from tensorflow.python.ops import rnn_cell_impl
        zeros = rnn_cell_impl._zero_state_tensors(size, batch, dtype)
        """,
        ONLY,
    )
    assert not result.changes
    assert [f.line for f in result.findings] == [2]


def test_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        layer = tf.keras.layers.LSTMCell(3)
        out = tf.nn.relu(x)
        """,
        ONLY,
    )


def test_idempotent(assert_rewrites, assert_unchanged):
    result = assert_rewrites(
        "import tensorflow as tf\ncell = tf.nn.rnn_cell.GRUCell(3)\nx = tf.ones(2)\n",
        "import tensorflow as tf\nimport tf1compat\ncell = tf1compat.nn.rnn_cell.GRUCell(3)\nx = tf.ones(2)\n",
        ONLY,
    )
    assert_unchanged(result.code, ONLY)
