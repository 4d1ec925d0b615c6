"""Checkpoints and conversion never change values silently; object checkpoints save every cell."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell

X = np.random.default_rng(4).normal(size=(3, 4, 2)).astype(np.float32)


def _tf1_checkpoint(tmp_path, cell, dtype=tf.float32):
    """A TF1-style (Saver) checkpoint of `cell` run by dynamic_rnn in a graph."""
    with tf.Graph().as_default():
        tf1compat.nn.dynamic_rnn(cell, tf.constant(X, dtype), dtype=dtype)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            return tf.compat.v1.train.Saver().save(session, str(tmp_path / "tf1.ckpt"))


def _eager_cell(make, dtype=tf.float32):
    tf.compat.v1.reset_default_graph()
    cell = make()
    tf1compat.nn.dynamic_rnn(cell, tf.constant(X, dtype), dtype=dtype)
    return cell


def test_restore_checks_every_variable_before_assigning_any(tmp_path):
    path = _tf1_checkpoint(tmp_path, rnn_cell.MultiRNNCell([rnn_cell.GRUCell(3)]))
    cell = _eager_cell(lambda: rnn_cell.MultiRNNCell([rnn_cell.GRUCell(3), rnn_cell.GRUCell(3)]))
    before = [w.numpy() for w in cell.weights]
    with pytest.raises(ValueError, match="cell_1/gru_cell/gates/kernel' is not in checkpoint"):
        tf1compat.checkpoints.restore_tf1_variables(cell, path)
    for value, w in zip(before, cell.weights):
        np.testing.assert_array_equal(value, w)  # layer 0 was not overwritten


def test_restore_refuses_a_dtype_change(tmp_path):
    path = _tf1_checkpoint(tmp_path, rnn_cell.BasicRNNCell(3, dtype=tf.float64), tf.float64)
    cell = _eager_cell(lambda: rnn_cell.BasicRNNCell(3))
    with pytest.raises(ValueError, match=r"is float64 in the checkpoint but float32 here.*"
                                         r"dtype='float64'"):
        tf1compat.checkpoints.restore_tf1_variables(cell, path)
    restored = _eager_cell(lambda: rnn_cell.BasicRNNCell(3, dtype=tf.float64), tf.float64)
    assert len(tf1compat.checkpoints.restore_tf1_variables(restored, path)) == 2


def test_rename_must_return_a_name(tmp_path):
    path = _tf1_checkpoint(tmp_path, rnn_cell.BasicRNNCell(3))
    cell = _eager_cell(lambda: rnn_cell.BasicRNNCell(3))
    with pytest.raises(ValueError, match=r"`rename` must return.*Received: rename\('rnn/basic_rnn"
                                         r"_cell/kernel'\)=None"):
        tf1compat.checkpoints.restore_tf1_variables(cell, path, rename=lambda name: None)


def test_to_keras_keeps_float64():
    cell = _eager_cell(lambda: rnn_cell.BasicLSTMCell(3, dtype=tf.float64), tf.float64)
    keras_cell = tf1compat.convert.to_keras(cell)
    assert {w.dtype for w in keras_cell.weights} == {"float64"}
    outputs = keras.layers.RNN(keras_cell, return_sequences=True)(X.astype(np.float64))
    expected, _ = tf1compat.nn.dynamic_rnn(cell, X.astype(np.float64), dtype=tf.float64)
    np.testing.assert_allclose(outputs, expected, atol=1e-12)


@pytest.mark.parametrize("cell, message", [
    (keras.layers.LSTMCell(3), "already a native Keras cell"),
    (rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2)], state_is_tuple=False),
     r"no equivalent of MultiRNNCell\(state_is_tuple=False\)"),
])
def test_to_keras_refusals(cell, message):
    with pytest.raises(ValueError, match=message):
        tf1compat.convert.to_keras(cell)


@pytest.mark.parametrize("make", [
    lambda cell: rnn_cell.MultiRNNCell([cell]),
    lambda cell: rnn_cell.DropoutWrapper(cell),
    lambda cell: rnn_cell.ResidualWrapper(cell),
], ids=["multi", "dropout", "residual"])
def test_object_checkpoints_save_the_wrapped_cells(tmp_path, make):
    cell = rnn_cell.BasicRNNCell(1)
    wrapper = make(cell)
    wrapper(tf.ones([1, 1]), wrapper.zero_state(1, tf.float32))
    checkpoint = tf.train.Checkpoint(wrapper=wrapper)
    cell._bias.assign([40.0])
    path = checkpoint.save(str(tmp_path / "ckpt"))
    cell._bias.assign([0.0])
    checkpoint.restore(path).assert_consumed()
    np.testing.assert_array_equal(cell._bias, [40.0])


def test_optimizer_slots_are_not_listed_as_rnn_scopes(tmp_path):
    """Adam's slots, created under the scope the optimizer ran in (as JayParks/tf-seq2seq's
    `decoder/encoder/rnn/.../kernel/Adam`), are no RNN of their own."""
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("encoder"):
            outputs, _ = tf1compat.nn.dynamic_rnn(rnn_cell.BasicLSTMCell(3), tf.constant(X),
                                                  dtype=tf.float32)
        with tf.compat.v1.variable_scope("train"):
            step = tf.compat.v1.train.AdamOptimizer().minimize(tf.reduce_sum(outputs))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            session.run(step)
            path = tf.compat.v1.train.Saver().save(session, str(tmp_path / "tf1.ckpt"))
    names = [name for name, _ in tf.train.list_variables(path)]
    assert "train/encoder/rnn/basic_lstm_cell/kernel/Adam" in names
    listing = tf1compat.convert.checkpoint.describe(path)
    assert list(listing) == ["encoder/rnn"]
    [(cell, variables)] = listing["encoder/rnn"]
    assert cell == "basic_lstm_cell: BasicLSTMCell"
    assert [name for name, _ in variables] == ["encoder/rnn/basic_lstm_cell/bias",
                                               "encoder/rnn/basic_lstm_cell/kernel"]


def test_an_attention_wrapped_layer_is_listed_and_refused_by_name(tmp_path):
    """A MultiRNNCell layer inside an AttentionWrapper (JayParks/tf-seq2seq's decoder) is
    reported as not convertible; converting its scope names the wrapper, never a KeyError."""
    layer = "decoder/multi_rnn_cell/cell_1/Attention_Wrapper"
    with tf.Graph().as_default():
        for name, shape in (("decoder/multi_rnn_cell/cell_0/lstm_cell/kernel", [8, 16]),
                            ("decoder/multi_rnn_cell/cell_0/lstm_cell/bias", [16]),
                            (f"{layer}/lstm_cell/kernel", [8, 16]),
                            (f"{layer}/lstm_cell/bias", [16]),
                            (f"{layer}/attention_layer/kernel", [8, 4])):
            tf.compat.v1.get_variable(name, shape)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            path = tf.compat.v1.train.Saver().save(session, str(tmp_path / "tf1.ckpt"))
    [(first, _), (second, variables)] = tf1compat.convert.checkpoint.describe(path)["decoder"]
    assert first == "multi_rnn_cell/cell_0/lstm_cell: LSTMCell"
    assert second.startswith("multi_rnn_cell/cell_1/Attention_Wrapper: not convertible: "
                             "'Attention_Wrapper' is a cell wrapper")
    assert len(variables) == 3
    with pytest.raises(ValueError, match="'Attention_Wrapper' is a cell wrapper"):
        tf1compat.convert.load_tf1_checkpoint(path, scope="decoder")
