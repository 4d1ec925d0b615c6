"""contrib.rnn's cells, wrappers and fused RNNs give the same outputs, states and gradients
eagerly, inside `tf.function` and in a TF1 graph, with the same variables (TF1's names).

TF 1.15 itself is the oracle of the graph runs (tests/tf115, programs `contrib_cells_*`);
here every mode is held to the graph. Each variable gets a value derived from its name.
"""

import zlib

import keras
import numpy as np
import pytest
import tensorflow as tf

import tf1compat
from tf1compat.tf1_layer import TF1Layer

R = tf1compat.contrib.rnn
RNG = np.random.default_rng(4)
FEEDS = {
    "x": RNG.normal(size=(4, 5, 6)).astype(np.float32),
    "times": np.cumsum(RNG.uniform(0.1, 2.0, size=(4, 5, 1)), axis=1).astype(np.float32),
    "images": RNG.normal(size=(4, 5, 4, 3, 2)).astype(np.float32),
    "lengths": np.array([0, 1, 3, 5], np.int32),
}


def rnn(make, inputs=lambda f: f["x"]):
    """A case: `make()`'s cell through `dynamic_rnn` with lengths 0, 1, mid and full."""
    def run(cell, feeds):
        return tf1compat.nn.dynamic_rnn(cell, inputs(feeds), sequence_length=feeds["lengths"],
                                        dtype=tf.float32)
    return make, run


def fused(make, **options):
    """A case: a fused RNN `make()` on the time-major inputs."""
    def run(cell, feeds):
        return cell(tf.transpose(feeds["x"], [1, 0, 2]), dtype=tf.float32, **options)
    return make, run


class ScaledCell(R.LayerRNNCell):
    """A TF1-style user cell on `LayerRNNCell`."""

    state_size = output_size = 3

    def build(self, inputs_shape):
        self.kernel = self.add_variable("kernel", [inputs_shape[-1] + 3, 3])

    def call(self, inputs, state):
        output = 0.5 * tf.tanh(tf.matmul(tf.concat([inputs, state], 1), self.kernel))
        return output, output


CASES = {
    "nas": rnn(lambda: R.NASCell(4, num_proj=3, use_bias=True)),
    "ugrnn": rnn(lambda: R.UGRNNCell(4, forget_bias=0.3)),
    "intersection": rnn(lambda: R.IntersectionRNNCell(4, num_in_proj=4)),
    "cifg": rnn(lambda: R.CoupledInputForgetGateLSTMCell(
        4, use_peepholes=True, num_proj=3, num_unit_shards=2, layer_norm=True)),
    "cifg_concat": rnn(lambda: R.CoupledInputForgetGateLSTMCell(3, state_is_tuple=False)),
    "ind_rnn": rnn(lambda: R.IndRNNCell(4)),
    "indy_gru": rnn(lambda: R.IndyGRUCell(4)),
    "indy_lstm": rnn(lambda: R.IndyLSTMCell(4, forget_bias=0.5)),
    "sru": rnn(lambda: R.SRUCell(4)),
    "glstm": rnn(lambda: R.GLSTMCell(4, num_proj=2, number_of_groups=2)),
    "phased": rnn(lambda: R.PhasedLSTMCell(3, use_peepholes=True),
                  inputs=lambda f: (f["times"], f["x"])),
    "phased_float64_time": rnn(lambda: R.PhasedLSTMCell(3),
                               inputs=lambda f: (tf.cast(f["times"], tf.float64), f["x"])),
    "grid": rnn(lambda: R.GridLSTMCell(2, use_peepholes=True, feature_size=2, frequency_skip=2,
                                       num_frequency_blocks=[3])),
    "bidirectional_grid": rnn(lambda: R.BidirectionalGridLSTMCell(
        2, feature_size=3, frequency_skip=1, num_frequency_blocks=[4], backward_slice_offset=1)),
    "time_freq": rnn(lambda: R.TimeFreqLSTMCell(3, use_peepholes=True, feature_size=6)),
    "conv1d": rnn(lambda: R.Conv1DLSTMCell(input_shape=[4, 6], output_channels=2,
                                           kernel_shape=[3]),
                  inputs=lambda f: tf.reshape(f["images"], [4, 5, 4, 6])),
    "conv2d": rnn(lambda: R.Conv2DLSTMCell(input_shape=[4, 3, 2], output_channels=2,
                                           kernel_shape=[3, 2]),
                  inputs=lambda f: f["images"]),
    "conv3d": rnn(lambda: R.ConvLSTMCell(3, [4, 3, 2, 1], 2, [2, 2, 1], use_bias=False),
                  inputs=lambda f: f["images"][..., None]),
    "highway": rnn(lambda: R.HighwayWrapper(R.GRUCell(6), couple_carry_transform_gates=False)),
    "attention": rnn(lambda: R.AttentionCellWrapper(R.LSTMCell(3), attn_length=2)),
    "compiled": rnn(lambda: R.CompiledWrapper(R.UGRNNCell(3))),
    "layer_rnn_cell": rnn(ScaledCell),
    "block_fused": fused(lambda: R.LSTMBlockFusedCell(3, use_peephole=True, cell_clip=0.5),
                         sequence_length=FEEDS["lengths"]),
    "adaptor": fused(lambda: R.FusedRNNCellAdaptor(R.GRUCell(3), use_dynamic_rnn=True)),
    "time_reversed": fused(lambda: R.TimeReversedFusedRNN(R.LSTMBlockFusedCell(3)),
                           sequence_length=FEEDS["lengths"]),
}


