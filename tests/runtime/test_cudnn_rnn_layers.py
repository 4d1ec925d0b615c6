"""`tf1compat.contrib.cudnn_rnn` without TF 1.15: layouts against NumPy, the layers in every
mode, checkpoint restoring order, errors naming the argument and the value.

(Against TF 1.15 itself: `tests/tf115/test_cudnn_rnn_vs_tf115.py` and the `cudnn_compatible` program.)
"""

import numpy as np
import pytest
import tensorflow as tf

from tf1compat.contrib import cudnn_rnn
from tf1compat.contrib.cudnn_rnn._compatible_stack import cell_with_weights
from tf1compat.nn import dynamic_rnn
from tf1compat.nn.rnn_cell import MultiRNNCell

CONVERTERS = [cudnn_rnn.CudnnParamsFormatConverterLSTM, cudnn_rnn.CudnnParamsFormatConverterGRU,
              cudnn_rnn.CudnnParamsFormatConverterTanh, cudnn_rnn.CudnnParamsFormatConverterRelu]
LAYERS = [cudnn_rnn.CudnnLSTM, cudnn_rnn.CudnnGRU, cudnn_rnn.CudnnRNNTanh, cudnn_rnn.CudnnRNNRelu]
RNG = np.random.RandomState(3)


def _random_opaque(converter):
    return RNG.uniform(-0.7, 0.7, converter.opaque_size()).astype(np.float32)


@pytest.mark.parametrize("converter_class", CONVERTERS)
@pytest.mark.parametrize("direction", ["unidirectional", "bidirectional"])
def test_canonical_round_trip_is_exact(converter_class, direction):
    converter = converter_class(num_layers=2, num_units=3, input_size=5, direction=direction)
    weights, biases = converter.opaque_to_tf_canonical(_random_opaque(converter))
    again = converter.opaque_to_tf_canonical(converter.tf_canonical_to_opaque(weights + biases))
    for value, expected in zip(again[0] + again[1], weights + biases):
        np.testing.assert_array_equal(value, expected)
    assert converter.opaque_size() == sum(np.prod(s) for s in converter.cudnn_weight_shapes()) \
        + sum(np.prod(s) for s in converter.cudnn_bias_shapes())


def test_lstm_layout_against_numpy():
    """cuDNN's gates i, f, c, o become TF's i, j, f, o; biases add; matrices transpose."""
    units, depth = 2, 3
    converter = cudnn_rnn.CudnnParamsFormatConverterLSTM(1, units, depth)
    inputs = [RNG.normal(size=(units, depth)).astype(np.float32) for _ in range(4)]
    states = [RNG.normal(size=(units, units)).astype(np.float32) for _ in range(4)]
    biases = [RNG.normal(size=units).astype(np.float32) for _ in range(8)]
    opaque = np.concatenate([m.ravel() for m in inputs + states] + biases)
    (kernel,), (bias,) = converter.opaque_to_tf_canonical(opaque)
    order = [0, 2, 1, 3]
    np.testing.assert_allclose(kernel, np.concatenate(
        [np.concatenate([inputs[g], states[g]], 1).T for g in order], 1))
    np.testing.assert_allclose(bias, np.concatenate([biases[g] + biases[4 + g] for g in order]))


def test_compatible_gru_cell_against_numpy():
    cell = cudnn_rnn.CudnnCompatibleGRUCell(3)
    x, h = RNG.normal(size=(2, 4)).astype(np.float32), RNG.normal(size=(2, 3)).astype(np.float32)
    output, _ = cell(tf.constant(x), tf.constant(h))
    names = cell.tf1_variable_names
    w = {name.split("cudnn_compatible_gru_cell/")[1]: v.numpy() for name, v in names.items()}
    sigmoid = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    gates = sigmoid(np.concatenate([x, h], 1) @ w["gates/kernel"] + w["gates/bias"])
    r, u = gates[:, :3], gates[:, 3:]
    candidate = np.tanh(x @ w["candidate/input_projection/kernel"]
                        + w["candidate/input_projection/bias"]
                        + r * (h @ w["candidate/hidden_projection/kernel"]
                               + w["candidate/hidden_projection/bias"]))
    np.testing.assert_allclose(output, u * h + (1 - u) * candidate, atol=1e-6)
    assert sorted(w) == ["candidate/hidden_projection/bias", "candidate/hidden_projection/kernel",
                         "candidate/input_projection/bias", "candidate/input_projection/kernel",
                         "gates/bias", "gates/kernel"]


