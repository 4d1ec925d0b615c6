"""Tests of the `legacy-seq2seq` rule."""

ONLY = ("legacy-seq2seq",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import tensorflow as tf
        outputs, state = tf.contrib.legacy_seq2seq.embedding_attention_seq2seq(
            encoder_inputs, decoder_inputs, cell, 100, 100, 64, feed_previous=True)
        loss = tf.contrib.legacy_seq2seq.sequence_loss(outputs, targets, weights)
        train = tf.train.AdamOptimizer().minimize(loss)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        outputs, state = tf1compat.contrib.legacy_seq2seq.embedding_attention_seq2seq(
            encoder_inputs, decoder_inputs, cell, 100, 100, 64, feed_previous=True)
        loss = tf1compat.contrib.legacy_seq2seq.sequence_loss(outputs, targets, weights)
        train = tf.train.AdamOptimizer().minimize(loss)
        """,
        ONLY,
    )
    assert not result.findings


def test_module_imports_are_swapped(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import legacy_seq2seq
        from tensorflow.contrib import legacy_seq2seq as s2s
        import tensorflow.contrib.legacy_seq2seq as seq2seq_lib
        outputs, state = legacy_seq2seq.basic_rnn_seq2seq(encoder_inputs, decoder_inputs, cell)
        outputs, losses = s2s.model_with_buckets(enc, dec, targets, weights, buckets, model)
        loss = seq2seq_lib.sequence_loss_by_example(logits, targets, weights)
        """,
        """\
        from tf1compat.contrib import legacy_seq2seq
        from tf1compat.contrib import legacy_seq2seq as s2s
        import tf1compat.contrib.legacy_seq2seq as seq2seq_lib
        outputs, state = legacy_seq2seq.basic_rnn_seq2seq(encoder_inputs, decoder_inputs, cell)
        outputs, losses = s2s.model_with_buckets(enc, dec, targets, weights, buckets, model)
        loss = seq2seq_lib.sequence_loss_by_example(logits, targets, weights)
        """,
        ONLY,
    )


def test_implementation_module_paths(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq import attention_decoder, rnn_decoder
        from tensorflow.contrib.legacy_seq2seq.python.ops import seq2seq
        outputs, state = attention_decoder(inputs, state, attention_states, cell, num_heads=2)
        outputs, state = seq2seq.tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell)
        """,
        """\
        from tf1compat.contrib.legacy_seq2seq import attention_decoder, rnn_decoder
        from tf1compat.contrib import legacy_seq2seq as seq2seq
        outputs, state = attention_decoder(inputs, state, attention_states, cell, num_heads=2)
        outputs, state = seq2seq.tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell)
        """,
        ONLY,
    )


def test_after_tf_upgrade_v2(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        cell = tf.compat.v1.nn.rnn_cell.GRUCell(64)
        outputs, state = tf.contrib.legacy_seq2seq.one2many_rnn_seq2seq(
            enc, decoders, cell, cells, 100, symbols, 32)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        cell = tf.compat.v1.nn.rnn_cell.GRUCell(64)
        outputs, state = tf1compat.contrib.legacy_seq2seq.one2many_rnn_seq2seq(
            enc, decoders, cell, cells, 100, symbols, 32)
        """,
        ONLY,
    )


def test_unknown_name_is_reported_unsupported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        loop = tf.contrib.legacy_seq2seq._extract_argmax_and_embed(embedding)
        """,
        only=ONLY,
    )
    assert "tf.contrib.legacy_seq2seq._extract_argmax_and_embed" in result.code
    assert [(f.line, f.unsupported) for f in result.findings] == [(2, True)]


def test_no_legacy_seq2seq_is_a_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        legacy_seq2seq = {"buckets": [(5, 10)]}
        decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, state)
        """,
        ONLY,
    )
