"""Tests of the `contrib-rnn` rule."""

import pytest

ONLY = ("contrib-rnn",)


def test_attribute_spelling(assert_rewrites):
    result = assert_rewrites(
        """\
        import numpy as np
        import tensorflow as tf

        cell = tf.contrib.rnn.BasicLSTMCell(128)  # the cell
        state = tf.contrib.rnn.LSTMStateTuple(c, h)
        x = tf.placeholder(tf.float32, [None, 10])
        """,
        """\
        import numpy as np
        import tensorflow as tf
        import tf1compat

        cell = tf1compat.nn.rnn_cell.BasicLSTMCell(128)  # the cell
        state = tf1compat.nn.rnn_cell.LSTMStateTuple(c, h)
        x = tf.placeholder(tf.float32, [None, 10])
        """,
        ONLY,
    )
    assert result.changes == {"contrib-rnn": 2}


def test_tf_import_left_unused_is_removed(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf1

        cell = tf1.contrib.rnn.GRUCell(8)
        """,
        """\
        import tf1compat

        cell = tf1compat.nn.rnn_cell.GRUCell(8)
        """,
        ONLY,
    )


def test_compat_v1_alias(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        cells = [tf.contrib.rnn.LSTMCell(n) for n in (64, 32)]
        stack = tf.contrib.rnn.MultiRNNCell(cells)
        """,
        """\
        import tensorflow.compat.v1 as tf
        import tf1compat
        tf.disable_v2_behavior()
        cells = [tf1compat.nn.rnn_cell.LSTMCell(n) for n in (64, 32)]
        stack = tf1compat.nn.rnn_cell.MultiRNNCell(cells)
        """,
        ONLY,
    )


def test_from_contrib_import_rnn(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import rnn

        cell = rnn.BasicLSTMCell(10)
        out = rnn.static_rnn(cell, xs, dtype=dtype)
        """,
        """\
        from tf1compat.contrib import rnn

        cell = rnn.BasicLSTMCell(10)
        out = rnn.static_rnn(cell, xs, dtype=dtype)
        """,
        ONLY,
    )


def test_from_contrib_import_rnn_as_alias(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib import rnn as rnn_lib
        fw = rnn_lib.LSTMCell(10)
        """,
        """\
        from tf1compat.contrib import rnn as rnn_lib
        fw = rnn_lib.LSTMCell(10)
        """,
        ONLY,
    )


def test_import_contrib_rnn_as(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow.contrib.rnn as rnn
        cell = rnn.GRUCell(4)
        """,
        """\
        import tf1compat.contrib.rnn as rnn
        cell = rnn.GRUCell(4)
        """,
        ONLY,
    )


def test_from_contrib_rnn_import_names(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.rnn import BasicLSTMCell, LSTMStateTuple
        cell = BasicLSTMCell(3)
        """,
        """\
        from tf1compat.contrib.rnn import BasicLSTMCell, LSTMStateTuple
        cell = BasicLSTMCell(3)
        """,
        ONLY,
    )


def test_parenthesized_import_keeps_layout(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.rnn import (
            GRUCell,  # small
            LSTMCell,
        )
        """,
        """\
        from tf1compat.contrib.rnn import (
            GRUCell,  # small
            LSTMCell,
        )
        """,
        ONLY,
    )


def test_python_ops_submodules(assert_rewrites):
    assert_rewrites(
        """\
        from tensorflow.contrib.rnn.python.ops import rnn_cell
        from tensorflow.contrib.rnn.python.ops.rnn_cell import LayerNormBasicLSTMCell
        from tensorflow.contrib.rnn.python.ops import rnn as contrib_rnn
        cell = rnn_cell.LayerNormBasicLSTMCell(8)
        out = contrib_rnn.stack_bidirectional_dynamic_rnn([cell], [cell], x)
        """,
        """\
        from tf1compat.contrib import rnn as rnn_cell
        from tf1compat.contrib.rnn import LayerNormBasicLSTMCell
        from tf1compat.contrib import rnn as contrib_rnn
        cell = rnn_cell.LayerNormBasicLSTMCell(8)
        out = contrib_rnn.stack_bidirectional_dynamic_rnn([cell], [cell], x)
        """,
        ONLY,
    )


def test_static_bidirectional_rnn_on_unstacked_inputs(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        xs = tf.unstack(x, timesteps, 1)
        outputs, fw, bw = tf.contrib.rnn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)
        """,
        """\
        import tensorflow as tf
        import tf1compat
        xs = tf.unstack(x, timesteps, 1)
        outputs, fw, bw = tf1compat.nn.static_bidirectional_rnn(f, b, xs, dtype=tf.float32)
        """,
        ONLY,
    )


