"""The way out, proven: checkpoints the real TF 1.15 wrote become Keras 3 models that plain
Keras 3 loads (tf1compat not importable) and that reproduce TF 1.15's outputs and final states.

`programs/convert_sources.py` runs every convertible cell type, MultiRNNCell stacks and a
bidirectional stack, batch- and time-major, on TF 1.15 with lengths 0, 1, mid and full;
`tf1compat-convert --out` writes one `.keras` model per scope; a fresh process without
tf1compat loads them and runs them with the mask of the lengths.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import numpy as np
import pytest

from tf1compat.convert import cli, keras_rnn, load_tf1_checkpoint

import oracle

pytestmark = pytest.mark.slow
LSTM_KINDS = {"BasicLSTMCell", "LSTMCell"}
MIXED = "bi_mixed/bidirectional_rnn"  # forward and backward cells differ

# Loads each model with Keras alone and runs it; importing tf1compat fails.
KERAS_ONLY_RUNNER = """
import importlib.abc, json, sys
class NoTf1compat(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "tf1compat":
            raise ImportError("tf1compat must not be needed to load a converted model")
sys.meta_path.insert(0, NoTf1compat())
import keras, numpy as np, tensorflow as tf
models, data, out = json.loads(sys.argv[1]), np.load(sys.argv[2]), sys.argv[3]
x, lengths = tf.constant(data["inputs"]), data["lengths"]
results = {}
for scope, path in models.items():
    flat = tf.nest.flatten(keras.models.load_model(path)([x, tf.sequence_mask(lengths, x.shape[1])]))
    results.update({f"{scope}/{i}": np.asarray(t) for i, t in enumerate(flat)})
np.savez(out, **results)
assert "tf1compat" not in sys.modules
"""


def keras_order(tf1_values, kinds, layer_count):
    """TF1's flat `(outputs..., states...)` in Keras' order: an LSTM state `(c, h)` -> `[h, c]`."""
    outputs, states = tf1_values[:layer_count], list(tf1_values[layer_count:])
    ordered = []
    for kind in kinds:
        if kind in LSTM_KINDS:
            c, h = states.pop(0), states.pop(0)
            ordered += [h, c]
        else:
            ordered.append(states.pop(0))
    return list(outputs) + ordered


@pytest.fixture(scope="module")
def tf115_checkpoint(tf115_python, tmp_path_factory):
    work = tmp_path_factory.mktemp("convert")
    tree, out = work / "program", work / "out"
    tree.mkdir()
    out.mkdir()
    for name in ("convert_sources.py", "oracle_io.py"):
        shutil.copy(oracle.PROGRAMS / name, tree)
    oracle.run([tf115_python, tree / "convert_sources.py", out], cwd=tree)
    return out


def test_converted_models_reproduce_tf115_without_tf1compat(tf115_checkpoint, tmp_path, capsys):
    checkpoint = tf115_checkpoint / "model.ckpt"
    assert cli.main([str(checkpoint), "--list"]) == cli.EXIT_OK
    listing = capsys.readouterr().out
    assert "scope bi/bidirectional_rnn:" in listing
    assert "multi_rnn_cell/cell_1/gru_cell: GRUCell" in listing
    results = np.load(tf115_checkpoint / "results.npz")
    scopes = sorted({key.rsplit("/", 1)[0] for key in results.files if "/" in key} - {MIXED})
    models = {}
    for scope in scopes:
        models[scope] = str(tmp_path / f"{scope.replace('/', '_')}.keras")
        assert cli.main([str(checkpoint), "--scope", scope, "--out", models[scope]]) == 0
    out = tmp_path / "keras.npz"
    env = {key: value for key, value in os.environ.items() if key != "TF2_BEHAVIOR"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    done = subprocess.run([sys.executable, "-c", KERAS_ONLY_RUNNER, json.dumps(models),
                           str(tf115_checkpoint / "results.npz"), str(out)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    keras_results = np.load(out)
    largest = max(assert_matches(checkpoint, scope, results, lambda i, scope=scope:
                                 keras_results[f"{scope}/{i}"]) for scope in scopes)
    print(f"{len(scopes)} scopes converted; max abs difference vs TF 1.15 {largest:.2e}")


def assert_matches(checkpoint, scope, results, keras_value):
    """Compares Keras' values (`keras_value(i)`) with TF 1.15's for `scope`; returns the max diff."""
    kinds = load_tf1_checkpoint(str(checkpoint), scope).kinds
    count = sum(key.startswith(f"{scope}/") for key in results.files)
    tf1_values = [results[f"{scope}/{i}"] for i in range(count)]
    expected = keras_order(tf1_values, kinds, 2 if "bidirectional" in scope else 1)
    largest = 0.0
    for i, want in enumerate(expected):
        got = keras_value(i)
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0, err_msg=f"{scope} value {i}")
        largest = max(largest, float(np.max(np.abs(got - want))))
    print(f"{scope}: {', '.join(kinds)}; max abs difference vs TF 1.15 {largest:.2e}")
    return largest


def test_different_forward_and_backward_cells(tf115_checkpoint, tmp_path):
    """Keras' Bidirectional runs them eagerly; a saved model of them it cannot build (its
    output shapes assume equal directions), which the CLI says."""
    import tensorflow as tf

    results = np.load(tf115_checkpoint / "results.npz")
    layer = keras_rnn(str(tf115_checkpoint / "model.ckpt"), scope=MIXED)
    x, lengths = results["inputs"], results["lengths"]
    values = [np.asarray(v) for v in tf.nest.flatten(layer(x, mask=tf.sequence_mask(lengths, 6)))]
    assert assert_matches(tf115_checkpoint / "model.ckpt", MIXED, results, values.__getitem__) < 1e-5
    out = tmp_path / "mixed.keras"
    assert cli.main([str(tf115_checkpoint / "model.ckpt"), "--scope", MIXED, "--out", str(out)]) == 2
    assert not out.exists()


@pytest.mark.parametrize("cell, message", [
    ("lstm_peepholes", "peepholes"),
    ("lstm_projection", "output projection"),
])
def test_cells_without_keras_equivalent_are_refused(tmp_path, cell, message):
    import tensorflow as tf

    import tf1compat

    make = {"lstm_peepholes": lambda: tf1compat.nn.rnn_cell.LSTMCell(3, use_peepholes=True),
            "lstm_projection": lambda: tf1compat.nn.rnn_cell.LSTMCell(3, num_proj=2)}[cell]
    with tf.Graph().as_default():
        tf1compat.nn.dynamic_rnn(make(), tf.zeros([2, 3, 4]), dtype=tf.float32)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            path = tf.compat.v1.train.Saver().save(session, str(tmp_path / "ckpt"))
    with pytest.raises(ValueError, match=f"{message}.*keep using tf1compat"):
        load_tf1_checkpoint(path)
    assert cli.main([path, "--out", str(tmp_path / "m.keras")]) == cli.EXIT_ERROR


def test_bad_checkpoint_and_unknown_scope(tmp_path, capsys):
    (tmp_path / "broken.index").write_bytes(b"not a checkpoint")
    assert cli.main([str(tmp_path / "broken"), "--list"]) == cli.EXIT_ERROR
    assert "Cannot read a TF1 checkpoint" in capsys.readouterr().err
    assert cli.main([str(tmp_path / "missing"), "--out", str(tmp_path / "m.keras")]) == 2
