"""raw_rnn: tf1compat vs TF1's `tf.compat.v1.nn.raw_rnn` with the legacy cells.

The loop_fn feeds each entry until its length (0, 1, mid, full in one batch), so
finished entries get zeroed emits and copied-through states. Variants cover the
default emit (`cell.output_size`) with a `None` loop state, and a custom emit
structure with a loop state accumulating the outputs.
"""

import numpy as np
import pytest
import tensorflow as tf

import harness
from harness import CELL_CASES, LENGTHS

CASES = {case.name: case for case in CELL_CASES if case.name in ("basic_lstm", "gru", "multi")}


def raw_rnn_program(case, custom_emit):
    def program(module):
        cell = case.make(module)

        def run(nn, x, seq):
            inputs_tm = tf.transpose(x, [1, 0, 2])
            steps, batch = tf.shape(inputs_tm)[0], tf.shape(inputs_tm)[1]
            inputs_ta = tf.TensorArray(tf.float32, size=steps).unstack(inputs_tm)
            out_size = tf.nest.flatten(cell.output_size)[0]

            def loop_fn(time, cell_output, cell_state, loop_state):
                finished = time >= seq
                next_input = tf.cond(tf.reduce_all(finished),
                                     lambda: tf.zeros([batch, x.shape[-1]]),
                                     lambda: inputs_ta.read(tf.minimum(time, steps - 1)))
                if cell_output is None:
                    state = cell.zero_state(batch, tf.float32)
                    if not custom_emit:
                        return finished, next_input, state, None, None
                    # TF1: the time-0 emit gives one entry's emit size, without batch.
                    emit = (tf.zeros([out_size]), tf.zeros([1]))
                    return finished, next_input, state, emit, tf.zeros([batch, out_size])
                if not custom_emit:
                    return finished, next_input, cell_state, cell_output, None
                emit = (2.0 * cell_output, tf.reduce_sum(cell_output, 1, keepdims=True))
                return finished, next_input, cell_state, emit, loop_state + cell_output

            emit_ta, final_state, final_loop_state = nn.raw_rnn(cell, loop_fn)
            stacked = tf.nest.map_structure(lambda ta: ta.stack(), emit_ta)
            if custom_emit:
                return stacked, final_state, final_loop_state
            assert final_loop_state is None
            return stacked, final_state
        return cell, run
    return program


@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
@pytest.mark.parametrize("custom_emit", [False, True], ids=["default_emit", "custom_emit"])
@pytest.mark.parametrize("case_name", list(CASES))
def test_matches_tf1(case_name, custom_emit, mode):
    inputs = harness.random_inputs()
    program = raw_rnn_program(CASES[case_name], custom_emit)
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True)
    if mode == "graph":
        actual = harness.run_graph(program, inputs, LENGTHS, oracle=False)
    else:
        actual = harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function")
    actual.assert_close(expected)


def test_emits_equal_dynamic_rnn_outputs_time_major():
    """raw_rnn feeding inputs up to each length reproduces dynamic_rnn (same weights)."""
    inputs = harness.random_inputs()
    case = CASES["basic_lstm"]
    raw = harness.run_graph(raw_rnn_program(case, False), inputs, LENGTHS, oracle=False)
    dynamic = harness.run_graph(harness.dynamic_rnn_program(case, time_major=False), inputs,
                                LENGTHS, oracle=False)
    emitted, c, h = raw.values
    steps = emitted.shape[0]
    np.testing.assert_allclose(emitted.transpose(1, 0, 2), dynamic.values[0][:, :steps],
                               atol=harness.TOLERANCE, rtol=0)
    np.testing.assert_allclose(c, dynamic.values[1], atol=harness.TOLERANCE, rtol=0)
    np.testing.assert_allclose(h, dynamic.values[2], atol=harness.TOLERANCE, rtol=0)
