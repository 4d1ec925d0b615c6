"""Eager cells are trackable Keras layers: weights, checkpoints, use inside keras.Model."""

import keras
import numpy as np
import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell

X = np.random.default_rng(2).normal(size=(8, 5, 3)).astype(np.float32)
Y = np.random.default_rng(3).normal(size=(8, 1)).astype(np.float32)


def test_weights_and_tf1_names_after_first_call():
    tf.compat.v1.reset_default_graph()
    cell = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(4), rnn_cell.GRUCell(2)])
    assert cell.trainable_weights == []  # variables exist after the first call, as in TF1
    tf1compat.nn.dynamic_rnn(cell, X, dtype=tf.float32)
    assert len(cell.trainable_weights) == 6
    assert list(cell.tf1_variable_names) == [
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
        "rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel",
        "rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias",
        "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel",
        "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias",
    ]
    gates_bias = cell.tf1_variable_names["rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias"]
    np.testing.assert_array_equal(gates_bias, np.ones(4))  # TF1 initialises GRU gates to 1.0


def test_checkpoint_round_trip(tmp_path):
    cell = rnn_cell.LSTMCell(4, use_peepholes=True)
    outputs, _ = tf1compat.nn.dynamic_rnn(cell, X, dtype=tf.float32)
    path = tf.train.Checkpoint(cell=cell).save(str(tmp_path / "ckpt"))
    for weight in cell.weights:
        weight.assign(tf.zeros_like(weight))
    tf.train.Checkpoint(cell=cell).restore(path).assert_consumed()
    np.testing.assert_allclose(tf1compat.nn.dynamic_rnn(cell, X, dtype=tf.float32)[0], outputs)


class Regressor(keras.Model):
    def __init__(self):
        super().__init__()
        self.cell = rnn_cell.BasicLSTMCell(6)
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        _, state = tf1compat.nn.dynamic_rnn(self.cell, inputs, dtype=tf.float32)
        return self.head(state.h)


def test_cell_trains_inside_keras_model():
    model = Regressor()
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model(X)
    kernel = model.cell.trainable_weights[0]
    before = np.array(kernel)
    losses = model.fit(X, Y, epochs=3, batch_size=8, verbose=0).history["loss"]
    assert len(model.trainable_weights) == 4  # cell kernel + bias, dense kernel + bias
    assert not np.allclose(before, np.array(kernel))  # the optimizer updated the cell
    assert losses[-1] < losses[0]
