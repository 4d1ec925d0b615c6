"""Tests of the `contrib-seq2seq` rule."""

ONLY = ("contrib-seq2seq",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        helper = tf.contrib.seq2seq.TrainingHelper(inputs, lengths)
        decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, state, output_layer=dense)
        outputs, _, _ = tf.contrib.seq2seq.dynamic_decode(decoder, impute_finished=True)
        loss = tf.contrib.seq2seq.sequence_loss(outputs.rnn_output, targets, weights)
        train = tf.train.AdamOptimizer().minimize(loss)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        helper = tf1compat.contrib.seq2seq.TrainingHelper(inputs, lengths)
        decoder = tf1compat.contrib.seq2seq.BasicDecoder(cell, helper, state, output_layer=dense)
        outputs, _, _ = tf1compat.contrib.seq2seq.dynamic_decode(decoder, impute_finished=True)
        loss = tf1compat.contrib.seq2seq.sequence_loss(outputs.rnn_output, targets, weights)
        train = tf.train.AdamOptimizer().minimize(loss)
        """,
        ONLY,
    )
    assert not result.findings


def test_module_imports_are_swapped(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import seq2seq
        import tensorflow.contrib.seq2seq as s2s
        mechanism = seq2seq.BahdanauAttention(64, memory, memory_sequence_length=lengths)
        tiled = s2s.tile_batch(memory, multiplier=4)
        """,
        """\
        from tf1compat.contrib import seq2seq
        import tf1compat.contrib.seq2seq as s2s
        mechanism = seq2seq.BahdanauAttention(64, memory, memory_sequence_length=lengths)
        tiled = s2s.tile_batch(memory, multiplier=4)
        """,
        ONLY,
    )


def test_from_imports_and_internal_module_paths(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.seq2seq import AttentionWrapper, BeamSearchDecoder
        from tensorflow.contrib.seq2seq.python.ops import beam_search_decoder
        decoder = BeamSearchDecoder(AttentionWrapper(cell, mechanism), emb, start, end, s, 4)
        state = beam_search_decoder.BeamSearchDecoderState
        """,
        """\
        from tf1compat.contrib.seq2seq import AttentionWrapper, BeamSearchDecoder
        from tf1compat.contrib import seq2seq as beam_search_decoder
        decoder = BeamSearchDecoder(AttentionWrapper(cell, mechanism), emb, start, end, s, 4)
        state = beam_search_decoder.BeamSearchDecoderState
        """,
        ONLY,
    )


def test_after_tf_upgrade_v2(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        memory = tf.compat.v1.placeholder(tf.float32, [None, None, 8])
        mechanism = tf.contrib.seq2seq.LuongAttention(32, memory, scale=True)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        memory = tf.compat.v1.placeholder(tf.float32, [None, None, 8])
        mechanism = tf1compat.contrib.seq2seq.LuongAttention(32, memory, scale=True)
        """,
        ONLY,
    )


def test_unknown_name_is_reported_unsupported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        x = tf.contrib.seq2seq.BasicDecoderV2(cell, sampler)
        """,
        only=ONLY,
    )
    assert "tf.contrib.seq2seq.BasicDecoderV2" in result.code
    assert [(f.line, f.unsupported) for f in result.findings] == [(2, True)]


def test_no_seq2seq_is_a_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        seq2seq = {"layers": 2}
        tf.contrib.rnn.LSTMCell(3)
        """,
        ONLY,
    )
