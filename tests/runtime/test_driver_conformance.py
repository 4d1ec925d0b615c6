"""Driver behaviours TF 1.15's own RNN tests check, written for tf1compat.

Each test names the behaviour of TF1 it keeps; where numbers are compared, the
oracle is TF1's code (tf_keras legacy cells + `tf.compat.v1.nn`) with the same weights.
"""

import pathlib
import sys

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "equivalence"))
import harness  # noqa: E402

CORE_CELLS = {
    "basic_rnn": lambda m: m.BasicRNNCell(5),
    "gru": lambda m: m.GRUCell(5),
    "basic_lstm": lambda m: m.BasicLSTMCell(5),
    "lstm": lambda m: m.LSTMCell(5, use_peepholes=True),
}


def _copy_weights(source, target):
    for s, t in zip(source.weights, target.weights, strict=True):
        t.assign(s)


def test_overridden_call_is_run_by_dynamic_rnn():
    """A subclass overriding `call` must not be bypassed by the split-step fast path."""

    class Doubled(rnn_cell.BasicLSTMCell):
        def call(self, inputs, state):
            output, state = super().call(inputs, state)
            return 2 * output, state

    x = harness.random_inputs()
    plain, doubled = rnn_cell.BasicLSTMCell(4), Doubled(4)
    plain_out, plain_state = tf1compat.nn.dynamic_rnn(plain, x, harness.LENGTHS, dtype=tf.float32)
    tf1compat.nn.dynamic_rnn(doubled, x, harness.LENGTHS, dtype=tf.float32)
    _copy_weights(plain, doubled)
    out, state = tf1compat.nn.dynamic_rnn(doubled, x, harness.LENGTHS, dtype=tf.float32)
    np.testing.assert_allclose(out, 2 * plain_out.numpy(), atol=1e-6)
    np.testing.assert_allclose(state.c, plain_state.c, atol=1e-6)


@pytest.mark.parametrize("driver", ["dynamic_rnn", "static_rnn"])
def test_overridden_dunder_call_is_run(driver):
    class Doubled(rnn_cell.GRUCell):
        def __call__(self, inputs, state, scope=None):
            output, state = super().__call__(inputs, state, scope=scope)
            return 2 * output, state

    x = harness.random_inputs()

    def run(cell):
        if driver == "dynamic_rnn":
            return tf1compat.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]
        return tf.stack(tf1compat.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)[0], 1)

    plain, doubled = rnn_cell.GRUCell(3), Doubled(3)
    expected = run(plain).numpy()
    run(doubled)
    _copy_weights(plain, doubled)
    np.testing.assert_allclose(run(doubled), 2 * expected, atol=1e-6)


def _initial_state_program(make, batch):
    def program(module):
        cell = make(module)

        def run(nn, x, seq):
            return nn.dynamic_rnn(cell, x, sequence_length=seq,
                                  initial_state=cell.zero_state(batch, tf.float32))
        return cell, run
    return program


@pytest.mark.parametrize("name", CORE_CELLS)
def test_fixed_batch_initial_state_with_unknown_input_batch(name):
    """`initial_state=cell.zero_state(1, ...)` with inputs `[None, T, D]` builds and runs (TF1 did)."""
    program = _initial_state_program(CORE_CELLS[name], 1)
    x, lengths = harness.random_inputs()[3:4], harness.LENGTHS[3:4]
    expected = harness.run_graph(program, x, lengths, oracle=True)
    harness.run_graph(program, x, lengths, oracle=False).assert_close(expected)


@pytest.mark.parametrize("name", ["gru", "basic_lstm"])
def test_all_zero_lengths_with_unknown_batch_in_graph(name):
    program = harness.dynamic_rnn_program(harness.CellCase(name, CORE_CELLS[name], None, None),
                                          time_major=False)
    zeros = np.zeros(harness.BATCH, np.int32)
    expected = harness.run_graph(program, harness.random_inputs(), zeros, oracle=True)
    actual = harness.run_graph(program, harness.random_inputs(), zeros, oracle=False)
    actual.assert_close(expected)
    assert not actual.values[0].any()


@pytest.mark.parametrize("batch", [0, 3])
def test_all_zero_lengths_in_a_tf_function_with_unknown_batch(batch):
    cell = rnn_cell.GRUCell(4)

    @tf.function(input_signature=[tf.TensorSpec([None, 6, 2]), tf.TensorSpec([None], tf.int32)])
    def run(x, lengths):
        return tf1compat.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)

    outputs, state = run(tf.ones([batch, 6, 2]), tf.zeros([batch], tf.int32))
    assert outputs.shape == (batch, 6, 4) and not outputs.numpy().any()
    assert state.shape == (batch, 4) and not state.numpy().any()


class _ScalarCounterCell(rnn_cell.RNNCell):
    """Output = input; the state is one scalar step counter (no batch dimension)."""

    output_size = 1
    state_size = tf.TensorShape([])

    def zero_state(self, batch_size, dtype):
        return tf.zeros([], tf.int32)

    def call(self, inputs, state):
        return inputs, state + 1


