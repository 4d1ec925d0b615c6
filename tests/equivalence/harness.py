"""Runs the same RNN on the TF1 oracle and on tf1compat, with the same random weights.

The oracle is the real TF1 code: the cells of `tf_keras.src.layers.rnn.legacy_cells`
driven by `tf.compat.v1.nn.dynamic_rnn` / `raw_rnn` in a graph. tf1compat runs
in a graph, eagerly, and inside `tf.function`. Every run returns outputs, final
state, gradients (w.r.t. inputs and every variable, by TF1 name) and the
variables' names and shapes, as NumPy, so tests compare them to 1e-5.
"""

import dataclasses
import types
import zlib

import numpy as np
import tensorflow as tf
from tf_keras.src.layers.rnn import legacy_cell_wrappers, legacy_cells

import tf1compat
from tf1compat import testing as ref

# TF1's `tf.nn.rnn_cell` namespace, as tf_keras ships it: cells and cell wrappers.
LEGACY_RNN_CELL = types.SimpleNamespace(
    **{name: getattr(legacy_cells, name) for name in dir(legacy_cells) if not name.startswith("_")},
    DropoutWrapper=legacy_cell_wrappers.DropoutWrapper,
    ResidualWrapper=legacy_cell_wrappers.ResidualWrapper,
    DeviceWrapper=legacy_cell_wrappers.DeviceWrapper)

# tf1compat's side; tests of contrib-only cells switch it to `tf1compat.contrib.rnn`.
SHIM_RNN_CELL = tf1compat.nn.rnn_cell

TOLERANCE = 1e-5
BATCH, STEPS, DEPTH = 5, 6, 3
LENGTHS = np.array([0, 1, 3, STEPS, STEPS], dtype=np.int32)  # zero, one, mid, full


def random_inputs(seed=0, shape=(BATCH, STEPS, DEPTH)):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


