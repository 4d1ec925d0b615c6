"""Tests of the `contrib-cudnn-rnn` rule."""

ONLY = ("contrib-cudnn-rnn",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        lstm = tf.contrib.cudnn_rnn.CudnnLSTM(2, 128, direction="bidirectional")
        outputs, (h, c) = lstm(inputs, training=True)
        cell = tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(128)
        """,
        """\
        import tf1compat
        lstm = tf1compat.contrib.cudnn_rnn.CudnnLSTM(2, 128, direction="bidirectional")
        outputs, (h, c) = lstm(inputs, training=True)
        cell = tf1compat.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(128)
        """,
        ONLY,
    )
    assert not result.findings


def test_module_imports_are_swapped(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import cudnn_rnn
        import tensorflow.contrib.cudnn_rnn as cudnn
        from tensorflow.contrib.cudnn_rnn.python.layers import cudnn_rnn as cudnn_layers
        gru = cudnn_rnn.CudnnGRU(1, 64)
        tanh = cudnn.CudnnRNNTanh(2, 32)
        relu = cudnn_layers.CudnnRNNRelu(2, 32, input_mode="linear_input")
        """,
        """\
        from tf1compat.contrib import cudnn_rnn
        import tf1compat.contrib.cudnn_rnn as cudnn
        from tf1compat.contrib import cudnn_rnn as cudnn_layers
        gru = cudnn_rnn.CudnnGRU(1, 64)
        tanh = cudnn.CudnnRNNTanh(2, 32)
        relu = cudnn_layers.CudnnRNNRelu(2, 32, input_mode="linear_input")
        """,
        ONLY,
    )


def test_names_shared_with_the_ops_module_move(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.cudnn_rnn.python.ops import cudnn_rnn_ops
        from tensorflow.contrib.cudnn_rnn.python.ops.cudnn_rnn_ops import CudnnLSTMSaveable
        cell = cudnn_rnn_ops.CudnnCompatibleGRUCell(64)
        converter = cudnn_rnn_ops.CudnnParamsFormatConverterLSTM(2, 64, 32)
        """,
        """\
        from tf1compat.contrib import cudnn_rnn as cudnn_rnn_ops
        from tf1compat.contrib.cudnn_rnn import CudnnLSTMSaveable
        cell = cudnn_rnn_ops.CudnnCompatibleGRUCell(64)
        converter = cudnn_rnn_ops.CudnnParamsFormatConverterLSTM(2, 64, 32)
        """,
        ONLY,
    )


def test_low_level_ops_classes_are_reported(migrate):
    """`cudnn_rnn_ops.CudnnLSTM` is TF1's low-level model, not the layer: left, reported."""
    result = migrate(
        """\
        from tensorflow.contrib.cudnn_rnn.python.ops import cudnn_rnn_ops
        from tensorflow.contrib.cudnn_rnn.python.ops.cudnn_rnn_ops import CudnnGRU
        cell = cudnn_rnn_ops.CudnnCompatibleLSTMCell(64)
        model = cudnn_rnn_ops.CudnnLSTM(2, 64, 32)
        """,
        only=ONLY,
    )
    assert result.code == (
        "from tensorflow.contrib.cudnn_rnn.python.ops import cudnn_rnn_ops\n"
        "from tensorflow.contrib.cudnn_rnn.python.ops.cudnn_rnn_ops import CudnnGRU\n"
        "import tf1compat\n"
        "cell = tf1compat.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(64)\n"
        "model = cudnn_rnn_ops.CudnnLSTM(2, 64, 32)\n")
    assert [(f.line, f.unsupported) for f in result.findings] == [(2, True), (4, True)]


def test_after_tf_upgrade_v2(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        cells = [tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(256) for _ in range(2)]
        cell = tf.compat.v1.nn.rnn_cell.MultiRNNCell(cells)
        outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        cells = [tf1compat.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(256) for _ in range(2)]
        cell = tf.compat.v1.nn.rnn_cell.MultiRNNCell(cells)
        outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
        """,
        ONLY,
    )


def test_no_cudnn_rnn_is_a_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        cudnn_rnn = {"num_layers": 2}
        lstm = tf.keras.layers.LSTM(64)
        """,
        ONLY,
    )
