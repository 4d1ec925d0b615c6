"""TF1 user cells subclassing `RNNCell` keep working, with nested inputs, vs TF1."""

import numpy as np
import pytest
import tensorflow as tf

import harness
import tf1compat
from harness import LENGTHS


def layer_style_cell(module):
    """A TF1 cell in the LayerRNNCell style: `build` + `add_variable` + `call`, nested inputs."""

    class ConcatTanhCell(module.RNNCell):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self._units = units

        @property
        def state_size(self):
            return self._units

        @property
        def output_size(self):
            return (self._units, 1)

        def build(self, inputs_shape):
            depth = sum(tf.TensorShape(s)[-1] for s in tf.nest.flatten(inputs_shape))
            self._kernel = self.add_variable("kernel", shape=[depth + self._units, self._units])
            self.built = True

        def call(self, inputs, state):
            h = tf.tanh(tf.matmul(tf.concat(list(inputs) + [state], 1), self._kernel))
            return (h, tf.reduce_sum(h, 1, keepdims=True)), h

    return ConcatTanhCell(3)


def scope_style_cell(module):
    """A TF1 cell in the oldest style: `__call__` with `tf.get_variable` in its own scope."""

    class ScopedCell(module.RNNCell):
        @property
        def state_size(self):
            return 2

        @property
        def output_size(self):
            return 2

        def __call__(self, inputs, state, scope=None):
            with tf.compat.v1.variable_scope(scope or "scoped_cell"):
                kernel = tf.compat.v1.get_variable("w", [inputs.shape[-1] + 2, 2])
                h = tf.sigmoid(tf.matmul(tf.concat([inputs, state], 1), kernel))
            return h, h

    return ScopedCell()


def nested_inputs_program(make_cell, time_major):
    def program(module):
        cell = make_cell(module)

        def run(nn, x, seq):
            if time_major:
                x = tf.transpose(x, [1, 0, 2])
            return nn.dynamic_rnn(cell, (x[..., :1], x[..., 1:]), sequence_length=seq,
                                  dtype=tf.float32, time_major=time_major)
        return cell, run
    return program


def plain_program(make_cell):
    def program(module):
        cell = make_cell(module)
        return cell, lambda nn, x, seq: nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32)
    return program


@pytest.mark.parametrize("time_major", [False, True], ids=["batch_major", "time_major"])
@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
def test_layer_style_user_cell_with_nested_inputs(mode, time_major):
    program = nested_inputs_program(layer_style_cell, time_major)
    inputs = harness.random_inputs()
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True)
    actual = (harness.run_graph(program, inputs, LENGTHS, oracle=False) if mode == "graph"
              else harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function"))
    assert list(expected.shapes) == ["rnn/concat_tanh_cell/kernel"]
    actual.assert_close(expected)


@pytest.mark.parametrize("mode", ["graph", "eager", "tf_function"])
def test_scope_style_user_cell(mode):
    """Eagerly, TF1 would make a new `w` at every call; tf1compat gives the cell a store."""
    program = plain_program(scope_style_cell)
    inputs = harness.random_inputs()
    expected = harness.run_graph(program, inputs, LENGTHS, oracle=True)
    assert list(expected.shapes) == ["rnn/scoped_cell/w"]
    actual = (harness.run_graph(program, inputs, LENGTHS, oracle=False) if mode == "graph"
              else harness.run_tf2(program, inputs, LENGTHS, use_function=mode == "tf_function"))
    actual.assert_close(expected)


def test_scope_style_cell_keeps_one_variable_across_eager_calls(tmp_path):
    cell = scope_style_cell(harness.SHIM_RNN_CELL)
    for steps in (3, 5):  # a new input shape retraces; the variable must not be recreated
        tf1compat.nn.dynamic_rnn(cell, tf.ones([2, steps, 3]), dtype=tf.float32)
    cell(tf.ones([2, 3]), tf.zeros([2, 2]), scope="rnn/scoped_cell")
    assert len(cell.trainable_weights) == 1
    assert list(cell.tf1_variable_names) == ["rnn/scoped_cell/w"]
    (variable,) = cell.trainable_weights
    saved = variable.numpy()
    path = tf.train.Checkpoint(cell=cell).save(str(tmp_path / "ckpt"))
    variable.assign(tf.zeros_like(variable))
    tf.train.Checkpoint(cell=cell).restore(path).assert_consumed()
    np.testing.assert_array_equal(variable.numpy(), saved)