def test_compatible_lstm_cell_is_block_cell_without_forget_bias():
    cell = cudnn_rnn.CudnnCompatibleLSTMCell(4)
    dynamic_rnn(cell, tf.ones([1, 2, 3]), dtype=tf.float32)
    assert cell._forget_bias == 0 and cell.name == "cudnn_compatible_lstm_cell"


def _reference(layer, inputs, lengths):
    """The compatible cells, stacked as the checkpoint names them, on the layer's weights."""
    weights, biases = layer.format_converter.opaque_to_tf_canonical(layer.kernel)
    per_cell = len(weights) // layer.num_layers
    cells = [cell_with_weights(layer.rnn_mode, layer.num_units,
                               list(zip(weights[i:i + per_cell], biases[i:i + per_cell])))
             for i in range(0, len(weights), per_cell)]
    return dynamic_rnn(MultiRNNCell(cells), inputs, sequence_length=lengths, dtype=tf.float32,
                       time_major=True)


@pytest.mark.parametrize("layer_class", LAYERS)
def test_layer_is_the_compatible_stack(layer_class):
    layer = layer_class(num_layers=2, num_units=3)
    inputs = tf.constant(RNG.normal(size=(6, 4, 2)).astype(np.float32))
    lengths = tf.constant([0, 1, 4, 6])
    outputs, states = layer(inputs, sequence_lengths=lengths)
    want_outputs, want_states = _reference(layer, inputs, lengths)
    np.testing.assert_allclose(outputs, want_outputs, atol=1e-6)
    h = [s.h if layer_class is cudnn_rnn.CudnnLSTM else s for s in want_states]
    np.testing.assert_allclose(states[0], tf.stack(h), atol=1e-6)
    assert float(tf.reduce_sum(tf.abs(outputs[1:, 1]))) == 0.0


@pytest.mark.parametrize("layer_class", LAYERS)
def test_eager_tf_function_and_graph_agree(layer_class):
    """Same buffer, bidirectional, lengths, an initial state, both layouts."""
    kwargs = dict(num_layers=2, num_units=3, direction="bidirectional")
    inputs = RNG.normal(size=(5, 4, 2)).astype(np.float32)
    initial = tuple(RNG.normal(size=(4, 4, 3)).astype(np.float32)
                    for _ in range(2 if layer_class is cudnn_rnn.CudnnLSTM else 1))
    lengths = np.array([5, 0, 2, 3], np.int32)
    layer = layer_class(**kwargs)
    layer.build(inputs.shape)
    opaque = _random_opaque(layer.format_converter)
    layer.kernel.assign(opaque)

    def run(layer, time_major):
        x = inputs if time_major else np.transpose(inputs, [1, 0, 2])
        state = initial if time_major else tuple(s.reshape(4, 4, 3) for s in initial)
        return layer(x, initial_state=state, sequence_lengths=lengths, time_major=time_major)

    eager = run(layer, True)
    traced = tf.function(lambda: run(layer, True))()
    with tf.Graph().as_default():
        graph_layer = layer_class(**kwargs)
        graph_result = run(graph_layer, True)
        batch_major = run(graph_layer, False)
        with tf.compat.v1.Session() as session:
            session.run(graph_layer.kernel.assign(opaque))
            graph_result, batch_major = session.run([graph_result, batch_major])
    for got in (traced, graph_result):
        for value, expected in zip(tf.nest.flatten(got), tf.nest.flatten(eager)):
            np.testing.assert_allclose(value, expected, atol=1e-6)
    np.testing.assert_allclose(np.transpose(batch_major[0], [1, 0, 2]), eager[0], atol=1e-6)
    for value, expected in zip(batch_major[1], eager[1]):  # a view of the same memory
        np.testing.assert_allclose(value, np.reshape(expected, value.shape), atol=1e-6)


