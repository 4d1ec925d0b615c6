"""The TF1 cell API: initial states, dtypes, direct builds, configs, TF1-style subclasses."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell

CORE_CELLS = [rnn_cell.BasicRNNCell, rnn_cell.GRUCell, rnn_cell.BasicLSTMCell, rnn_cell.LSTMCell]


def test_get_initial_state_takes_tf1_arguments():
    cell = rnn_cell.BasicRNNCell(5)
    with pytest.raises(ValueError, match="batch_size and dtype cannot be None"):
        cell.get_initial_state(None, None, None)
    with tf.Graph().as_default():
        inputs = tf.compat.v1.placeholder(tf.float32, [None, 4, 1])
        with pytest.raises(ValueError, match="batch size from input tensor is different"):
            cell.get_initial_state(inputs=inputs, batch_size=50)
        with pytest.raises(ValueError, match="batch size from input tensor is different"):
            cell.get_initial_state(inputs=inputs, batch_size=tf.constant(50))
        with pytest.raises(ValueError, match="dtype from input tensor is different"):
            cell.get_initial_state(inputs=inputs, dtype=tf.int16)
        state = cell.get_initial_state(inputs=inputs)
        assert state.shape.as_list() == [None, 5] and state.dtype == tf.float32
        state = cell.get_initial_state(None, tf.shape(inputs)[0], tf.float64)
        assert state.shape.as_list() == [None, 5] and state.dtype == tf.float64


@pytest.mark.parametrize("cell_class", CORE_CELLS)
def test_non_floating_cells_are_refused_at_construction(cell_class):
    with pytest.raises(ValueError, match=r"only supports floating point.*Received: dtype=int32"):
        cell_class(2, dtype=tf.int32)


@pytest.mark.parametrize("cell_class", CORE_CELLS)
@pytest.mark.parametrize("dtype", [tf.float32, tf.float64])
def test_direct_build_then_call(cell_class, dtype):
    cell = cell_class(3, dtype=dtype)
    cell.build(tf.TensorShape([5, 7]))
    state = cell.get_initial_state(inputs=None, batch_size=5, dtype=dtype)
    output, _ = cell(tf.zeros([5, 7], dtype), state)
    assert output.shape == (5, 3) and output.dtype == dtype
    assert all(w.dtype == dtype for w in cell.weights)


def test_direct_build_names_variables_in_the_cell_scope_in_graph_mode():
    with tf.Graph().as_default():
        first, second = rnn_cell.BasicRNNCell(2), rnn_cell.BasicRNNCell(2)
        first.build(tf.TensorShape([None, 3]))
        second.build(tf.TensorShape([None, 3]))
        names = [v.op.name for v in tf.compat.v1.global_variables()]
    assert names == ["basic_rnn_cell/kernel", "basic_rnn_cell/bias",
                     "basic_rnn_cell_1/kernel", "basic_rnn_cell_1/bias"]


def test_direct_build_names_variables_in_the_cell_scope_eagerly():
    tf.compat.v1.reset_default_graph()
    cell = rnn_cell.GRUCell(2)
    cell.build(tf.TensorShape([None, 3]))
    assert list(cell.tf1_variable_names)[0] == "gru_cell/gates/kernel"


def test_keras_rnn_layer_runs_a_tf1compat_cell_exactly():
    """Keras' `RNN` builds the cell itself (`cell.build`) and asks it for its initial state."""
    x = np.random.default_rng(1).normal(size=(4, 5, 3)).astype(np.float32)
    cell = rnn_cell.BasicLSTMCell(6)
    keras_out = keras.layers.RNN(cell, return_sequences=True)(x)
    tf1_out, _ = tf1compat.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    np.testing.assert_allclose(keras_out, tf1_out, atol=1e-6)


def test_dtype_is_none_until_the_first_call():
    cell = rnn_cell.BasicLSTMCell(2)
    assert cell.dtype is None
    cell(tf.zeros([1, 3], tf.float64), cell.zero_state(1, tf.float64))
    assert cell.dtype == "float64"
    assert rnn_cell.GRUCell(2, dtype=tf.float16).dtype == "float16"


def test_tf1_subclass_reuse_keyword_is_honoured():
    class MyCell(rnn_cell.RNNCell):
        def __init__(self, reuse=None):
            super().__init__(_reuse=reuse, name="my_cell")

        state_size = output_size = 2

        def build(self, inputs_shape):
            self._w = self.add_weight("w", shape=[inputs_shape[-1], 2])

        def call(self, inputs, state):
            return tf.matmul(inputs, self._w), state

    with tf.Graph().as_default():
        state = tf.zeros([1, 2])
        MyCell()(tf.ones([1, 3]), state)
        MyCell(reuse=True)(tf.ones([1, 3]), state)
        assert [v.op.name for v in tf.compat.v1.global_variables()] == ["my_cell/w"]


class _NoInitCell(rnn_cell.RNNCell):
    """A TF1-style cell that never calls `super().__init__()` and overrides `__call__`."""

    def __init__(self, size):
        self._size = size

    @property
    def state_size(self):
        return self._size

    @property
    def output_size(self):
        return self._size

    def __call__(self, inputs, state, scope=None):
        return inputs + 1, state + 1


