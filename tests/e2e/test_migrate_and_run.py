"""End to end: legacy TF1 programs, migrated by tf1compat-migrate, restore TF1's checkpoints
and compute the same numbers on Keras 3 without tf_keras.

The reference runs the legacy path TensorFlow still offers: `tf_upgrade_v2` plus hand fixes,
with `TF_USE_LEGACY_KERAS=1` (the real TF1 cells of tf_keras). It trains and saves a
checkpoint. The migrated programs restore it unchanged and must match to 1e-5, for both
orders of `tf1compat-migrate` and `tf_upgrade_v2`, and for `tf1compat-migrate` alone on
code already on `tensorflow.compat.v1`.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROJECT = ROOT / "examples" / "legacy_project"
TF115_REFERENCE = PROJECT / "reference"
COMPAT_V1_PROGRAM = pathlib.Path(__file__).parent / "programs" / "compat_v1_classifier.py"
BIN = pathlib.Path(sys.executable).parent
pytestmark = pytest.mark.slow

# Runs a script as __main__ and fails if tf_keras was imported (the shims must not need it).
NO_TF_KERAS_RUNNER = """
import runpy, sys
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path.insert(0, __import__("os").path.dirname(script))
runpy.run_path(script, run_name="__main__")
assert "tf_keras" not in sys.modules, "tf_keras was imported"
"""


def run(args, cwd, legacy_keras=False):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_USE_LEGACY_KERAS": "1" if legacy_keras else "0"}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def migrate(tree):
    run([BIN / "tf1compat-migrate", tree], cwd=tree)
    check = subprocess.run([BIN / "tf1compat-migrate", "--check", tree], capture_output=True)
    assert check.returncode == 0, "a second run would change files"


def upgrade(tree, out):
    run([BIN / "tf_upgrade_v2", "--intree", tree, "--outtree", out, "--reportfile",
         out.parent / f"{out.name}-report.txt"], cwd=tree.parent)
    return out


def hand_fix(path, replacements):
    text = path.read_text()
    for old, new in replacements:
        assert old in text, f"{old!r} not in {path}"
        text = text.replace(old, new)
    path.write_text(text)


def assert_same_results(got_path, want_path):
    got, want = (json.loads(pathlib.Path(p).read_text()) for p in (got_path, want_path))
    assert got.keys() == want.keys()
    for key in want:
        np.testing.assert_allclose(got[key], want[key], atol=1e-5, rtol=0, err_msg=key)


@pytest.fixture(scope="module")
def legacy_project_reference(tmp_path_factory):
    """The legacy project trained on the legacy path: (checkpoint, results JSON)."""
    work = tmp_path_factory.mktemp("legacy")
    shutil.copytree(PROJECT, work / "src")
    tree = upgrade(work / "src", work / "upgraded")
    hand_fix(tree / "model.py", [("from tensorflow.contrib import rnn", "rnn = tf.compat.v1.nn.rnn_cell"),
                                 ("tf.layers.dense", "tf.compat.v1.layers.dense")])
    hand_fix(tree / "train.py", [("import tensorflow as tf\n",
                                  "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n")])
    checkpoint, results = work / "ckpt" / "model.ckpt", work / "legacy.json"
    output = run([sys.executable, tree / "train.py", "--steps", "40", "--checkpoint", checkpoint,
                  "--dump", results], cwd=tree, legacy_keras=True)
    assert "step 25" in output
    return checkpoint, results


@pytest.mark.parametrize("order", ["tf1compat_first", "tf_upgrade_v2_first"])
def test_legacy_project_migrated_matches_tf1(order, legacy_project_reference, tmp_path):
    checkpoint, reference = legacy_project_reference
    shutil.copytree(PROJECT, tmp_path / "src")
    if order == "tf1compat_first":
        migrate(tmp_path / "src")
        tree = upgrade(tmp_path / "src", tmp_path / "migrated")
    else:
        tree = upgrade(tmp_path / "src", tmp_path / "migrated")
        migrate(tree)
    assert "tensorflow.contrib" not in (tree / "model.py").read_text()
    results = tmp_path / "migrated.json"
    run([sys.executable, "-c", NO_TF_KERAS_RUNNER, tree / "train.py", "--restore", checkpoint,
         "--dump", results], cwd=tree)
    assert_same_results(results, reference)
    # The checkpoint TF 1.15 itself wrote for the project (examples/legacy_project/reference).
    run([sys.executable, "-c", NO_TF_KERAS_RUNNER, tree / "train.py", "--restore",
         TF115_REFERENCE / "model.ckpt", "--dump", results], cwd=tree)
    assert_same_results(results, TF115_REFERENCE / "tf115.json")


def test_compat_v1_program_needs_only_tf1compat_migrate(tmp_path):
    legacy = tmp_path / "legacy.py"
    shutil.copy(COMPAT_V1_PROGRAM, legacy)
    hand_fix(legacy, [("tf.contrib.rnn.", "tf.nn.rnn_cell.")])
    checkpoint, reference = tmp_path / "ckpt" / "model.ckpt", tmp_path / "legacy.json"
    run([sys.executable, legacy, "train", checkpoint, reference], cwd=tmp_path, legacy_keras=True)

    migrated_dir = tmp_path / "migrated"
    migrated_dir.mkdir()
    shutil.copy(COMPAT_V1_PROGRAM, migrated_dir / "program.py")
    migrate(migrated_dir)
    assert "tf.contrib" not in (migrated_dir / "program.py").read_text().split('"""')[2]
    results = tmp_path / "migrated.json"
    run([sys.executable, "-c", NO_TF_KERAS_RUNNER, migrated_dir / "program.py", "restore",
         checkpoint, results], cwd=tmp_path)
    assert_same_results(results, reference)
