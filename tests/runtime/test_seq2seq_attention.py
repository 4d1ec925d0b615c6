"""contrib.seq2seq attention: eager and tf.function equal TF1 graph mode (same weights, same
variable names), float64, Keras cells inside, the state's clone, and errors that name the
argument. Equality with the real TF 1.15 is in tests/tf115/programs/seq2seq_attention.py."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.contrib import seq2seq
from tf1compat.nn import rnn_cell

MEMORY = np.random.default_rng(0).normal(size=(3, 5, 2))
MEMORY_LENGTHS = [5, 1, 3]
INPUTS = np.random.default_rng(1).normal(size=(3, 4, 2))
LENGTHS = [4, 1, 2]


def _initializer(shape, dtype=tf.float32, partition_info=None):
    """Deterministic, non-symmetric values: the same weights in every mode."""
    size = int(np.prod(shape))
    return tf.constant(0.6 * np.sin(np.arange(size) * 1.7 + size).reshape(shape), dtype)


def _stacked(structure):
    return [x.stack() if isinstance(x, tf.TensorArray) else x for x in tf.nest.flatten(structure)]


def _decode_bahdanau(dtype):
    mechanism = seq2seq.BahdanauAttention(4, tf.constant(MEMORY, dtype), MEMORY_LENGTHS,
                                          normalize=True, dtype=dtype)
    cell = seq2seq.AttentionWrapper(rnn_cell.LSTMCell(4), mechanism, attention_layer_size=3,
                                    alignment_history=True)

    def run():
        helper = seq2seq.TrainingHelper(tf.constant(INPUTS, dtype), LENGTHS)
        decoder = seq2seq.BasicDecoder(cell, helper, cell.zero_state(3, dtype))
        return _stacked(seq2seq.dynamic_decode(decoder, impute_finished=True))

    return [cell], run


def _dynamic_rnn_multi(dtype):
    memory = tf.constant(MEMORY, dtype)
    mechanisms = [seq2seq.LuongMonotonicAttention(3, memory, MEMORY_LENGTHS, scale=True,
                                                  mode="recursive", dtype=dtype),
                  seq2seq.BahdanauMonotonicAttention(4, memory, dtype=dtype, mode="hard")]
    cell = seq2seq.AttentionWrapper(rnn_cell.GRUCell(3), mechanisms, attention_layer_size=[2, 3],
                                    output_attention=False)
    return [cell], lambda: _stacked(tf1compat.nn.dynamic_rnn(
        cell, tf.constant(INPUTS, dtype), sequence_length=LENGTHS, dtype=dtype))


def _greedy_luong(dtype):
    mechanism = seq2seq.LuongAttention(5, tf.constant(MEMORY, dtype), MEMORY_LENGTHS, scale=True,
                                       probability_fn=seq2seq.hardmax, dtype=dtype)
    cell = seq2seq.AttentionWrapper(rnn_cell.BasicLSTMCell(5), mechanism,
                                    cell_input_fn=lambda inputs, attention: inputs + attention[:, :2])
    embedding = tf.constant(INPUTS[0], dtype)
    output_layer = tf1compat.layers.Dense(4, dtype=dtype)

    def run():
        helper = seq2seq.GreedyEmbeddingHelper(embedding, tf.fill([3], 1), 0)
        decoder = seq2seq.BasicDecoder(cell, helper, cell.zero_state(3, dtype), output_layer)
        return _stacked(seq2seq.dynamic_decode(decoder, maximum_iterations=4))

    return [cell, output_layer], run


CASES = {"bahdanau_decoder": _decode_bahdanau, "dynamic_rnn_multi": _dynamic_rnn_multi,
         "greedy_luong": _greedy_luong}


def _graph_run(case, dtype):
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("model", initializer=_initializer):
            results = CASES[case](dtype)[1]()
        names = sorted(v.op.name for v in tf.compat.v1.global_variables())
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            return session.run(results), names


def _eager_run(case, dtype, traced):
    with tf.compat.v1.variable_scope("model", initializer=_initializer):
        layers, run = CASES[case](dtype)
        results = tf.function(run)() if traced else run()
    variables = {name: v for layer in layers for name, v in layer.tf1_variable_names.items()}
    return [np.asarray(r) for r in results], variables


@pytest.mark.parametrize("dtype", [tf.float32, tf.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf_function"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_eager_and_tf_function_equal_graph_mode(case, traced, dtype):
    want, names = _graph_run(case, dtype)
    got, variables = _eager_run(case, dtype, traced)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_allclose(g, w, atol=1e-6, rtol=0)
    assert sorted(variables) == names
    assert all(tf.as_dtype(v.dtype) == dtype for v in variables.values())


def test_build_creates_every_variable_in_tf1_scopes():
    with tf.Graph().as_default():
        mechanisms = [seq2seq.BahdanauAttention(4, MEMORY.astype(np.float32)),
                      seq2seq.LuongMonotonicAttention(3, MEMORY.astype(np.float32), scale=True)]
        cell = seq2seq.AttentionWrapper(rnn_cell.GRUCell(3), mechanisms, attention_layer_size=[2, 3])
        with tf.compat.v1.variable_scope("decoder"):
            cell.build(tf.TensorShape([None, 2]))
        assert sorted(v.op.name for v in tf.compat.v1.global_variables()) == [
            "decoder/attention_wrapper/attention_layer/kernel",
            "decoder/attention_wrapper/attention_layer_1/kernel",
            "decoder/attention_wrapper/bahdanau_attention/attention_v",
            "decoder/attention_wrapper/bahdanau_attention/query_layer/kernel",
            "decoder/attention_wrapper/gru_cell/candidate/bias",
            "decoder/attention_wrapper/gru_cell/candidate/kernel",
            "decoder/attention_wrapper/gru_cell/gates/bias",
            "decoder/attention_wrapper/gru_cell/gates/kernel",
            "decoder/attention_wrapper/luong_monotonic_attention/attention_g",
            "decoder/attention_wrapper/luong_monotonic_attention/attention_score_bias",
            "memory_layer/kernel", "memory_layer_1/kernel"]


def test_keras_cell_inside_eager_equals_tf_function():
    mechanism = seq2seq.BahdanauAttention(4, MEMORY.astype(np.float32), MEMORY_LENGTHS)
    cell = seq2seq.AttentionWrapper(keras.layers.GRUCell(3), mechanism, attention_layer_size=2)
    inputs = INPUTS.astype(np.float32)
    eager, _ = tf1compat.nn.dynamic_rnn(cell, inputs, sequence_length=LENGTHS, dtype=tf.float32)
    traced, _ = tf.function(lambda: tf1compat.nn.dynamic_rnn(cell, inputs, dtype=tf.float32))()
    assert eager.shape == (3, 4, 2)
    np.testing.assert_allclose(eager[0], traced[0], atol=1e-6)


def test_clone_replaces_fields_and_checks_shapes():
    mechanism = seq2seq.LuongAttention(3, MEMORY.astype(np.float32))
    cell = seq2seq.AttentionWrapper(rnn_cell.GRUCell(3), mechanism, alignment_history=True)
    state = cell.zero_state(3, tf.float32)
    cloned = state.clone(cell_state=tf.ones([3, 3]))
    assert isinstance(cloned, seq2seq.AttentionWrapperState)
    np.testing.assert_array_equal(cloned.cell_state, np.ones([3, 3]))
    assert cloned.alignment_history is state.alignment_history and cloned.time is state.time
    with pytest.raises(ValueError, match=r"`cell_state`.*Received: cell_state.shape=\(3, 4\)"):
        state.clone(cell_state=tf.ones([3, 4]))
    with tf.Graph().as_default():
        batch = tf.compat.v1.placeholder(tf.int32, [])
        state = cell.zero_state(batch, tf.float32)
        new = tf.compat.v1.placeholder(tf.float32, [None, 3])
        cloned = state.clone(cell_state=new)
        with tf.compat.v1.Session() as session:
            session.run(cloned.cell_state, {batch: 3, new: np.ones([3, 3])})
            with pytest.raises(tf.errors.InvalidArgumentError):
                session.run(cloned.cell_state, {batch: 3, new: np.ones([2, 3])})


def test_functions():
    logits = np.array([[0.1, 2.0, 0.3], [4.0, 1.0, 4.0]])
    np.testing.assert_array_equal(seq2seq.hardmax(logits), [[0, 1, 0], [1, 0, 0]])
    x = np.array([[0.5, 0.2, 1e-30, 0.7]])
    np.testing.assert_allclose(seq2seq.safe_cumprod(x, axis=1, exclusive=True),
                               [[1.0, 0.5, 0.1, 1e-31]], rtol=1e-6)
    p = np.random.default_rng(3).uniform(size=(2, 6))
    previous = np.array([[1.0, 0, 0, 0, 0, 0], [0.2, 0.3, 0.5, 0, 0, 0]])
    recursive = seq2seq.monotonic_attention(p, previous, "recursive")
    np.testing.assert_allclose(seq2seq.monotonic_attention(p, previous, "parallel"), recursive,
                               atol=1e-6)
    hard = (p > 0.5).astype(np.float64)
    one_hot = np.eye(6)[[0, 2]]
    np.testing.assert_allclose(seq2seq.monotonic_attention(hard, one_hot, "hard"),
                               seq2seq.monotonic_attention(hard, one_hot, "recursive"))


def test_errors_name_the_argument():
    memory = MEMORY.astype(np.float32)
    with pytest.raises(ValueError, match=r"Received: memory.shape=\(3, 5\)"):
        seq2seq.BahdanauAttention(4, memory[:, :, 0])
    with pytest.raises(ValueError, match="Received: memory.shape"):
        with tf.Graph().as_default():
            seq2seq.LuongAttention(4, tf.compat.v1.placeholder(tf.float32, [None, None, None]))
    with pytest.raises(ValueError, match="Received: mode='soft'"):
        seq2seq.BahdanauMonotonicAttention(4, memory, mode="soft")
    with pytest.raises(ValueError, match="Received: mode='soft'"):
        seq2seq.monotonic_attention([[1.0]], [[1.0]], "soft")
    with pytest.raises(TypeError, match="Received: probability_fn='softmax'"):
        seq2seq.LuongAttention(4, memory, probability_fn="softmax")
    mechanism = seq2seq.LuongAttention(4, memory)
    with pytest.raises(ValueError, match=r"memory batch size 3, initial_cell_state batch size 2"):
        seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), mechanism, initial_cell_state=tf.zeros([2, 4]))
    cell = seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), mechanism)
    with pytest.raises(ValueError, match=r"zero_state's batch_size batch size 5"):
        cell.zero_state(5, tf.float32)
    with pytest.raises(ValueError, match=r"one entry per attention mechanism \(2\)\. Received: "
                                         r"attention_layer_size=\[3\]"):
        seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), [mechanism, mechanism], attention_layer_size=[3])
    with pytest.raises(ValueError, match="Only one of attention_layer_size and attention_layer"):
        seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), mechanism, attention_layer_size=3,
                                 attention_layer=tf1compat.layers.Dense(3))
    with pytest.raises(TypeError, match="Received: 'luong' of type str"):
        seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), "luong")
    with pytest.raises(TypeError, match="Received: state of type tuple"):
        cell(tf.ones([3, 2]), (tf.zeros([3, 4]),))
    with pytest.raises(ValueError, match="num_units=4.*Received: query depth 3"):
        wrong = seq2seq.AttentionWrapper(rnn_cell.GRUCell(3), seq2seq.LuongAttention(4, memory))
        wrong(tf.ones([3, 2]), wrong.zero_state(3, tf.float32))
    with pytest.raises(tf.errors.InvalidArgumentError, match="must be greater than zero"):
        zero_length = seq2seq.BahdanauAttention(4, memory, [5, 0, 3])
        zero_length(tf.ones([3, 4]), zero_length.initial_state(3, tf.float32))


def test_batch_mismatch_known_at_run_time_fails_in_graph():
    with tf.Graph().as_default():
        memory = tf.compat.v1.placeholder(tf.float32, [None, 5, 2])
        cell = seq2seq.AttentionWrapper(rnn_cell.GRUCell(4), seq2seq.LuongAttention(4, memory))
        state = cell.zero_state(3, tf.float32)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            with pytest.raises(tf.errors.InvalidArgumentError, match="Non-matching batch sizes"):
                session.run(state.cell_state, {memory: MEMORY[:2]})