@pytest.mark.parametrize("mode", ["graph", "eager"])
def test_cell_without_super_init_runs(mode):
    x = np.zeros([2, 3, 4], np.float32)

    def run():
        return tf1compat.nn.dynamic_rnn(_NoInitCell(4), x, sequence_length=[3, 1],
                                        dtype=tf.float32)

    if mode == "graph":
        with tf.Graph().as_default(), tf.compat.v1.Session() as session:
            outputs, state = session.run(run())
    else:
        outputs, state = run()
    np.testing.assert_array_equal(outputs[0], np.ones([3, 4]))
    np.testing.assert_array_equal(state, [[3] * 4, [1] * 4])


def test_multi_rnn_cell_checks_its_arguments_and_state():
    with pytest.raises(TypeError, match=r"`cells\[1\]` must be a tf1compat RNNCell"):
        rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2), "lstm"])
    with pytest.raises(TypeError, match="must be a list or tuple"):
        rnn_cell.MultiRNNCell(rnn_cell.GRUCell(2))
    cell = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(2), rnn_cell.GRUCell(2)])
    with pytest.raises(ValueError, match="Expected state to be a tuple of length 2"):
        cell(tf.zeros([1, 2]), tf.zeros([1, 4]))


def _serializable_cells():
    return [
        rnn_cell.LSTMCell(4, use_peepholes=True, cell_clip=3.0, num_proj=2, forget_bias=0.5,
                          initializer=tf.compat.v1.random_uniform_initializer(-0.1, 0.1, seed=3)),
        rnn_cell.BasicLSTMCell(4, dtype=tf.float64),
        rnn_cell.BasicRNNCell(4, activation="relu", name="encoder"),
        rnn_cell.GRUCell(4, activation=tf.nn.relu,
                         bias_initializer=tf.compat.v1.constant_initializer(0.5)),
        rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(3), keras.layers.GRUCell(2)]),
        rnn_cell.DropoutWrapper(rnn_cell.GRUCell(3), input_keep_prob=0.5, seed=3),
        rnn_cell.ResidualWrapper(rnn_cell.BasicRNNCell(3)),
        rnn_cell.DeviceWrapper(rnn_cell.LSTMCell(3), "/cpu:0"),
        tf1compat.contrib.rnn.LayerNormBasicLSTMCell(3, dropout_keep_prob=0.8),
    ]


@pytest.mark.parametrize("cell", _serializable_cells(), ids=lambda c: type(c).__name__)
def test_config_round_trip(cell):
    """Nested cells are serialized like Keras' `StackedRNNCells`; no custom_objects needed."""
    config = keras.saving.serialize_keras_object(cell)
    restored = keras.saving.deserialize_keras_object(config)
    assert type(restored) is type(cell)
    assert keras.saving.serialize_keras_object(restored) == config
    assert restored.state_size == cell.state_size


def test_tf1_style_wrapper_config_with_a_cell_instance():
    """TF1's wrappers' `from_config` took the cell as an instance; that still works."""
    wrapper = rnn_cell.DropoutWrapper(rnn_cell.LSTMCell(10), output_keep_prob=0.7)
    config = wrapper.get_config()
    config["cell"] = rnn_cell.LSTMCell.from_config(config["cell"]["config"])
    assert rnn_cell.DropoutWrapper.from_config(config).get_config() == wrapper.get_config()


def test_keras_rnn_layer_with_a_tf1compat_cell_round_trips_through_a_saved_model(tmp_path):
    x = np.random.default_rng(2).normal(size=(6, 5, 5)).astype(np.float32)
    inputs = keras.Input((None, 5))
    model = keras.Model(inputs, keras.layers.RNN(rnn_cell.GRUCell(8))(inputs))
    expected = model.predict(x, verbose=0)
    model.save(tmp_path / "model.keras")
    restored = keras.models.load_model(tmp_path / "model.keras")
    np.testing.assert_allclose(restored.predict(x, verbose=0), expected, atol=1e-6)


def test_get_and_set_weights_in_a_graph_use_the_default_session():
    """As TF1's layers did: graph-mode weights are read and written in the default Session."""
    value = np.random.default_rng(3).normal(size=(7, 2)).astype(np.float32)
    with tf.Graph().as_default():
        cell = rnn_cell.BasicRNNCell(2)
        outputs, _ = tf1compat.nn.dynamic_rnn(cell, tf.ones([1, 3, 5]), dtype=tf.float32)
        with pytest.raises(ValueError, match="runs in the default Session"):
            cell.set_weights([value, np.zeros(2, np.float32)])
        with tf.compat.v1.Session() as session:
            cell.set_weights([value, np.ones(2, np.float32)])
            kernel, bias = cell.get_weights()
            np.testing.assert_array_equal(kernel, value)
            np.testing.assert_array_equal(bias, np.ones(2))
            with pytest.raises(ValueError, match=r"has shape \(7, 2\)"):
                cell.set_weights([value.T, np.ones(2, np.float32)])
