"""Cell wrappers vs TF1's (tf_keras legacy_cell_wrappers): names, math, gradients, dropout noise."""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

import harness
import tf1compat
from harness import LENGTHS, CellCase

CASES = {
    "residual": CellCase("residual", lambda m: m.ResidualWrapper(m.GRUCell(3)), None, None),
    "residual_custom_fn": CellCase("residual_custom_fn", lambda m: m.ResidualWrapper(
        m.BasicLSTMCell(3), residual_fn=lambda x, y: 2.0 * x - y), None, None),
    "device": CellCase("device", lambda m: m.DeviceWrapper(m.BasicLSTMCell(4), "/cpu:0"), None, None),
    "dropout_keep_all": CellCase("dropout_keep_all", lambda m: m.DropoutWrapper(
        m.LSTMCell(4, use_peepholes=True)), None, None),
    "multi_of_wrappers": CellCase("multi_of_wrappers", lambda m: m.MultiRNNCell(
        [m.DeviceWrapper(m.GRUCell(3), "/cpu:0"), m.ResidualWrapper(m.BasicRNNCell(3))]), None, None),
}


@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
@pytest.mark.parametrize("name", list(CASES))
def test_deterministic_wrappers_match_tf1(name, mode):
    inputs = harness.random_inputs()
    program = harness.dynamic_rnn_program(CASES[name], time_major=False)
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True)
    actual = (harness.run_graph(program, inputs, LENGTHS, oracle=False) if mode == "graph"
              else harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function"))
    actual.assert_close(expected)


DROPOUT_PROGRAM = pathlib.Path(__file__).parent / "programs" / "dropout_noise_program.py"


@pytest.mark.slow
@pytest.mark.parametrize("variational", [False, True], ids=["per_step", "variational"])
def test_seeded_dropout_noise_equals_tf1_bit_for_bit(tmp_path, variational):
    """Fresh processes: TF's random kernels keep their state across sessions in one process."""
    results = {}
    for implementation in ("legacy", "tf1compat"):
        out = tmp_path / f"{implementation}.npz"
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
        done = subprocess.run([sys.executable, str(DROPOUT_PROGRAM), implementation, str(out),
                               str(int(variational))], env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        results[implementation] = np.load(out)
    legacy, shim = results["legacy"], results["tf1compat"]
    assert len(legacy.files) == len(shim.files) >= 4
    for key in legacy.files:
        np.testing.assert_array_equal(legacy[key] == 0, shim[key] == 0, err_msg=f"mask {key}")
        np.testing.assert_allclose(shim[key], legacy[key], atol=1e-5, rtol=0, err_msg=key)


def test_dropout_eager_statistics_and_memory_state():
    cell = tf1compat.nn.rnn_cell.DropoutWrapper(
        tf1compat.nn.rnn_cell.BasicLSTMCell(64), input_keep_prob=0.5, output_keep_prob=0.75,
        state_keep_prob=0.6)
    inputs = tf.ones([256, 64])
    output, state = cell(inputs, cell.zero_state(256, tf.float32))
    dropped_output = np.asarray(output) == 0
    assert 0.2 < dropped_output.mean() < 0.3
    c_raw = np.asarray(state.c)
    assert (c_raw != 0).mean() > 0.99  # the memory state c is never dropped
    assert 0.35 < (np.asarray(state.h) == 0).mean() < 0.45


@pytest.mark.parametrize("kwargs, error, message", [
    ({"input_keep_prob": 1.5}, ValueError, r"input_keep_prob` must be between 0 and 1. Received: input_keep_prob=1.5"),
    ({"variational_recurrent": True}, ValueError, "dtype must be provided"),
    ({"variational_recurrent": True, "dtype": tf.float32, "input_keep_prob": 0.5}, ValueError,
     "input_size must be provided"),
    ({"dropout_state_filter_visitor": 3}, TypeError, "must be callable"),
])
def test_dropout_wrapper_argument_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        tf1compat.nn.rnn_cell.DropoutWrapper(tf1compat.nn.rnn_cell.GRUCell(2), **kwargs)


def test_residual_shape_mismatch_is_named():
    cell = tf1compat.nn.rnn_cell.ResidualWrapper(tf1compat.nn.rnn_cell.GRUCell(2))
    with pytest.raises(ValueError, match=r"Received: inputs.shape=\(1, 3\), outputs.shape=\(1, 2\)"):
        cell(tf.zeros([1, 3]), tf.zeros([1, 2]))