def test_gradients_reach_the_buffer_eagerly():
    layer = cudnn_rnn.CudnnGRU(num_layers=1, num_units=2)
    with tf.GradientTape() as tape:
        outputs, _ = layer(tf.ones([3, 2, 4]))
        loss = tf.reduce_sum(outputs)
    gradient = tape.gradient(loss, layer.kernel)
    assert gradient.shape == layer.kernel.shape and float(tf.reduce_sum(tf.abs(gradient))) > 0


def test_graph_reuse_shares_the_buffer_and_one_saveable():
    with tf.Graph().as_default():
        inputs = tf.zeros([3, 2, 2])
        with tf.compat.v1.variable_scope("main"):
            first = cudnn_rnn.CudnnLSTM(2, 2, name="awesome_lstm")
            first(inputs)
            first(inputs)
        with tf.compat.v1.variable_scope("main", reuse=True):
            second = cudnn_rnn.CudnnLSTM(2, 2, name="awesome_lstm")
            second(inputs)
        assert [v.op.name for v in tf.compat.v1.trainable_variables()] == [
            "main/awesome_lstm/opaque_kernel"]
        assert len(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS)) == 1
        assert second.saveable is None and first.saveable.name.endswith("opaque_kernel_saveable")


def test_canonical_keys_win_over_a_raw_buffer_in_the_checkpoint(tmp_path):
    """A TF1 checkpoint holds both; tf1compat restores the raw buffer first, then the
    canonical weights, whatever the raw buffer's layout was."""
    path = str(tmp_path / "model.ckpt")
    with tf.Graph().as_default():
        layer = cudnn_rnn.CudnnLSTM(2, 3)
        outputs, _ = layer(tf.ones([4, 2, 3]))
        garbage = tf.compat.v1.assign(layer.kernel, tf.fill(layer.kernel.shape, 7.0))
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            want = session.run(outputs)
            canonical_saver = tf.compat.v1.train.Saver(
                tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS))
            canonical_saver.save(session, path)
            session.run(garbage)
            tf.compat.v1.train.Saver([layer.kernel]).save(session, str(tmp_path / "raw.ckpt"))
    # One checkpoint: the garbage raw buffer next to the right canonical weights.
    reader = tf.train.load_checkpoint(path)
    raw = tf.train.load_checkpoint(str(tmp_path / "raw.ckpt"))
    with tf.Graph().as_default():
        values = {name: tf.Variable(reader.get_tensor(name), name=name)
                  for name in reader.get_variable_to_shape_map()}
        values["cudnn_lstm/opaque_kernel"] = tf.Variable(raw.get_tensor("cudnn_lstm/opaque_kernel"))
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver(values).save(session, path)
    with tf.Graph().as_default():
        layer = cudnn_rnn.CudnnLSTM(2, 3)
        outputs, _ = layer(tf.ones([4, 2, 3]))
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session() as session:
            for _ in range(5):
                saver.restore(session, path)
                np.testing.assert_allclose(session.run(outputs), want, atol=1e-6)


