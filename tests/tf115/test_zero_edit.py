"""Zero-edit mode against TF 1.15: TF1 programs, not migrated, run with
`python -m tf1compat run program.py`, restore the checkpoint TF 1.15 wrote and give its
results (outputs, states, every variable after one SGD step) to 1e-5.
"""

import sys

import pytest

import oracle

pytestmark = pytest.mark.slow

# Spellings: tf.contrib.{rnn, seq2seq, layers, cudnn_rnn, framework.nest} by attribute,
# `from tensorflow.contrib import legacy_seq2seq`, tf.nn.rnn_cell, tf.nn.*_rnn, tf.layers,
# and the TF1 top-level names (tf.placeholder, tf.variable_scope, tf.set_random_seed, ...).
PROGRAMS = ["core_drivers", "seq2seq_decoding", "legacy_seq2seq_models", "layers_contrib",
            "cudnn_compatible"]


@pytest.mark.parametrize("name", PROGRAMS)
def test_unmigrated_program_matches_tf115(name, tf115_python, tmp_path):
    out = oracle.run_tf115(tf115_python, name, tmp_path / "tf115")
    tree = oracle.copy_program(name, tmp_path / "unmigrated")
    assert (tree / f"{name}.py").read_bytes() == (oracle.PROGRAMS / f"{name}.py").read_bytes()
    oracle.run([sys.executable, "-m", "tf1compat", "run", tree / f"{name}.py", out], cwd=tree)
    print(f"{name} (zero-edit): max abs difference vs TF 1.15 {oracle.compare(out):.2e}")
