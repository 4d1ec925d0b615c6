"""tf.contrib.rnn's single-state cells, wrappers and fused adaptors as a TF 1.x program.

UGRNNCell, IntersectionRNNCell (with and without the input projection), IndRNNCell,
IndyGRUCell, SRUCell, NASCell (num_proj, use_bias), HighwayWrapper, AttentionCellWrapper
(tuple and concatenated states), CompiledWrapper and a user LayerRNNCell, each through
`tf.nn.dynamic_rnn` with lengths 0, 1, mid and full (unknown batch and time), some
time-major and some called directly; FusedRNNCellAdaptor (dynamic and static),
TimeReversedFusedRNN (tensor and list inputs), transpose_batch_time and
best_effort_input_batch_size.
"""

import numpy as np
import tensorflow as tf

import oracle_io

STEPS, DEPTH = 6, 4
LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
INPUTS = np.random.RandomState(1).normal(size=(5, STEPS, DEPTH)).astype(np.float32)
x = tf.placeholder(tf.float32, [None, None, DEPTH])
seq = tf.placeholder(tf.int32, [None])
x_time_major = tf.transpose(x, [1, 0, 2])
steps = tf.unstack(tf.placeholder_with_default(INPUTS, [None, STEPS, DEPTH]), axis=1)
rnn = tf.contrib.rnn
results = {}


def record(prefix, structure):
    for i, tensor in enumerate(tf.contrib.framework.nest.flatten(structure)):
        results["%s/%d" % (prefix, i)] = tensor


class ScaledRNNCell(rnn.LayerRNNCell):
    """A user cell on contrib's LayerRNNCell: variables in build, math in call."""

    def __init__(self, units, reuse=None):
        super(ScaledRNNCell, self).__init__(_reuse=reuse)
        self._units = units

    @property
    def state_size(self):
        return self._units

    @property
    def output_size(self):
        return self._units

    def build(self, inputs_shape):
        depth = tf.compat.dimension_value(inputs_shape[-1])
        self._kernel = self.add_variable("kernel", [depth + self._units, self._units])
        self._scale = self.add_variable("scale", [self._units],
                                        initializer=tf.constant_initializer(0.5))
        self.built = True

    def call(self, inputs, state):
        output = tf.tanh(tf.matmul(tf.concat([inputs, state], 1), self._kernel)) * self._scale
        return output, output


cells = {
    "ugrnn": lambda: rnn.UGRNNCell(5, forget_bias=0.4),
    "ugrnn_relu": lambda: rnn.UGRNNCell(3, activation=tf.nn.relu,
                                        initializer=tf.constant_initializer(0.1)),
    "intersection_proj": lambda: rnn.IntersectionRNNCell(5, num_in_proj=5, forget_bias=0.2),
    "intersection": lambda: rnn.IntersectionRNNCell(DEPTH, y_activation=tf.tanh),
    "ind_rnn": lambda: rnn.IndRNNCell(5),
    "ind_rnn_relu": lambda: rnn.IndRNNCell(3, activation=tf.nn.relu, name="my_ind"),
    "indy_gru": lambda: rnn.IndyGRUCell(5),
    "indy_gru_init": lambda: rnn.IndyGRUCell(3, bias_initializer=tf.constant_initializer(0.2)),
    "sru": lambda: rnn.SRUCell(5),
    "sru_relu": lambda: rnn.SRUCell(3, activation=tf.nn.relu),
    "nas": lambda: rnn.NASCell(4),
    "nas_proj_bias": lambda: rnn.NASCell(5, num_proj=3, use_bias=True),
    "highway": lambda: rnn.HighwayWrapper(rnn.GRUCell(DEPTH)),
    "highway_uncoupled": lambda: rnn.HighwayWrapper(
        rnn.LSTMCell(DEPTH), couple_carry_transform_gates=False, carry_bias_init=0.5),
    "attention": lambda: rnn.AttentionCellWrapper(rnn.LSTMCell(4), attn_length=3),
    "attention_concat": lambda: rnn.AttentionCellWrapper(
        rnn.GRUCell(4), attn_length=2, attn_size=3, attn_vec_size=5, state_is_tuple=False),
    "attention_input_size": lambda: rnn.AttentionCellWrapper(
        rnn.MultiRNNCell([rnn.GRUCell(3), rnn.BasicLSTMCell(2)]), attn_length=2, input_size=3),
    "compiled": lambda: rnn.CompiledWrapper(rnn.UGRNNCell(3)),
    "compiled_stateful": lambda: rnn.CompiledWrapper(rnn.BasicLSTMCell(3), compile_stateful=True),
    "layer_rnn_cell": lambda: ScaledRNNCell(3),
}
for name, make in sorted(cells.items()):
    with tf.variable_scope(name):
        record(name, tf.nn.dynamic_rnn(make(), x, sequence_length=seq, dtype=tf.float32))

for name in ("ugrnn", "nas_proj_bias", "attention", "highway"):
    with tf.variable_scope(name + "_time_major"):
        record(name + "_time_major", tf.nn.dynamic_rnn(
            cells[name](), x_time_major, sequence_length=seq, dtype=tf.float32, time_major=True))

# Direct calls: one step from a non-zero state, under a scope given to the call.
for name in ("intersection_proj", "indy_gru", "sru", "nas_proj_bias", "attention_concat"):
    cell = cells[name]()
    state = tf.contrib.framework.nest.map_structure(
        lambda zeros: zeros + 0.3, cell.zero_state(tf.shape(x)[0], tf.float32))
    record(name + "_step", cell(x[:, 1], state, scope="step_" + name))

with tf.variable_scope("fused_adaptor_dynamic"):
    fused = rnn.FusedRNNCellAdaptor(rnn.GRUCell(3), use_dynamic_rnn=True)
    record("fused_adaptor_dynamic", fused(x_time_major, sequence_length=seq, dtype=tf.float32))
    record("fused_adaptor_dynamic_list", fused(steps, dtype=tf.float32, scope="from_list"))
with tf.variable_scope("fused_adaptor_static"):
    fused = rnn.FusedRNNCellAdaptor(rnn.BasicLSTMCell(3))
    record("fused_adaptor_static", fused(steps, sequence_length=seq, dtype=tf.float32))
    record("fused_adaptor_static_tensor", fused(tf.stack(steps), dtype=tf.float32,
                                                scope="from_tensor"))
with tf.variable_scope("time_reversed"):
    reversed_rnn = rnn.TimeReversedFusedRNN(
        rnn.FusedRNNCellAdaptor(rnn.BasicRNNCell(3), use_dynamic_rnn=True))
    record("time_reversed", reversed_rnn(x_time_major, sequence_length=seq, dtype=tf.float32))
    record("time_reversed_full", reversed_rnn(x_time_major, dtype=tf.float32, scope="full"))
    initial = tf.ones([5, 3]) * 0.2
    record("time_reversed_list", reversed_rnn(steps, initial_state=initial, scope="list"))

results["transpose_batch_time"] = rnn.transpose_batch_time(x * 2.0)
results["transpose_batch_time_static"] = rnn.transpose_batch_time(tf.stack(steps))
results["best_effort_dynamic"] = tf.cast(rnn.best_effort_input_batch_size([x_time_major]),
                                         tf.float32)
results["best_effort_static"] = tf.constant(
    float(rnn.best_effort_input_batch_size([tf.zeros([2, 7, 3]), x_time_major])))

oracle_io.finish(results, {x: INPUTS, seq: LENGTHS})