def weight_value(name, shape):
    """A random, non-symmetric value for the variable called `name` (TF1 name, no ':0')."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    return rng.uniform(-0.7, 0.7, size=shape).astype(np.float32)


def loss_of(tensors):
    """A scalar that weighs every element differently, so each gradient entry is distinct."""
    total = 0.0
    for i, t in enumerate(tensors):
        positions = tf.cast(tf.range(tf.size(t)), t.dtype)
        coefficients = tf.reshape(tf.sin(positions * (1.3 + i) + i), tf.shape(t))
        total += tf.reduce_sum(t * coefficients)
    return total


@dataclasses.dataclass
class Run:
    values: list           # the flat results of the program (outputs, states, ...)
    grads: dict            # "inputs" and every TF1 variable name -> gradient
    shapes: dict           # TF1 variable name -> shape

    def assert_close(self, other, tolerance=TOLERANCE):
        assert self.shapes == other.shapes, (self.shapes, other.shapes)
        assert len(self.values) == len(other.values)
        assert set(self.grads) == set(other.grads)
        for name, a, b in ([(f"value {i}", *p) for i, p in enumerate(zip(self.values, other.values))]
                           + [(k, self.grads[k], other.grads[k]) for k in self.grads]):
            np.testing.assert_allclose(a, b, atol=tolerance, rtol=0, err_msg=name)

    def max_difference(self, other):
        pairs = list(zip(self.values, other.values)) + [(self.grads[k], other.grads[k])
                                                        for k in self.grads]
        return max(float(np.max(np.abs(a - b), initial=0.0)) for a, b in pairs)


@dataclasses.dataclass
class CellCase:
    """A cell configuration, built from either module, with its NumPy reference step."""

    name: str
    make: callable            # make(module) -> cell; module: LEGACY_RNN_CELL or tf1compat.nn.rnn_cell
    numpy_step: callable      # numpy_step(weights by name relative to the rnn scope) -> step
    numpy_state: callable     # numpy_state(batch) -> initial NumPy state (zeros)


def _lstm_reference(prefix, **options):
    def make_step(w):
        extra = {}
        if f"{prefix}/w_f_diag" in w:
            extra.update(w_f_diag=w[f"{prefix}/w_f_diag"], w_i_diag=w[f"{prefix}/w_i_diag"],
                         w_o_diag=w[f"{prefix}/w_o_diag"])
        if f"{prefix}/projection/kernel" in w:
            extra["proj_kernel"] = w[f"{prefix}/projection/kernel"]
        return lambda x, s: ref.lstm_step(x, s, w[f"{prefix}/kernel"], w[f"{prefix}/bias"],
                                          **options, **extra)
    return make_step


def _flat_state(step, units):
    """Adapts a `(c, h)` step to a cell with `state_is_tuple=False` (state = concat([c, h]))."""
    def flat_step(x, s):
        out, (c, h) = step(x, (s[:, :units], s[:, units:]))
        return out, np.concatenate([c, h], 1)
    return flat_step


def _gru_reference(prefix):
    def make_step(w):
        def step(x, h):
            h = ref.gru_step(x, h, w[f"{prefix}/gates/kernel"], w[f"{prefix}/gates/bias"],
                             w[f"{prefix}/candidate/kernel"], w[f"{prefix}/candidate/bias"])
            return h, h
        return step
    return make_step


def _basic_rnn_reference(prefix):
    def make_step(w):
        def step(x, h):
            h = ref.basic_rnn_step(x, h, w[f"{prefix}/kernel"], w[f"{prefix}/bias"])
            return h, h
        return step
    return make_step


def _zeros(*sizes):
    return lambda batch: tuple(np.zeros((batch, s), np.float32) for s in sizes)


def _multi_state(batch):
    c0, h0, g1, c2, h2 = _zeros(4, 4, 3, 3, 3)(batch)
    return ((c0, h0), g1, (c2, h2))


CELL_CASES = [
    CellCase("basic_rnn", lambda m: m.BasicRNNCell(4),
             _basic_rnn_reference("basic_rnn_cell"), lambda b: _zeros(4)(b)[0]),
    CellCase("basic_lstm", lambda m: m.BasicLSTMCell(4, forget_bias=0.7),
             _lstm_reference("basic_lstm_cell", forget_bias=0.7), _zeros(4, 4)),
    CellCase("basic_lstm_concat_state", lambda m: m.BasicLSTMCell(4, state_is_tuple=False),
             lambda w: _flat_state(_lstm_reference("basic_lstm_cell")(w), 4),
             lambda b: _zeros(8)(b)[0]),
    CellCase("lstm_peepholes_clip_projection",
             lambda m: m.LSTMCell(5, use_peepholes=True, cell_clip=0.8, num_proj=3,
                                  proj_clip=0.5, forget_bias=0.3),
             _lstm_reference("lstm_cell", forget_bias=0.3, cell_clip=0.8, proj_clip=0.5),
             _zeros(5, 3)),
    CellCase("lstm_concat_state_projection",
             lambda m: m.LSTMCell(4, num_proj=2, state_is_tuple=False),
             lambda w: _flat_state(_lstm_reference("lstm_cell")(w), 4),
             lambda b: _zeros(6)(b)[0]),
    CellCase("gru", lambda m: m.GRUCell(4), _gru_reference("gru_cell"), lambda b: _zeros(4)(b)[0]),
    CellCase("multi", lambda m: m.MultiRNNCell(
                 [m.BasicLSTMCell(4), m.GRUCell(3), m.LSTMCell(3, use_peepholes=True)]),
             lambda w: ref.multi_step([
                 _lstm_reference("multi_rnn_cell/cell_0/basic_lstm_cell")(w),
                 _gru_reference("multi_rnn_cell/cell_1/gru_cell")(w),
                 _lstm_reference("multi_rnn_cell/cell_2/lstm_cell")(w)]),
             _multi_state),
]


def _to_numpy(structure):
    return [np.asarray(x) for x in tf.nest.flatten(structure)]


def dynamic_rnn_program(case, time_major, scope=None):
    """A program for `run_graph` / `run_tf2`: `dynamic_rnn` over `case`'s cell."""
    def program(module):
        cell = case.make(module)

        def run(nn, x, seq):
            return nn.dynamic_rnn(cell, x, sequence_length=seq, dtype=tf.float32,
                                  time_major=time_major, scope=scope)
        return cell, run
    return program


