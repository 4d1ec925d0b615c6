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
