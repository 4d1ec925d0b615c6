"""dynamic_rnn runs min(T, max(sequence_length)) loop steps, as TF1 does."""

import tensorflow as tf

import tf1compat
from tf1compat.nn import rnn_cell


def test_graph_loop_runs_only_max_sequence_length_steps():
    """TF1 loops min(T, max(sequence_length)) times; steps past it are zero-filled."""

    class CountingCell(rnn_cell.RNNCell):
        state_size = output_size = 1

        def build(self, inputs_shape):
            self.calls = self.add_weight("calls", shape=[], trainable=False,
                                         initializer=tf.compat.v1.zeros_initializer())

        def call(self, inputs, state):
            with tf.control_dependencies([self.calls.assign_add(1.0)]):
                return state + 1.0, state + 1.0

    with tf.Graph().as_default():
        cell = CountingCell()
        seq = tf.compat.v1.placeholder(tf.int32, [None])
        outputs, _ = tf1compat.nn.dynamic_rnn(cell, tf.zeros([3, 10, 2]), sequence_length=seq,
                                              dtype=tf.float32)
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            values = session.run(outputs, {seq: [4, 0, 2]})
            assert session.run(cell.calls) == 4
    assert values.shape == (3, 10, 1) and not values[:, 4:].any()