def test_every_contrib_only_cell_moves(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        from tensorflow.contrib.rnn import GridLSTMCell, LSTMBlockFusedCell
        cell = tf.contrib.rnn.AttentionCellWrapper(tf.contrib.rnn.NASCell(10), 5)
        fused = tf.contrib.rnn.TimeReversedFusedRNN(LSTMBlockFusedCell(8))
        steps = tf.contrib.rnn.transpose_batch_time(x)
        """,
        """\
        from tf1compat.contrib.rnn import GridLSTMCell, LSTMBlockFusedCell
        import tf1compat
        cell = tf1compat.contrib.rnn.AttentionCellWrapper(tf1compat.contrib.rnn.NASCell(10), 5)
        fused = tf1compat.contrib.rnn.TimeReversedFusedRNN(LSTMBlockFusedCell(8))
        steps = tf1compat.contrib.rnn.transpose_batch_time(x)
        """,
        ONLY,
    )


def test_unsupported_name_is_reported_not_rewritten(migrate):
    source = """\
        import tensorflow as tf
        cell = tf.contrib.rnn.NTMCell(base, 5)
        norm = tf.contrib.rnn.WeightNormLSTMCell(10)
        """
    result = migrate(source, ONLY)
    assert not result.changes
    assert [(f.line, f.rule) for f in result.findings] == [(2, "contrib-rnn"), (3, "contrib-rnn")]
    assert "NTMCell" in result.findings[0].message


def test_mixed_from_import_is_split(assert_rewrites):
    result = assert_rewrites(
        """\
        from tensorflow.contrib.rnn import NTMCell, GRUCell
        """,
        """\
        from tensorflow.contrib.rnn import NTMCell
        from tf1compat.contrib.rnn import GRUCell
        """,
        ONLY,
    )
    assert [f.line for f in result.findings] == [1]


def test_module_alias_with_unsupported_use_keeps_import(assert_rewrites):
    result = assert_rewrites(
        """\
        from tensorflow.contrib import rnn
        a = rnn.WeightNormLSTMCell(3)
        b = rnn.GRUCell(3)
        """,
        """\
        from tensorflow.contrib import rnn
        import tf1compat
        a = rnn.WeightNormLSTMCell(3)
        b = tf1compat.nn.rnn_cell.GRUCell(3)
        """,
        ONLY,
    )
    assert [f.line for f in result.findings] == [2]


@pytest.mark.parametrize(
    "use",
    ["@rnn.WeightNormLSTMCell\ndef f():\n    pass", "s = f'{rnn.WeightNormLSTMCell}'",
     "c = (rnn).WeightNormLSTMCell"],
    ids=["decorator", "f-string", "parenthesized"],
)
def test_unsupported_use_anywhere_keeps_module_alias_import(migrate, use):
    result = migrate(f"from tensorflow.contrib import rnn\n{use}\nb = rnn.GRUCell(3)\n", ONLY)
    assert result.code.startswith("from tensorflow.contrib import rnn\nimport tf1compat\n")
    assert result.code.endswith("b = tf1compat.nn.rnn_cell.GRUCell(3)\n")
    assert [f.line for f in result.findings] == [2]


def test_run_time_lookup_is_reported(migrate):
    result = migrate(
        """\
        import tensorflow as tf
        cell_class = getattr(tf.contrib.rnn, FLAGS.cell)
        """,
        ONLY,
    )
    assert result.code.splitlines()[-1] == "cell_class = getattr(tf1compat.contrib.rnn, FLAGS.cell)"
    assert [f.line for f in result.findings] == [2]
    assert "run-time lookup" in result.findings[0].message


def test_module_alias_used_as_value_is_reported(migrate):
    result = migrate(
        """\
        from tensorflow.contrib import rnn
        cell = getattr(rnn, name)(10)
        """,
        ONLY,
    )
    assert result.code.startswith("from tf1compat.contrib import rnn\n")
    assert [f.line for f in result.findings] == [2]


def test_module_named_in_string_is_reported(migrate):
    result = migrate(
        """\
        import importlib
        import tensorflow as tf
        module = importlib.import_module("tensorflow.contrib.rnn")
        cell = eval("tf.contrib.rnn." + name)
        """,
        ONLY,
    )
    assert [f.line for f in result.findings] == [3, 4]


def test_star_import_is_swapped_and_reported(migrate):
    result = migrate("from tensorflow.contrib.rnn import *\n", ONLY)
    assert result.code == "from tf1compat.contrib.rnn import *\n"
    assert len(result.findings) == 1


def test_no_op(assert_unchanged):
    assert_unchanged(
        """\
        import tensorflow as tf
        from models import rnn
        cell = rnn.BasicLSTMCell(3)  # a project module, not tf.contrib.rnn
        y = tf.contrib.layers.xavier_initializer()
        """,
        ONLY,
    )


def test_local_shadowing_class_is_left_alone(assert_unchanged):
    assert_unchanged(
        """\
        class BasicLSTMCell:
            pass
        rnn = object()
        cell = BasicLSTMCell()
        """,
        ONLY,
    )


def test_idempotent_on_migrated_code(assert_unchanged):
    assert_unchanged(
        """\
        import tf1compat
        from tf1compat.contrib import rnn
        cell = tf1compat.nn.rnn_cell.BasicLSTMCell(3)
        """,
        ONLY,
    )


def test_shadowed_alias_is_left_alone(assert_rewrites):
    assert_rewrites(
        """\
        import tensorflow as tf
        def build(tf):
            return tf.contrib.rnn.GRUCell(2)  # `tf` is a parameter here
        cell = tf.contrib.rnn.GRUCell(3)
        """,
        """\
        import tf1compat
        def build(tf):
            return tf.contrib.rnn.GRUCell(2)  # `tf` is a parameter here
        cell = tf1compat.nn.rnn_cell.GRUCell(3)
        """,
        ONLY,
    )


def test_name_bound_two_ways_is_not_guessed(assert_rewrites):
    assert_rewrites(
        """\
        try:
            from tensorflow.contrib import rnn
        except ImportError:
            from mylib import rnn
        cell = rnn.GRUCell(3)
        """,
        """\
        try:
            from tf1compat.contrib import rnn
        except ImportError:
            from mylib import rnn
        cell = rnn.GRUCell(3)
        """,
        ONLY,
    )