class _TensorArrayStateCell(rnn_cell.RNNCell):
    """Keeps every input in a TensorArray held in its state, with a scalar counter."""

    output_size = 1
    state_size = (tf.TensorShape([]), ())

    def zero_state(self, batch_size, dtype):
        return tf.zeros([], tf.int32), tf.TensorArray(dtype, size=0, dynamic_size=True)

    def call(self, inputs, state):
        count, array = state
        return inputs, (count + 1, array.write(count, inputs))


@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
def test_scalar_and_tensor_array_states_pass_through_lengths(mode):
    """TF1's copy-through applies only to tensors with a batch dimension."""
    x = np.arange(1, 5, dtype=np.float32).reshape([1, 4, 1])

    def run():
        outputs, count = tf1compat.nn.dynamic_rnn(
            _ScalarCounterCell(), x, sequence_length=[4], dtype=tf.float32)
        _, (count_2, array) = tf1compat.nn.dynamic_rnn(
            _TensorArrayStateCell(), x, sequence_length=[4], dtype=tf.float32, scope="ta")
        return outputs, count, count_2, array.stack()

    if mode == "graph":
        with tf.Graph().as_default():
            results = run()
            with tf.compat.v1.Session() as session:
                results = session.run(results)
    else:
        results = (tf.function(run) if mode == "tf_function" else run)()
    outputs, count, count_2, stacked = (np.asarray(r) for r in results)
    np.testing.assert_array_equal(outputs, x)
    assert count == 4 and count_2 == 4
    np.testing.assert_array_equal(stacked, x.reshape([4, 1, 1]))


@pytest.mark.parametrize("driver", ["dynamic_rnn", "static_rnn"])
def test_keras_cell_with_one_state_returns_a_tensor_state(driver):
    x = harness.random_inputs()
    cell = keras.layers.SimpleRNNCell(3)
    if driver == "dynamic_rnn":
        outputs, state = tf1compat.nn.dynamic_rnn(cell, x, harness.LENGTHS, dtype=tf.float32)
        last = outputs[:, -1]
    else:
        outputs, state = tf1compat.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
        last = outputs[-1]
    assert tf.is_tensor(state) and state.shape == (harness.BATCH, 3)
    if driver == "static_rnn":
        np.testing.assert_allclose(state, last, atol=1e-6)
    # An initial state in Keras' own form `[h]` is accepted too.
    _, again = tf1compat.nn.dynamic_rnn(cell, x, initial_state=[tf.zeros([harness.BATCH, 3])])
    assert tf.is_tensor(again)


def test_static_batch_dimension_comes_from_the_inputs_not_the_lengths():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [8, None, 5])  # time-major, unknown batch
        outputs, state = tf1compat.nn.dynamic_rnn(
            rnn_cell.GRUCell(5), x, sequence_length=[4, 6], dtype=tf.float32, time_major=True)
        assert outputs.shape.as_list() == [8, None, 5]
        assert state.shape.as_list() == [None, 5]


def _graph_static_and_dynamic(make_cell, lengths):
    """`(static, dynamic)` values of `static_rnn` and `dynamic_rnn` sharing one cell.

    Each is `(forward, gradients)`: outputs and state, then their gradients.
    """
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(5)
        steps = [tf.compat.v1.placeholder(tf.float32, [None, 3]) for _ in range(6)]
        cell = make_cell()
        with tf.compat.v1.variable_scope("root") as scope:
            static_out, static_state = tf1compat.nn.static_rnn(
                cell, steps, sequence_length=lengths, dtype=tf.float32, scope=scope)
            scope.reuse_variables()
            dynamic_out, dynamic_state = tf1compat.nn.dynamic_rnn(
                cell, tf.stack(steps), sequence_length=lengths, dtype=tf.float32,
                time_major=True, scope=scope)
        variables = tf.compat.v1.trainable_variables()
        static = [tf.stack(static_out)] + tf.nest.flatten(static_state)
        dynamic = [dynamic_out] + tf.nest.flatten(dynamic_state)
        static = (static, tf.gradients(static, variables))
        dynamic = (dynamic, tf.gradients(dynamic, variables))
        feed = dict(zip(steps, harness.random_inputs().transpose(1, 0, 2)))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            return session.run((static, dynamic), feed)


