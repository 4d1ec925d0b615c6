"""`tf1compat-migrate` and `tf_upgrade_v2` give the same code in either order."""

import os
import pathlib
import subprocess
import sys

import pytest

from codemods.migrate import migrate_code
from codemods.registry import RULES

TF_UPGRADE_V2 = pathlib.Path(sys.executable).parent / "tf_upgrade_v2"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TF_UPGRADE_V2.exists(), reason="tf_upgrade_v2 is not installed"),
]

LEGACY = '''\
import tensorflow as tf
from tensorflow.contrib import rnn
from tensorflow.contrib.rnn import LSTMCell, LayerNormBasicLSTMCell

x = tf.placeholder(tf.float32, [None, 10, 3])
cells = [tf.contrib.rnn.BasicLSTMCell(4), tf.contrib.rnn.GRUCell(4), tf.contrib.rnn.BasicRNNCell(4),
         tf.contrib.rnn.LSTMCell(4), LSTMCell(4), rnn.GRUCell(4), LayerNormBasicLSTMCell(4),
         tf.contrib.rnn.LayerNormBasicLSTMCell(4), tf.contrib.rnn.LSTMBlockCell(4)]
cell = tf.contrib.rnn.DropoutWrapper(tf.contrib.rnn.MultiRNNCell(cells[:2]), output_keep_prob=0.5)
state = tf.contrib.rnn.LSTMStateTuple(tf.zeros([1, 4]), tf.zeros([1, 4]))
base = tf.contrib.rnn.RNNCell
steps = tf.unstack(x, 10, 1)
outputs, _ = tf.contrib.rnn.static_rnn(cells[0], steps, dtype=tf.float32)
both, _, _ = tf.contrib.rnn.static_bidirectional_rnn(cells[1], cells[2], steps, dtype=tf.float32)
stacked = tf.contrib.rnn.stack_bidirectional_dynamic_rnn([cells[0]], [cells[1]], x, dtype=tf.float32)
dynamic, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), x, dtype=tf.float32)
logits = tf.layers.dense(dynamic, 2)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
'''


def _upgrade(code, tmp_path, name):
    path = tmp_path / name
    path.write_text(code)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    subprocess.run([str(TF_UPGRADE_V2), "--infile", str(path), "--outfile", str(path),
                    "--reportfile", str(tmp_path / f"{name}.txt")], check=True, capture_output=True, env=env)
    return path.read_text()


def test_either_order_gives_the_same_code(tmp_path):
    ours_first = _upgrade(migrate_code(LEGACY, RULES).code, tmp_path, "ours_first.py")
    theirs_first = migrate_code(_upgrade(LEGACY, tmp_path, "theirs_first.py"), RULES).code
    assert ours_first == theirs_first
    assert "tf1compat.nn.rnn_cell.BasicLSTMCell(4)" in ours_first
    assert "tf1compat.contrib.rnn.LayerNormBasicLSTMCell(4)" in ours_first