def run_graph(program, inputs, lengths, oracle, static_steps=False, gradients=True):
    """Builds `program` in a fresh graph, feeding inputs of unknown batch and time.

    `program(module)` makes cells from `module` and returns `(cells, run)` (`cells`
    a cell or a list of the cells to read variables from), where
    `run(nn, x, seq)` returns the results to compare. The oracle gets TF1's
    legacy cells and `tf.compat.v1.nn`; tf1compat its own `rnn_cell` and `nn`.
    With `static_steps` the time dimension is known (for the unrolled drivers);
    without `gradients` only values, names and shapes are compared.
    """
    module, nn = ((LEGACY_RNN_CELL, tf.compat.v1.nn) if oracle
                  else (SHIM_RNN_CELL, tf1compat.nn))
    with tf.Graph().as_default():
        steps = inputs.shape[1] if static_steps else None
        x = tf.compat.v1.placeholder(tf.float32, [None, steps, inputs.shape[-1]])
        seq = tf.compat.v1.placeholder(tf.int32, [None])
        _, run = program(module)
        results = run(nn, x, seq)
        flat = tf.nest.flatten(results)
        variables = tf.compat.v1.global_variables()
        names = [v.op.name for v in variables]
        grads = tf.gradients(loss_of(flat), [x] + variables) if gradients else []
        with tf.compat.v1.Session() as session:
            for v in variables:
                v.load(weight_value(v.op.name, v.shape), session)
            values, grad_values = session.run((flat, grads), {x: inputs, seq: lengths})
    return Run(values, dict(zip(["inputs"] + names, grad_values)),
               {v.op.name: tuple(v.shape.as_list()) for v in variables})


def run_tf2(program, inputs, lengths, use_function, jit_compile=False):
    """Runs `program` on tf1compat eagerly or inside `tf.function` (building the cell there).

    With `jit_compile` the `tf.function` is compiled by XLA.
    """
    tf.compat.v1.reset_default_graph()  # fresh TF1 scope names, as in a new program
    cells, run = program(SHIM_RNN_CELL)

    def named_variables():
        return {name: variable for cell in tf.nest.flatten(cells)
                for name, variable in cell.tf1_variable_names.items()}

    def forward(x, seq):
        with tf.GradientTape() as tape:
            tape.watch(x)
            flat = tf.nest.flatten(run(tf1compat.nn, x, seq))
            loss = loss_of(flat)
        named = named_variables()
        grads = tape.gradient(loss, [x] + list(named.values()))
        return flat, dict(zip(["inputs"] + list(named), grads))

    if use_function or jit_compile:
        forward = tf.function(forward, jit_compile=jit_compile)
    x, seq = tf.constant(inputs), tf.constant(lengths)
    forward(x, seq)  # builds the variables
    for name, variable in named_variables().items():
        variable.assign(weight_value(name, variable.shape))
    flat, grads = forward(x, seq)
    return Run(_to_numpy(flat), {k: np.asarray(v) for k, v in grads.items()},
               {k: tuple(v.shape) for k, v in named_variables().items()})


def run_numpy(case, inputs, lengths, weights):
    """The NumPy reference on batch-major inputs, with `weights` named relative to `rnn/`."""
    outputs, state = ref.dynamic_rnn(case.numpy_step(weights), inputs,
                                     case.numpy_state(inputs.shape[0]), lengths)
    return [outputs] + _to_numpy(state)


def weights_of(run, scope="rnn"):
    """The weight values a run used, keyed by name relative to `scope`."""
    return {name[len(scope) + 1:]: weight_value(name, shape) for name, shape in run.shapes.items()}