@pytest.mark.parametrize("make_cell", [
    lambda: rnn_cell.LSTMCell(4, use_peepholes=True, num_proj=3),
    lambda: rnn_cell.GRUCell(4),
    lambda: rnn_cell.BasicRNNCell(4),
], ids=["lstm", "gru", "basic_rnn"])
def test_static_and_dynamic_rnn_are_bit_identical(make_cell):
    """TF1's static_rnn and dynamic_rnn agreed bit for bit; so do ours (docs/semantics.md).

    As in TF1 (its own test compares them with assertAllClose), gradients agree to
    rounding: the two backward passes sum the steps' contributions in other orders.
    """
    (static, static_grads), (dynamic, dynamic_grads) = _graph_static_and_dynamic(
        make_cell, harness.LENGTHS)
    for s, d in zip(static, dynamic, strict=True):
        np.testing.assert_array_equal(s, d)
    for s, d in zip(static_grads, dynamic_grads, strict=True):
        np.testing.assert_allclose(s, d, atol=1e-5)


def test_tuple_inputs_to_a_single_input_cell_are_named():
    x = harness.random_inputs()
    with pytest.raises(ValueError, match=r"one input tensor per step.*Received: inputs"):
        tf1compat.nn.dynamic_rnn(rnn_cell.BasicLSTMCell(3), (x, x), dtype=tf.float32)


def test_lstm_initial_state_as_a_list_is_a_structure_error():
    x = harness.random_inputs()
    zeros = tf.zeros([harness.BATCH, 3])
    with pytest.raises(ValueError, match=r"`initial_state` must have the structure of "
                                         r"cell.state_size=LSTMStateTuple.*LSTMStateTuple\(c, h\)"):
        tf1compat.nn.dynamic_rnn(rnn_cell.BasicLSTMCell(3), x, initial_state=[zeros, zeros])


def test_raw_rnn_state_of_the_wrong_structure_is_named():
    cell = rnn_cell.LSTMCell(3, state_is_tuple=False)  # state is one [batch, 6] tensor
    inputs = tf.zeros([2, 4])

    def loop_fn(time, cell_output, cell_state, loop_state):
        state = rnn_cell.LSTMStateTuple(tf.zeros([2, 3]), tf.zeros([2, 3]))
        return tf.fill([2], time >= 3), inputs, state, None, None

    with pytest.raises(ValueError, match=r"^The initial state returned by loop_fn must have the "
                                         r"structure of cell.state_size=6\. Received: "):
        tf1compat.nn.raw_rnn(cell, loop_fn)


def test_cell_built_lazily_in_a_tf_function_retraces_for_new_shapes():
    """A cell made during the first trace keeps working when new shapes retrace the function."""
    made = {}

    @tf.function
    def run(x):
        cell = made.setdefault("cell", rnn_cell.BasicLSTMCell(4))
        return tf1compat.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]

    for shape in ([2, 3, 5], [2, 4, 5], [3, 4, 5]):
        assert run(tf.ones(shape)).shape == shape[:2] + [4]
    assert len(made["cell"].trainable_weights) == 2


@pytest.mark.parametrize("driver", [tf1compat.nn.static_bidirectional_rnn,
                                    tf1compat.contrib.rnn.stack_bidirectional_rnn])
def test_static_bidirectional_drivers_want_a_list(driver):
    cells = [rnn_cell.GRUCell(2)]
    args = (cells, cells) if driver is tf1compat.contrib.rnn.stack_bidirectional_rnn else \
        (cells[0], rnn_cell.GRUCell(2))
    with pytest.raises(TypeError, match=r"`inputs` must be a list"):
        driver(*args, tf.zeros([2, 3, 4]), dtype=tf.float32)


def test_static_rnn_takes_token_ids_for_an_embedding_wrapper():
    """TF1's static_rnn accepted `[batch]` steps (ids) for a cell that embeds them."""
    cell = tf1compat.contrib.rnn.EmbeddingWrapper(rnn_cell.GRUCell(3), embedding_classes=10,
                                                  embedding_size=4)
    outputs, state = tf1compat.nn.static_rnn(cell, [tf.constant([1, 2]), tf.constant([3, 4])],
                                             dtype=tf.float32)
    assert len(outputs) == 2 and outputs[1].shape == (2, 3)
    np.testing.assert_allclose(state, outputs[1], atol=1e-6)


def test_numpy_inputs_and_initial_state_are_taken_eagerly():
    """TF1's drivers took NumPy arrays for both (TF 1.15's `testBatchSizeFromInput`)."""
    cell = rnn_cell.BasicRNNCell(5)
    inputs = np.random.default_rng(0).normal(size=(3, 4, 5)).astype(np.float32)
    state_np = np.full((3, 5), 0.5, np.float32)
    outputs, state = tf1compat.nn.dynamic_rnn(cell, inputs, initial_state=state_np)
    expected, expected_state = tf1compat.nn.dynamic_rnn(cell, tf.constant(inputs),
                                                        initial_state=tf.constant(state_np))
    assert outputs.shape == (3, 4, 5) and state.shape == (3, 5)
    np.testing.assert_array_equal(outputs, expected)
    np.testing.assert_array_equal(state, expected_state)
    with pytest.raises(ValueError, match="initial_state.dtype"):
        tf1compat.nn.dynamic_rnn(cell, inputs, initial_state=state_np.astype(np.float64))
