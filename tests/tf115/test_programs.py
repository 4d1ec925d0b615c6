"""TF1 programs run on the real TensorFlow 1.15 and, migrated, on tf1compat: equal to 1e-5.

Each program's TF 1.15 run writes a checkpoint with random weights and its results
(outputs, states and every variable after one SGD step, which compares the gradients).
The same program migrated by `tf1compat-migrate` and `tf_upgrade_v2`, in both orders,
restores that checkpoint with an unchanged `Saver` on Keras 3 and must write the same
results: the variable names match, since the checkpoint restores.
"""

import shutil

import pytest

import oracle

pytestmark = pytest.mark.slow

PROGRAMS = ["core_drivers", "conformance_cases", "seq2seq_decoding", "seq2seq_beam_search",
            "seq2seq_attention", "layers_convolution", "layers_normalization",
            "layers_contrib", "layers_optimize_loss", "seq2seq_nmt_patterns",
            "legacy_seq2seq_models", "legacy_seq2seq_attention", "contrib_cells_rnn",
            "contrib_cells_lstm", "contrib_cells_grid", "cudnn_compatible"]


@pytest.fixture(scope="module")
def tf115_results(tf115_python, tmp_path_factory):
    """`{program: results directory of its TF 1.15 run}`, computed once per program."""
    cache = {}

    def results(name):
        if name not in cache:
            cache[name] = oracle.run_tf115(tf115_python, name, tmp_path_factory.mktemp(name))
        return cache[name]

    return results


@pytest.mark.parametrize("order", oracle.ORDERS)
@pytest.mark.parametrize("name", PROGRAMS)
def test_migrated_program_matches_tf115(name, order, tf115_results, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(tf115_results(name), out)
    oracle.run_migrated(name, oracle.migrate(name, tmp_path, order), out)
    print(f"{name} ({order}): max abs difference vs TF 1.15 {oracle.compare(out):.2e}")