def test_errors_name_the_argument_and_value():
    with pytest.raises(ValueError, match="Received: direction='both'"):
        cudnn_rnn.CudnnLSTM(1, 2, direction="both")
    with pytest.raises(NotImplementedError, match="input_mode='skip_input'"):
        cudnn_rnn.CudnnGRU(1, 2, input_mode="skip_input")
    with pytest.raises(ValueError, match="Received: dtype=int32"):
        cudnn_rnn.CudnnLSTM(1, 2, dtype=tf.int32)
    with pytest.raises(NotImplementedError, match="input_mode='auto_select', input_size=2"):
        cudnn_rnn.CudnnLSTM(1, 2, input_mode="auto_select")(tf.ones([3, 1, 2]))
    with pytest.raises(ValueError, match=r"Received: input_shape=\(3, 2\)"):
        cudnn_rnn.CudnnLSTM(1, 2)(tf.ones([3, 2]))
    with pytest.raises(TypeError, match="Received: initial_state=\\["):
        cudnn_rnn.CudnnGRU(1, 2)(tf.ones([3, 1, 2]), initial_state=[tf.zeros([1, 1, 2])])
    with pytest.raises(NotImplementedError, match="dropout=0.5, num_layers=2, training=True"):
        cudnn_rnn.CudnnLSTM(2, 2, dropout=0.5)(tf.ones([3, 1, 2]))
    with pytest.raises(ValueError, match="'input_size' is unknown"):
        cudnn_rnn.CudnnRNNTanh(1, 2).input_size  # noqa: B018
    with pytest.raises(NotImplementedError, match="Received: num_proj=3"):
        cudnn_rnn.CudnnParamsFormatConverterLSTM(1, 2, 2, num_proj=3)


def test_dropout_that_cudnn_would_not_apply_is_accepted():
    inputs = tf.ones([3, 1, 2])
    one_layer = cudnn_rnn.CudnnLSTM(1, 2, dropout=0.5)
    assert one_layer(inputs)[0].shape == (3, 1, 2)
    assert cudnn_rnn.CudnnLSTM(2, 2, dropout=0.5)(inputs, training=False)[0].shape == (3, 1, 2)


def test_native_keras_routes():
    """The LSTM converts with `tf1compat.convert.to_keras`; the GRU is Keras'
    `GRUCell(reset_after=True)` with its weights re-laid out by hand (gates z, r, h)."""
    import keras

    from tf1compat.convert import to_keras

    depth, units = 4, 3
    x = RNG.normal(size=(2, 5, depth)).astype(np.float32)
    lstm, gru = cudnn_rnn.CudnnCompatibleLSTMCell(units), cudnn_rnn.CudnnCompatibleGRUCell(units)
    for cell in (lstm, gru):
        dynamic_rnn(cell, x, dtype=tf.float32)
        for variable in cell.weights:
            variable.assign(RNG.uniform(-0.7, 0.7, variable.shape).astype(np.float32))
    want = dynamic_rnn(lstm, x, dtype=tf.float32)[0]
    np.testing.assert_allclose(keras.layers.RNN(to_keras(lstm), return_sequences=True)(x), want,
                               atol=1e-6)
    with pytest.raises(TypeError, match="CudnnCompatibleGRUCell"):
        to_keras(gru)
    w = {name.split("gru_cell/")[1]: v.numpy() for name, v in gru.tf1_variable_names.items()}
    gates, gate_bias = w["gates/kernel"], w["gates/bias"]
    keras_gru = keras.layers.GRUCell(units, reset_after=True)
    keras_gru.build((None, depth))
    keras_gru.set_weights([
        np.concatenate([gates[:depth, units:], gates[:depth, :units],
                        w["candidate/input_projection/kernel"]], 1),
        np.concatenate([gates[depth:, units:], gates[depth:, :units],
                        w["candidate/hidden_projection/kernel"]], 1),
        np.stack([np.concatenate([gate_bias[units:], gate_bias[:units],
                                  w["candidate/input_projection/bias"]]),
                  np.concatenate([np.zeros(2 * units, np.float32),
                                  w["candidate/hidden_projection/bias"]])])])
    np.testing.assert_allclose(keras.layers.RNN(keras_gru, return_sequences=True)(x),
                               dynamic_rnn(gru, x, dtype=tf.float32)[0], atol=1e-6)
