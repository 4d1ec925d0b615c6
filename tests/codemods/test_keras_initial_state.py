"""Tests of the `keras-initial-state` rule."""

ONLY = ("keras-initial-state",)


def test_float32_dtype_dropped(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        cell = tf.keras.layers.LSTMCell(64)
        state = cell.get_initial_state(batch_size=batch, dtype=tf.float32)
        """,
        """\
        import tensorflow as tf
        cell = tf.keras.layers.LSTMCell(64)
        state = cell.get_initial_state(batch_size=batch)
        """,
        ONLY,
    )
    assert result.changes == {"keras-initial-state": 1}


def test_inputs_dropped_when_batch_size_given(assert_rewrites):
    assert_rewrites(
        """\
        import keras
        cell = keras.layers.GRUCell(8)
        s = cell.get_initial_state(inputs=x, batch_size=n, dtype="float32")
        """,
        """\
        import keras
        cell = keras.layers.GRUCell(8)
        s = cell.get_initial_state(batch_size=n)
        """,
        ONLY,
    )


def test_zero_state_on_keras_cell(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        from tensorflow.keras.layers import SimpleRNNCell
        cell = SimpleRNNCell(4)
        s = cell.zero_state(batch, tf.float32)
        """,
        """\
        import tensorflow as tf
        from tensorflow.keras.layers import SimpleRNNCell
        cell = SimpleRNNCell(4)
        s = cell.get_initial_state(batch_size=batch)
        """,
        ONLY,
    )


def test_self_attribute_in_class(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        class Encoder:
            def __init__(self):
                self.cell = tf.keras.layers.LSTMCell(16)
            def initial(self, b):
                return self.cell.get_initial_state(batch_size=b, dtype=tf.float32)
        """,
        """\
        import tensorflow as tf
        class Encoder:
            def __init__(self):
                self.cell = tf.keras.layers.LSTMCell(16)
            def initial(self, b):
                return self.cell.get_initial_state(batch_size=b)
        """,
        ONLY,
    )


def test_other_dtype_is_reported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        cell = tf.keras.layers.LSTMCell(64)
        state = cell.get_initial_state(batch_size=batch, dtype=tf.float16)
        """,
        ONLY,
    )
    assert not result.changes
    assert [f.line for f in result.findings] == [3]


def test_inputs_only_and_positional_are_reported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        cell = tf.keras.layers.LSTMCell(64)
        a = cell.get_initial_state(inputs=x)
        b = cell.get_initial_state(None, batch, tf.float32)
        """,
        ONLY,
    )
    assert not result.changes
    assert [f.line for f in result.findings] == [3, 4]


def test_tf1_cells_and_unknown_receivers_left_alone(assert_unchanged):
    result = assert_unchanged(
        """\
        import tensorflow as tf
        import tf1compat
        cell = tf1compat.nn.rnn_cell.LSTMCell(64)
        a = cell.get_initial_state(batch_size=b, dtype=tf.float32)
        b = cell.zero_state(b, tf.float16)
        def f(cell):
            return cell.zero_state(b, tf.float32)
        if flag:
            mixed = tf.keras.layers.LSTMCell(3)
        else:
            mixed = tf1compat.nn.rnn_cell.GRUCell(3)
        c = mixed.zero_state(b, tf.float32)
        """,
        ONLY,
    )
    assert not result.findings


def test_keras_3_form_is_a_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import keras
        cell = keras.layers.LSTMCell(3)
        a = cell.get_initial_state(4)
        b = cell.get_initial_state(batch_size=4)
        """,
        ONLY,
    )


def test_idempotent(assert_rewrites, assert_unchanged):
    result = assert_rewrites(
        "import keras\nc = keras.layers.GRUCell(2)\ns = c.zero_state(3, 'float32')\n",
        "import keras\nc = keras.layers.GRUCell(2)\ns = c.get_initial_state(batch_size=3)\n",
        ONLY,
    )
    assert_unchanged(result.code, ONLY)