def weight_value(name, shape):
    value = np.random.RandomState(zlib.crc32(name.encode())).uniform(-0.7, 0.7, shape)
    # Periods and open ratios of the phased LSTM stay positive and away from 0.
    return (np.abs(value) + 0.5 if name.endswith(("period", "ratio_on")) else value).astype(
        np.float32)


def loss_of(flat):
    return sum(tf.reduce_sum(t * tf.sin(tf.reshape(tf.cast(tf.range(tf.size(t)), t.dtype),
                                                   tf.shape(t)) + i))
               for i, t in enumerate(flat))


def graph_run(name):
    make, run = CASES[name]
    with tf.Graph().as_default():
        flat = tf.nest.flatten(run(make(), {k: tf.constant(v) for k, v in FEEDS.items()}))
        variables = tf.compat.v1.global_variables()
        grads = dict(zip([v.op.name for v in variables], tf.gradients(loss_of(flat), variables)))
        used = {name: grad for name, grad in grads.items() if grad is not None}
        with tf.compat.v1.Session() as session:
            for v in variables:
                v.load(weight_value(v.op.name, v.shape.as_list()), session)
            values, grad_values = session.run((flat, used))
    return values, {name: grad_values.get(name) for name in grads}


def eager_runs(name):
    """Outputs and gradients eagerly and in a `tf.function`, with one built object."""
    tf.compat.v1.reset_default_graph()  # fresh TF1 scope names, as in a new program
    make, run = CASES[name]
    cell = make()
    feeds = {k: tf.constant(v) for k, v in FEEDS.items()}
    run(cell, feeds)
    layer = cell if isinstance(cell, TF1Layer) else cell._cell  # a fused RNN's cell
    named = layer.tf1_variable_names
    for variable_name, variable in named.items():
        variable.assign(weight_value(variable_name, variable.shape))

    def forward():
        with tf.GradientTape() as tape:
            flat = tf.nest.flatten(run(cell, feeds))
            loss = loss_of(flat)
        return flat, dict(zip(named, tape.gradient(loss, list(named.values()))))

    runs = [forward(), tf.function(forward)()]
    assert len(layer.tf1_variable_names) == len(named)  # built once
    return runs


@pytest.mark.parametrize("name", sorted(CASES))
def test_eager_and_function_equal_graph(name):
    graph_values, graph_grads = graph_run(name)
    for values, grads in eager_runs(name):
        assert sorted(grads) == sorted(graph_grads)  # TF1's names in every mode
        for got, want in zip(values, graph_values):
            np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
        for variable_name, want in graph_grads.items():
            if want is None:  # unused by TF1 too (the bias under layer norm)
                assert grads[variable_name] is None, variable_name
            else:
                np.testing.assert_allclose(grads[variable_name], want, atol=1e-5, rtol=0,
                                           err_msg=variable_name)


def test_direct_steps_run_op_by_op_as_in_a_graph():
    """One step called directly, eagerly: the state structures of the grid and attention."""
    x = FEEDS["x"][:, 0]
    cell = R.GridLSTMCell(2, feature_size=2, frequency_skip=2, num_frequency_blocks=[3])
    state = tf.nest.map_structure(lambda z: z + 0.2, cell.zero_state(4, tf.float32))
    output, new_state = cell(x, state)
    assert output.shape == (4, 12) and type(new_state) is cell.state_tuple_type
    assert new_state._fields[:2] == ("state_f00_b00_c", "state_f00_b00_m")
    wrapper = R.AttentionCellWrapper(R.GRUCell(3), attn_length=2, state_is_tuple=False)
    output, new_state = wrapper(x, wrapper.zero_state(4, tf.float32))
    assert output.shape == (4, 3) and new_state.shape == (4, 3 + 3 + 6)


@pytest.mark.parametrize("name", sorted(
    name for name, (make, _) in CASES.items() if type(make()).__module__.startswith("tf1compat")
    and isinstance(make(), TF1Layer)))
def test_keras_serialization_round_trip(name):
    """Found by `keras.saving` without custom objects; nested cells serialized too."""
    cell = CASES[name][0]()
    restored = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(cell))
    assert type(restored) is type(cell) and restored.get_config() == cell.get_config()
