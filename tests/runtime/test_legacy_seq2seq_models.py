"""tf1compat.contrib.legacy_seq2seq: errors that name the argument, eager and tf.function runs
equal to TF1 graph runs (variables kept on the cell eagerly), and `copy.deepcopy` of cells."""

import copy
import zlib

import keras
import numpy as np
import pytest
import tensorflow as tf

from tf1compat.contrib import legacy_seq2seq, rnn
from tf1compat.nn import rnn_cell

SYMBOLS = np.random.RandomState(0).randint(0, 5, size=(4, 3)).astype(np.int32)
STEPS = [tf.ones([2, 3])] * 3


def value_for(name, shape):
    """A random, non-symmetric value for a variable, seeded by its TF1 name."""
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    return rng.uniform(-0.7, 0.7, size=shape).astype(np.float32)


def one2many(cells, symbols, feed):
    outputs, states = legacy_seq2seq.one2many_rnn_seq2seq(
        symbols, {"a": symbols[:2], "b": symbols}, cells[0], cells[1], 5, {"a": 5, "b": 6}, 3,
        feed_previous=tf.constant(feed))
    return outputs, states


def buckets(cell, symbols, feed):
    return legacy_seq2seq.model_with_buckets(
        symbols, symbols, symbols, [tf.ones([3])] * 4, [(2, 3), (4, 4)],
        lambda x, y: legacy_seq2seq.embedding_rnn_seq2seq(x, y, cell, 5, 5, 3,
                                                          feed_previous=feed))


# name -> (make the home cell, run the model on `[T] x [batch]` symbols with feed_previous)
MODELS = {
    "embedding_attention": (
        lambda: rnn_cell.BasicLSTMCell(4),
        lambda cell, symbols, feed: legacy_seq2seq.embedding_attention_seq2seq(
            symbols, symbols[:3], cell, 5, 5, 3, num_heads=2, feed_previous=tf.constant(feed),
            initial_state_attention=True)),
    "embedding_tied": (
        lambda: rnn_cell.GRUCell(4),
        lambda cell, symbols, feed: legacy_seq2seq.embedding_tied_rnn_seq2seq(
            symbols, symbols, cell, 5, 3, feed_previous=tf.constant(feed))),
    "one2many": (lambda: (rnn_cell.BasicLSTMCell(4), {"a": rnn_cell.BasicLSTMCell(4),
                                                       "b": rnn_cell.LSTMCell(4)}), one2many),
    "buckets": (lambda: rnn_cell.GRUCell(4), buckets),
}


def home_of(cells):
    return cells[0] if isinstance(cells, tuple) else cells


def run_in_graph(name, feed):
    """The model's outputs in a TF1 graph, every variable set by `value_for`."""
    make, model = MODELS[name]
    with tf.Graph().as_default():
        outputs = tf.nest.flatten(model(make(), [tf.constant(s) for s in SYMBOLS], feed))
        variables = tf.compat.v1.global_variables()
        with tf.compat.v1.Session() as session:
            for variable in variables:
                variable.load(value_for(variable.op.name, variable.shape.as_list()), session)
            return session.run(outputs), {v.op.name for v in variables}


@pytest.mark.parametrize("feed", [True, False])
@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("mode", ["eager", "tf.function"])
def test_eager_and_tf_function_equal_graph(name, feed, mode):
    want, graph_names = run_in_graph(name, feed)
    make, model = MODELS[name]
    cells = make()
    home = home_of(cells)

    def step(*symbols):
        return tf.nest.flatten(model(cells, list(symbols), feed))

    step = tf.function(step) if mode == "tf.function" else step
    symbols = [tf.constant(s) for s in SYMBOLS]
    step(*symbols)
    names = home.tf1_variable_names
    assert set(names) == graph_names  # every variable, under its TF1 name
    count = len(home.trainable_weights)
    for variable_name, variable in names.items():
        variable.assign(value_for(variable_name, variable.shape.as_list()))
    got = step(*symbols)  # a second call reuses the variables of the first
    assert len(home.trainable_weights) == count == len(graph_names)
    for got_tensor, want_tensor in zip(got, want):
        np.testing.assert_allclose(got_tensor, want_tensor, atol=1e-6)


def test_eager_training_step_updates_every_variable():
    cell = rnn_cell.GRUCell(4)
    symbols = [tf.constant(s) for s in SYMBOLS]
    with tf.GradientTape() as tape:
        outputs, _ = legacy_seq2seq.embedding_attention_seq2seq(symbols, symbols, cell, 5, 5, 3)
        loss = legacy_seq2seq.sequence_loss(outputs, symbols, [tf.ones([3])] * 4)
    gradients = tape.gradient(loss, cell.trainable_weights)
    assert all(g is not None for g in gradients)
    assert {"embedding_attention_seq2seq/rnn/embedding_wrapper/embedding",
            "embedding_attention_seq2seq/embedding_attention_decoder/attention_decoder/AttnW_0"
            } <= set(cell.tf1_variable_names)


def test_keras_cell_runs_in_graph_only():
    cell = keras.layers.GRUCell(4)
    with pytest.raises(TypeError, match=r"must be a tf1compat RNNCell.*Received: cell=<"):
        legacy_seq2seq.rnn_decoder(STEPS, tf.zeros([2, 4]), cell)
    with tf.Graph().as_default():
        outputs, _ = legacy_seq2seq.rnn_decoder([tf.ones([2, 3])] * 3, tf.zeros([2, 4]), cell)
    assert outputs[0].shape.as_list() == [2, 4]


