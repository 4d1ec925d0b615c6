"""contrib-only cells: block cells vs TensorFlow's fused kernels, LayerNormBasicLSTMCell vs NumPy."""

import types

import numpy as np
import pytest
import tensorflow as tf

import contrib_oracle
import harness
import tf1compat
from harness import LENGTHS, CellCase
from tf1compat import testing as ref

ORACLE = types.SimpleNamespace(**vars(harness.LEGACY_RNN_CELL), **{
    name: getattr(contrib_oracle, name) for name in ("LSTMBlockCell", "GRUBlockCell", "GRUBlockCellV2")})

CASES = {
    "lstm_block": CellCase("lstm_block", lambda m: m.LSTMBlockCell(4, forget_bias=0.5), None, None),
    "lstm_block_peephole_clip": CellCase("lstm_block_peephole_clip", lambda m: m.LSTMBlockCell(
        4, cell_clip=0.7, use_peephole=True), None, None),
    "gru_block": CellCase("gru_block", lambda m: m.GRUBlockCell(3), None, None),
    "gru_block_v2": CellCase("gru_block_v2", lambda m: m.GRUBlockCellV2(3), None, None),
}


@pytest.fixture
def block_oracle(monkeypatch):
    monkeypatch.setattr(harness, "LEGACY_RNN_CELL", ORACLE)
    monkeypatch.setattr(harness, "SHIM_RNN_CELL", tf1compat.contrib.rnn)


@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
@pytest.mark.parametrize("name", list(CASES))
def test_block_cells_match_tensorflow_kernels(name, mode, block_oracle):
    """Forward values, names and shapes: the fused ops have no gradients outside contrib.

    Gradients of these cells are those of `LSTMCell` / `GRUCell` (same code),
    which test_dynamic_rnn compares with TF1.
    """
    inputs = harness.random_inputs()
    program = harness.dynamic_rnn_program(CASES[name], time_major=False)
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True, gradients=False)
    actual = (harness.run_graph(program, inputs, LENGTHS, oracle=False) if mode == "graph"
              else harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function"))
    actual.grads = {}
    actual.assert_close(expected)


def test_gru_block_cell_keeps_contribs_variable_names(block_oracle):
    program = harness.dynamic_rnn_program(CASES["gru_block"], time_major=False)
    run = harness.run_graph(program, harness.random_inputs(), LENGTHS, oracle=False)
    assert run.shapes == {"rnn/gru_cell/w_ru": (6, 6), "rnn/gru_cell/b_ru": (6,),
                          "rnn/gru_cell/w_c": (6, 3), "rnn/gru_cell/b_c": (3,)}


def test_gru_block_cell_arguments():
    with pytest.raises(ValueError, match="Exactly one of num_units or cell_size"):
        tf1compat.contrib.rnn.GRUBlockCell(3, cell_size=3)
    assert tf1compat.contrib.rnn.GRUBlockCell(cell_size=3).state_size == 3


@pytest.mark.parametrize("mode", ["eager", "graph"])
def test_layer_norm_lstm_matches_numpy(mode, monkeypatch):
    monkeypatch.setattr(harness, "SHIM_RNN_CELL", tf1compat.contrib.rnn)
    inputs = harness.random_inputs()
    cell_case = CellCase("layer_norm", lambda m: m.LayerNormBasicLSTMCell(4, forget_bias=0.3),
                         None, None)
    program = harness.dynamic_rnn_program(cell_case, time_major=False)
    run = (harness.run_graph(program, inputs, LENGTHS, oracle=False) if mode == "graph"
           else harness.run_tf2(program, inputs, LENGTHS, use_function=False))
    prefix = "rnn/layer_norm_basic_lstm_cell/"
    weights = {name[len(prefix):]: harness.weight_value(name, shape)
               for name, shape in run.shapes.items()}
    assert sorted(weights) == sorted(["kernel"] + [f"{s}/{v}" for s in (
        "input", "transform", "forget", "output", "state") for v in ("gamma", "beta")])
    norms = {s: (weights[f"{s}/gamma"], weights[f"{s}/beta"])
             for s in ("input", "transform", "forget", "output", "state")}
    step = lambda x, s: ref.layer_norm_lstm_step(x, s, weights["kernel"], norms, forget_bias=0.3)
    outputs, (c, h) = ref.dynamic_rnn(step, inputs.astype(np.float64),
                                      (np.zeros((5, 4)), np.zeros((5, 4))), LENGTHS)
    for got, want in zip(run.values, [outputs, c, h]):
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)


def test_layer_norm_lstm_without_norm_has_bias_and_dropout_is_applied():
    cell = tf1compat.contrib.rnn.LayerNormBasicLSTMCell(8, layer_norm=False, dropout_keep_prob=0.5)
    tf.compat.v1.reset_default_graph()
    tf1compat.nn.dynamic_rnn(cell, tf.ones([64, 2, 3]), dtype=tf.float32)
    assert sorted(cell.tf1_variable_names) == ["rnn/layer_norm_basic_lstm_cell/bias",
                                               "rnn/layer_norm_basic_lstm_cell/kernel"]


class DictStateSaver:
    """The protocol of contrib.training's state savers: state(name) / save_state(name, value)."""

    def __init__(self, values):
        self.values, self.saved = values, {}

    def state(self, name):
        return tf.constant(self.values[name])

    def save_state(self, name, value):
        self.saved[name] = value
        return tf.no_op()


def test_static_state_saving_rnn_matches_tf1():
    inputs = harness.random_inputs()
    c0, h0 = (np.random.default_rng(i).normal(size=(5, 4)).astype(np.float32) for i in (1, 2))
    results = []
    for module, nn in ((harness.LEGACY_RNN_CELL, tf.compat.v1.nn),
                       (tf1compat.nn.rnn_cell, tf1compat.nn)):
        with tf.Graph().as_default():
            saver = DictStateSaver({"c": c0, "h": h0})
            outputs, state = nn.static_state_saving_rnn(
                module.BasicLSTMCell(4), tf.unstack(tf.constant(inputs), axis=1), saver,
                ("c", "h"), sequence_length=LENGTHS)
            with tf.compat.v1.Session() as session:
                for v in tf.compat.v1.global_variables():
                    v.load(harness.weight_value(v.op.name, v.shape), session)
                results.append(session.run((outputs, state, saver.saved)))
    for got, want in zip(tf.nest.flatten(results[1]), tf.nest.flatten(results[0])):
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
