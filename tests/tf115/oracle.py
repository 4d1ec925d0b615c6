"""Runs a TF1 program on TF 1.15 and, migrated, on tf1compat; compares what both wrote.

A program (`programs/<name>.py`) is TF 1.x code as users wrote it; it ends with
`oracle_io.finish(...)`, which saves or restores a checkpoint and writes results (see
`programs/oracle_io.py`). The TF 1.15 run writes the checkpoint; the migrated program
restores it, unchanged, with a `Saver`.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import numpy as np

PROGRAMS = pathlib.Path(__file__).parent / "programs"
BIN = pathlib.Path(sys.executable).parent
TOLERANCE = 1e-5
ORDERS = ("tf1compat_first", "tf_upgrade_v2_first")


def run(args, cwd):
    # Importing TensorFlow 2 sets TF2_BEHAVIOR=1 in this process; TF 1.15 would obey it.
    env = {key: value for key, value in os.environ.items() if key != "TF2_BEHAVIOR"}
    env.update(TF_CPP_MIN_LOG_LEVEL="2", TF_USE_LEGACY_KERAS="0", PYTHONPATH=str(cwd))
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-5000:]}"
    return done.stdout


def copy_program(name, directory):
    directory.mkdir(parents=True)
    for source in (f"{name}.py", "oracle_io.py"):
        shutil.copy(PROGRAMS / source, directory / source)
    return directory


def run_tf115(python, name, work):
    """Runs `programs/<name>.py` unchanged on TF 1.15; returns the results directory."""
    tree = copy_program(name, work / "tf115")
    out = work / "out"
    out.mkdir()
    run([python, tree / f"{name}.py", out], cwd=tree)
    return out


def migrate(name, work, order):
    """A copy of the program migrated by `tf1compat-migrate` and `tf_upgrade_v2` in `order`."""
    source = copy_program(name, work / f"{order}-source")
    upgraded = work / order

    def tf1compat_migrate(tree):
        run([BIN / "tf1compat-migrate", "--quiet", tree], cwd=tree)

    if order == "tf1compat_first":
        tf1compat_migrate(source)
    run([BIN / "tf_upgrade_v2", "--intree", source, "--outtree", upgraded, "--reportfile",
         work / f"{order}-report.txt"], cwd=work)
    if order == "tf_upgrade_v2_first":
        tf1compat_migrate(upgraded)
    code = (upgraded / f"{name}.py").read_text().split('"""', 2)[2]  # after the docstring
    assert "tensorflow.contrib" not in code and "tf.contrib" not in code, code
    return upgraded


def run_migrated(name, tree, out):
    run([sys.executable, tree / f"{name}.py", out], cwd=tree)


def compare(out):
    """Asserts tf1compat's results equal TF 1.15's; returns the largest difference."""
    want, got = np.load(out / "tf115.npz"), np.load(out / "tf1compat.npz")
    assert sorted(got.files) == sorted(want.files)
    largest = 0.0
    for key in want.files:
        assert got[key].shape == want[key].shape, key
        np.testing.assert_allclose(got[key], want[key], atol=TOLERANCE, rtol=0, err_msg=key)
        finite = np.isfinite(want[key])  # equal infinities (beam log-probs) add no difference
        if finite.any():
            difference = np.abs(got[key].astype(np.float64) - want[key])[finite]
            largest = max(largest, float(difference.max()))
    return largest
