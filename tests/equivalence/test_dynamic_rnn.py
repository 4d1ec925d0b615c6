"""dynamic_rnn: tf1compat vs the real TF1 implementation and the NumPy reference.

Matrix: every cell case x {batch-major, time-major} x {graph, eager, tf.function, tf.function
compiled by XLA}.
Each compares outputs, final state, gradients w.r.t. inputs and every variable,
and variable names and shapes, with random weights and lengths 0, 1, mid, full.
"""

import functools

import numpy as np
import pytest

import harness
from harness import CELL_CASES, LENGTHS

CASES = {case.name: case for case in CELL_CASES}
MODES = ["graph", "eager", "tf_function", "xla"]


@functools.lru_cache(maxsize=None)
def oracle(case_name, time_major):
    inputs = harness.random_inputs()
    if time_major:
        inputs = inputs.transpose(1, 0, 2)
    program = harness.dynamic_rnn_program(CASES[case_name], time_major)
    return harness.run_graph(program, inputs, LENGTHS, oracle=True), inputs


def run_shim(case_name, time_major, mode, inputs):
    program = harness.dynamic_rnn_program(CASES[case_name], time_major)
    if mode == "graph":
        return harness.run_graph(program, inputs, LENGTHS, oracle=False)
    return harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function",
                           jit_compile=mode == "xla")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("time_major", [False, True], ids=["batch_major", "time_major"])
@pytest.mark.parametrize("case_name", list(CASES))
def test_matches_tf1(case_name, time_major, mode):
    expected, inputs = oracle(case_name, time_major)
    actual = run_shim(case_name, time_major, mode, inputs)
    actual.assert_close(expected)


@pytest.mark.parametrize("case_name", list(CASES))
def test_tf1_and_tf1compat_match_numpy_reference(case_name):
    expected, inputs = oracle(case_name, False)
    weights = harness.weights_of(expected)
    reference = harness.run_numpy(CASES[case_name], inputs, LENGTHS, weights)
    shim = run_shim(case_name, False, "eager", inputs)
    assert len(reference) == len(expected.values) == len(shim.values)
    for tf1_value, shim_value, want in zip(expected.values, shim.values, reference):
        np.testing.assert_allclose(tf1_value, want, atol=harness.TOLERANCE, rtol=0)
        np.testing.assert_allclose(shim_value, want, atol=harness.TOLERANCE, rtol=0)


def test_padded_steps_are_zero_and_state_is_copied_through():
    expected, inputs = oracle("basic_lstm", False)
    outputs, c, h = expected.values
    for b, length in enumerate(LENGTHS):
        assert not outputs[b, length:].any()
        if length:
            assert outputs[b, length - 1].any()
    assert not c[0].any() and not h[0].any()  # length 0 keeps the zero initial state
    np.testing.assert_array_equal(h[2], outputs[2, 2])  # state after step len - 1