@pytest.mark.parametrize("call, error, message", [
    (lambda: legacy_seq2seq.attention_decoder([], tf.zeros([2, 4]), tf.ones([2, 5, 3]),
                                              rnn_cell.GRUCell(4)),
     ValueError, r"`decoder_inputs` must hold at least one step. Received: decoder_inputs=\[\]"),
    (lambda: legacy_seq2seq.attention_decoder(STEPS, tf.zeros([2, 4]), tf.ones([2, 5, 3]),
                                              rnn_cell.GRUCell(4), num_heads=0),
     ValueError, r"`num_heads` must be >= 1.*Received: num_heads=0"),
    (lambda: legacy_seq2seq.sequence_loss_by_example(STEPS, STEPS[:2], STEPS),
     ValueError, r"same length. Received: len\(logits\)=3, len\(targets\)=2, len\(weights\)=3"),
    (lambda: legacy_seq2seq.model_with_buckets(STEPS, STEPS, STEPS, STEPS, [], None),
     ValueError, r"`buckets` must hold at least one.*Received: buckets=\[\]"),
    (lambda: legacy_seq2seq.model_with_buckets(STEPS, STEPS, STEPS, STEPS, [(2, 2), (4, 3)], None),
     ValueError, r"`encoder_inputs` must be at least as long as the last bucket needs \(4\). "
                 r"Received: len\(encoder_inputs\)=3, buckets\[-1\]=\(4, 3\)"),
    (lambda: legacy_seq2seq.model_with_buckets(STEPS, STEPS, STEPS, STEPS[:2], [(3, 3)], None),
     ValueError, r"`weights` must be at least.*\(3\). Received: len\(weights\)=2"),
    (lambda: legacy_seq2seq.one2many_rnn_seq2seq(STEPS, {"a": STEPS}, rnn_cell.GRUCell(4),
                                                 {"b": rnn_cell.GRUCell(4)}, 5, {"a": 5}, 3),
     ValueError, r"same keys. Received: dec_cells_dict keys \['b'\], "
                 r"decoder_inputs_dict keys \['a'\]"),
    (lambda: legacy_seq2seq.one2many_rnn_seq2seq(STEPS, {"a": STEPS}, "gru", {"a": "gru"},
                                                 5, {"a": 5}, 3),
     TypeError, r"Received: enc_cell='gru'"),
    (lambda: legacy_seq2seq.embedding_rnn_decoder(
        [tf.constant([1, 2])], tf.zeros([2, 4]), rnn_cell.GRUCell(4), 5, 3,
        output_projection=(tf.ones([4, 6]), tf.ones([5])), feed_previous=True),
     ValueError, r"`output_projection\[0\]` must have shape \[None, 5\].*"
                 r"Received: output_projection\[0\].shape=\(4, 6\)"),
    (lambda: rnn.EmbeddingWrapper(rnn_cell.GRUCell(4), 0, 3),
     ValueError, r"Received: embedding_classes=0, embedding_size=3"),
    (lambda: rnn.OutputProjectionWrapper(rnn_cell.GRUCell(4), 0),
     ValueError, r"`output_size` must be > 0. Received: output_size=0"),
])
def test_errors_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_unknown_depths_in_graph():
    with tf.Graph().as_default():
        memory = tf.compat.v1.placeholder(tf.float32, [None, None, None])
        with pytest.raises(ValueError, match=r"depth of `attention_states`.*Received: "
                                             r"attention_states.shape=\(None, None, None\)"):
            legacy_seq2seq.attention_decoder(STEPS, tf.zeros([2, 4]), memory, rnn_cell.GRUCell(4))
        step = tf.compat.v1.placeholder(tf.float32, [None, None])
        with pytest.raises(ValueError, match=r"depth of each decoder input.*Received: "
                                             r"decoder_inputs\[0\].shape=\(None, None\)"):
            legacy_seq2seq.attention_decoder([step], tf.zeros([2, 4]), tf.ones([2, 5, 3]),
                                             rnn_cell.GRUCell(4))


@pytest.mark.parametrize("built", [False, True])
def test_deepcopy_is_a_fresh_unbuilt_cell(built):
    keep = tf.constant(0.5)
    shared = rnn_cell.GRUCell(3)
    cell = rnn_cell.MultiRNNCell([rnn_cell.DropoutWrapper(shared, output_keep_prob=keep),
                                  shared])
    if built:
        cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    clone = copy.deepcopy(cell)
    assert type(clone) is rnn_cell.MultiRNNCell and not clone.built and not clone.weights
    wrapper, inner = clone._cells
    assert wrapper.cell is inner and inner is not shared  # shared cells stay one copy
    assert wrapper._keep_probs["output"] == 0.5
    clone(tf.ones([2, 3]), clone.zero_state(2, tf.float32))
    assert len(clone.weights) == 4
    assert all(a is not b for a, b in zip(clone.weights, shared.weights))


def test_deepcopy_in_graph_gets_variables_of_its_own():
    with tf.Graph().as_default():
        keep = tf.compat.v1.placeholder_with_default(0.5, [])
        cell = rnn_cell.DropoutWrapper(rnn_cell.LSTMCell(3), output_keep_prob=keep)
        cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
        clone = copy.deepcopy(cell)
        assert clone._keep_probs["output"] is keep  # tensors are shared, not copied
        clone(tf.ones([2, 3]), clone.zero_state(2, tf.float32))
        assert [v.op.name for v in tf.compat.v1.global_variables()] == [
            "lstm_cell/kernel", "lstm_cell/bias", "lstm_cell_1/kernel", "lstm_cell_1/bias"]


def test_deepcopy_needs_named_constructor_arguments():
    class VariadicCell(rnn_cell.GRUCell):
        def __init__(self, *args):
            super().__init__(*args)

    with pytest.raises(TypeError, match=r"takes \*args.*Received: cell of type VariadicCell"):
        copy.deepcopy(VariadicCell(3))
