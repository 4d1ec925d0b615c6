"""Whole programs in real TF1 graph mode: a checkpoint written by TF1 restores into tf1compat.

The legacy side runs in a subprocess with `TF_USE_LEGACY_KERAS=1` (the real TF1
cells); tf1compat runs in another with Keras 3 and no tf_keras import. Both use
`tf.compat.v1.disable_v2_behavior()`, `Session` and an unchanged `Saver`.
"""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

PROGRAM = pathlib.Path(__file__).parent / "programs" / "tf1_checkpoint_program.py"


def run_program(implementation, out_dir, **env):
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **env}
    result = subprocess.run([sys.executable, str(PROGRAM), implementation, str(out_dir)],
                            env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.slow
def test_tf1compat_restores_tf1_checkpoint_and_matches(tmp_path):
    run_program("legacy", tmp_path, TF_USE_LEGACY_KERAS="1")
    run_program("tf1compat", tmp_path, TF_USE_LEGACY_KERAS="0")
    names = [json.loads((tmp_path / f"{impl}.json").read_text()) for impl in ("legacy", "tf1compat")]
    assert names[0] == names[1]
    assert "encoder/rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias" in names[0]
    assert "decoder/rnn/lstm_cell/projection/kernel" in names[0]
    legacy, shim = (np.load(tmp_path / f"{impl}.npz") for impl in ("legacy", "tf1compat"))
    assert len(legacy.files) == len(shim.files) > 10
    for key in legacy.files:
        np.testing.assert_allclose(shim[key], legacy[key], atol=1e-5, rtol=0, err_msg=key)


def eager_program_outputs(checkpoint_dir):
    """The checkpoint program's model, built eagerly and restored by TF1 names."""
    import tensorflow as tf

    import tf1compat

    rnn_cell, nn = tf1compat.nn.rnn_cell, tf1compat.nn
    tf.compat.v1.reset_default_graph()
    rng = np.random.default_rng(7)
    inputs = rng.normal(size=(5, 7, 3)).astype(np.float32)
    lengths = np.array([7, 0, 1, 4, 7], np.int32)
    cell = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(6), rnn_cell.GRUCell(4)])
    peephole = rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=1.0)

    def forward():
        with tf.compat.v1.variable_scope("encoder"):
            outputs, state = nn.dynamic_rnn(cell, inputs, sequence_length=lengths, dtype=tf.float32)
        with tf.compat.v1.variable_scope("decoder"):
            dec_outputs, dec_state = nn.dynamic_rnn(peephole, outputs, sequence_length=lengths,
                                                    dtype=tf.float32)
        return tf.nest.flatten((outputs, state, dec_outputs, dec_state))

    forward()
    restored = tf1compat.checkpoints.restore_tf1_variables(
        [cell, peephole], str(checkpoint_dir / "model.ckpt"))
    assert len(restored) == 12
    return forward()


@pytest.mark.slow
def test_eager_cells_restore_tf1_checkpoint_by_name(tmp_path):
    run_program("legacy", tmp_path, TF_USE_LEGACY_KERAS="1")
    legacy = np.load(tmp_path / "legacy.npz")
    values = eager_program_outputs(tmp_path)
    for i, value in enumerate(values):
        np.testing.assert_allclose(value, legacy[f"arr_{i}"], atol=1e-5, rtol=0)
