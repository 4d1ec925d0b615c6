"""bidirectional_dynamic_rnn, static_rnn, static_bidirectional_rnn and the stacked contrib
drivers vs TF1 (`tf.compat.v1.nn.*` with the legacy cells)."""

import numpy as np
import pytest
import tensorflow as tf

import harness
import tf1compat
from harness import LENGTHS

MODES = ["graph", "eager", "tf_function"]


def run(program, mode, static_steps=False):
    inputs = harness.random_inputs()
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True, static_steps=static_steps)
    if mode == "graph":
        actual = harness.run_graph(program, inputs, LENGTHS, oracle=False, static_steps=static_steps)
    else:
        actual = harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function")
    actual.assert_close(expected)
    return actual


def two_cells(m):
    return m.BasicLSTMCell(4), m.GRUCell(3)


def bidirectional_program(time_major, with_lengths=True):
    def program(module):
        cell_fw, cell_bw = two_cells(module)

        def run_(nn, x, seq):
            if time_major:
                x = tf.transpose(x, [1, 0, 2])
            return nn.bidirectional_dynamic_rnn(
                cell_fw, cell_bw, x, sequence_length=seq if with_lengths else None,
                dtype=tf.float32, time_major=time_major)
        return [cell_fw, cell_bw], run_
    return program


def static_program(bidirectional):
    def program(module):
        cell_fw, cell_bw = two_cells(module)

        def run_(nn, x, seq):
            steps = tf.unstack(x, axis=1)
            if bidirectional:
                return nn.static_bidirectional_rnn(cell_fw, cell_bw, steps, sequence_length=seq,
                                                   dtype=tf.float32)
            return nn.static_rnn(cell_fw, steps, sequence_length=seq, dtype=tf.float32)
        return [cell_fw, cell_bw], run_
    return program


def stacked_program(dynamic):
    """contrib's stacking, written out with TF1's drivers for the oracle (as contrib did)."""
    def program(module):
        cells_fw = [module.BasicLSTMCell(4), module.GRUCell(3)]
        cells_bw = [module.GRUCell(2), module.BasicRNNCell(3)]

        def run_(nn, x, seq):
            inputs = x if dynamic else tf.unstack(x, axis=1)
            if nn is tf1compat.nn:
                stack = (tf1compat.contrib.rnn.stack_bidirectional_dynamic_rnn if dynamic
                         else tf1compat.contrib.rnn.stack_bidirectional_rnn)
                return stack(cells_fw, cells_bw, inputs, sequence_length=seq, dtype=tf.float32)
            states_fw, states_bw = [], []
            with tf.compat.v1.variable_scope("stack_bidirectional_rnn"):
                for i, (fw, bw) in enumerate(zip(cells_fw, cells_bw)):
                    with tf.compat.v1.variable_scope(f"cell_{i}") as cell_scope:
                        if dynamic:
                            outputs, (state_fw, state_bw) = nn.bidirectional_dynamic_rnn(
                                fw, bw, inputs, sequence_length=seq, dtype=tf.float32)
                            inputs = tf.concat(outputs, 2)
                        else:
                            inputs, state_fw, state_bw = nn.static_bidirectional_rnn(
                                fw, bw, inputs, sequence_length=seq, dtype=tf.float32,
                                scope=cell_scope)
                    states_fw.append(state_fw)
                    states_bw.append(state_bw)
            return inputs, tuple(states_fw), tuple(states_bw)
        return cells_fw + cells_bw, run_
    return program


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("time_major", [False, True], ids=["batch_major", "time_major"])
def test_bidirectional_dynamic_rnn(time_major, mode):
    actual = run(bidirectional_program(time_major), mode)
    assert "bidirectional_rnn/bw/gru_cell/candidate/bias" in actual.shapes


def test_bidirectional_dynamic_rnn_without_lengths():
    run(bidirectional_program(False, with_lengths=False), "graph")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("bidirectional", [False, True], ids=["static_rnn", "static_bidirectional_rnn"])
def test_static_drivers(bidirectional, mode):
    actual = run(static_program(bidirectional), mode, static_steps=True)
    assert len(actual.values) == (harness.STEPS + 3 if bidirectional else harness.STEPS + 2)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dynamic", [True, False], ids=["dynamic", "static"])
def test_stack_bidirectional(dynamic, mode):
    actual = run(stacked_program(dynamic), mode, static_steps=not dynamic)
    prefix = "stack_bidirectional_rnn/cell_1/" + ("bidirectional_rnn/" if dynamic else "")
    assert f"{prefix}bw/basic_rnn_cell/kernel" in actual.shapes


def test_backward_outputs_are_reversed_by_length():
    x = np.arange(12, dtype=np.float32).reshape(2, 3, 2)

    class Identity(tf1compat.nn.rnn_cell.RNNCell):
        state_size = output_size = 2

        def call(self, inputs, state):
            return inputs, state

    (fw, bw), _ = tf1compat.nn.bidirectional_dynamic_rnn(
        Identity(), Identity(), x, sequence_length=[3, 2], dtype=tf.float32)
    valid = np.arange(3)[None, :, None] < np.array([3, 2])[:, None, None]
    np.testing.assert_array_equal(fw, x * valid)  # zeros past each length
    np.testing.assert_array_equal(bw, fw)  # identity cell: reversal by length undone exactly


@pytest.mark.parametrize("call, message", [
    (lambda c: tf1compat.nn.static_rnn(c, tf.zeros([2, 3, 4]), dtype=tf.float32),
     r"list of time steps .*Received: inputs=TensorShape\(\[2, 3, 4\]\)"),
    (lambda c: tf1compat.nn.static_rnn(c, [], dtype=tf.float32), "must not be empty"),
    (lambda c: tf1compat.nn.static_rnn(c, [tf.zeros([2, 4])]), "dtype must be specified"),
    (lambda c: tf1compat.contrib.rnn.stack_bidirectional_dynamic_rnn(
        [c], [], tf.zeros([2, 3, 4]), dtype=tf.float32), r"`cells_bw` must be a non-empty list"),
    (lambda c: tf1compat.contrib.rnn.stack_bidirectional_dynamic_rnn(
        [c], [c, c], tf.zeros([2, 3, 4]), dtype=tf.float32), "same depth"),
])
def test_driver_argument_errors(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call(tf1compat.nn.rnn_cell.GRUCell(2))
