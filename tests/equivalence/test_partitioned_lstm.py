"""LSTMCell(num_unit_shards=..., num_proj_shards=...): TF1's partitioned variables, exactly."""

import numpy as np
import tensorflow as tf

import harness
import tf1compat
from harness import LENGTHS, CellCase

SHARDED = CellCase("lstm_sharded", lambda m: m.LSTMCell(
    6, use_peepholes=True, num_proj=4, num_unit_shards=2, num_proj_shards=2), None, None)


def test_graph_mode_matches_tf1_with_the_same_partitions():
    program = harness.dynamic_rnn_program(SHARDED, time_major=False)
    expected = harness.run_graph(program, harness.random_inputs(), LENGTHS, oracle=True)
    actual = harness.run_graph(program, harness.random_inputs(), LENGTHS, oracle=False)
    assert "rnn/lstm_cell/kernel/part_1" in actual.shapes
    assert "rnn/lstm_cell/projection/kernel/part_0" in actual.shapes
    actual.assert_close(expected)


def test_eager_cell_restores_a_partitioned_tf1_checkpoint(tmp_path):
    """A Saver checkpoint of partitions holds each full variable under its own name."""
    x = harness.random_inputs()
    with tf.Graph().as_default():
        cell = SHARDED.make(harness.LEGACY_RNN_CELL)
        outputs, _ = tf.compat.v1.nn.dynamic_rnn(cell, x, LENGTHS, dtype=tf.float32)
        with tf.compat.v1.Session() as session:
            for v in tf.compat.v1.global_variables():
                v.load(harness.weight_value(v.op.name, v.shape), session)
            expected = session.run(outputs)
            path = tf.compat.v1.train.Saver().save(session, str(tmp_path / "sharded.ckpt"))
    tf.compat.v1.reset_default_graph()
    cell = SHARDED.make(tf1compat.nn.rnn_cell)
    tf1compat.nn.dynamic_rnn(cell, x, LENGTHS, dtype=tf.float32)
    restored = tf1compat.checkpoints.restore_tf1_variables(cell, path)
    assert "rnn/lstm_cell/kernel" in restored
    outputs, _ = tf1compat.nn.dynamic_rnn(cell, x, LENGTHS, dtype=tf.float32)
    np.testing.assert_allclose(outputs, expected, atol=harness.TOLERANCE, rtol=0)
