"""Speed of tf1compat's RNN drivers against legacy TF1 and native Keras 3, interleaved in one process.

Every path is built once (its graph and Session, or its traced tf.function); then rounds
alternate over all of them, so machine noise hits every path alike. Each round times
`--repeats` calls per path and keeps their median; the report gives, per path, the median
over rounds with its [min-max], and the ratio to the legacy TF1 graph and to Keras 3
(medians of the per-round ratios).

Paths:
  legacy-graph     tf_keras' legacy TF1 cells + tf.compat.v1.nn.dynamic_rnn, Session: TF1's code
  tf1compat-graph  tf1compat cell + tf1compat.nn.dynamic_rnn, Session (TF1 graph mode)
  tf1compat-fn     the same inside tf.function
  tf1compat-xla    the same inside tf.function(jit_compile=True) (XLA; opt-in, not bit-exact)
  tf1compat-eager  the same called eagerly (tf1compat traces and caches its loop)
  keras-fn         keras.layers.RNN over the Keras equivalent cell, with a mask and
                   zero_output_for_mask=True, inside tf.function
  floor-fn         (basic_lstm only) the least a TF while loop can do per LSTM step: one
                   concat, matmul and the gate math, no lengths, inside tf.function; how
                   close the other paths come to it shows the executor's per-op cost

Workloads (lengths uniform in [T/2, T]): standard B=32 T=100 D=64 H=128, small B=4 T=20
D=8 H=16, long B=8 T=1000 D=32 H=64, long_t100 the long shape with T=100 (per-step cost at
T=1000 / at T=100 shows whether it is flat in T). Cells: basic_lstm, gru, basic_rnn, multi.
Workload greedy: raw_rnn greedy decoding, B=32, T=50 steps, embeddings D=64, H=128, a
vocabulary of 1000 (each step feeds back the embedding of its argmax); it has no Keras path,
and no XLA path (XLA differentiates only loops with a maximum number of iterations).

    python benchmarks/bench_rnn.py [--rounds 7] [--repeats 10] [--workloads standard,greedy]
                                   [--cells basic_lstm,gru] [--json results.json]
"""

import argparse
import json
import statistics
import time

import numpy as np
import tensorflow as tf

WORKLOADS = {"standard": (32, 100, 64, 128), "small": (4, 20, 8, 16), "long": (8, 1000, 32, 64),
             "long_t100": (8, 100, 32, 64), "greedy": (32, 50, 64, 128)}
VOCABULARY = 1000
CELLS = ("basic_lstm", "gru", "basic_rnn", "multi")


def make_cells(kind, units):
    """`(legacy TF1 cell, tf1compat cell, Keras 3 cell)` factories for `kind`."""
    import keras
    from tf_keras.src.layers.rnn import legacy_cells

    import tf1compat

    shim = tf1compat.nn.rnn_cell
    factories = {
        "basic_lstm": (lambda m: m.BasicLSTMCell(units), lambda: keras.layers.LSTMCell(units)),
        "gru": (lambda m: m.GRUCell(units),
                lambda: keras.layers.GRUCell(units, reset_after=False)),
        "basic_rnn": (lambda m: m.BasicRNNCell(units), lambda: keras.layers.SimpleRNNCell(units)),
        "multi": (lambda m: m.MultiRNNCell([m.BasicLSTMCell(units), m.BasicLSTMCell(units)]),
                  lambda: keras.layers.StackedRNNCells(
                      [keras.layers.LSTMCell(units), keras.layers.LSTMCell(units)])),
    }
    tf1_make, keras_make = factories[kind]
    return lambda: tf1_make(legacy_cells), lambda: tf1_make(shim), keras_make


def loss_of(outputs, state):
    return tf.reduce_sum(outputs) + sum(tf.reduce_sum(s) for s in tf.nest.flatten(state))


def run_dynamic_rnn(nn, cell, x, lengths):
    """The loss of `nn.dynamic_rnn` over `x`."""
    return loss_of(*nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32))


def run_greedy_decoding(nn, cell, x, lengths):
    """The loss of a raw_rnn greedy decoder whose first inputs are `x[:, 0]`.

    Each step projects the output onto the vocabulary and feeds back the embedding of its
    argmax; `lengths` bound the decoding. The embedding and projection are constants, so the
    gradients are those of the cell.
    """
    batch, steps, depth = x.shape
    rng = np.random.default_rng(1)
    embedding = tf.constant(rng.normal(size=(VOCABULARY, depth)).astype(np.float32))
    projection = tf.constant((rng.normal(size=(cell.output_size, VOCABULARY))
                              / np.sqrt(cell.output_size)).astype(np.float32))

    def loop_fn(time, output, state, loop_state):
        finished = time >= lengths
        if output is None:
            return finished, x[:, 0], cell.zero_state(batch, tf.float32), None, None
        token = tf.argmax(tf.matmul(output, projection), axis=1)
        return finished, tf.nn.embedding_lookup(embedding, token), state, output, None

    outputs, state, _ = nn.raw_rnn(cell, loop_fn)
    return loss_of(outputs.stack(), state)


def graph_path(make_cell, nn, run, x_value, lengths):
    """`(forward, forward+backward)` callables running a TF1 graph in its Session."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(x_value)
        loss = run(nn, make_cell(), x, tf.constant(lengths))
        grads = tf.gradients(loss, tf.compat.v1.trainable_variables() + [x])
        session = tf.compat.v1.Session(graph=graph)
        session.run(tf.compat.v1.global_variables_initializer())
    return (lambda: session.run(loss)), (lambda: session.run(grads))


def tf2_path(forward, variables, x, lengths, eager, jit_compile=False):
    """`(forward, forward+backward)` callables, in tf.function unless `eager`."""

    def forward_backward():
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = forward(x, lengths)
        return tape.gradient(loss, variables() + [x], unconnected_gradients="zero")

    if not eager:
        forward = tf.function(forward, jit_compile=jit_compile)
        forward_backward = tf.function(forward_backward, jit_compile=jit_compile)
    return (lambda: forward(x, lengths)), forward_backward


def build_paths(kind, workload, seed=0):
    """`{path: (forward, forward+backward)}` for one cell kind and workload, all warmed up."""
    import keras

    import tf1compat

    batch, steps, depth, units = WORKLOADS[workload]
    rng = np.random.default_rng(seed)
    x_value = rng.normal(size=(batch, steps, depth)).astype(np.float32)
    lengths_value = rng.integers(steps // 2, steps + 1, size=batch).astype(np.int32)
    legacy_cell, shim_cell, keras_cell = make_cells(kind, units)
    x, lengths = tf.constant(x_value), tf.constant(lengths_value)
    run = run_greedy_decoding if workload == "greedy" else run_dynamic_rnn
    paths = {
        "legacy-graph": graph_path(legacy_cell, tf.compat.v1.nn, run, x_value, lengths_value),
        "tf1compat-graph": graph_path(shim_cell, tf1compat.nn, run, x_value, lengths_value),
    }
    tf2_paths = [("tf1compat-fn", False, False), ("tf1compat-eager", True, False)]
    if workload != "greedy":  # raw_rnn's loop has no bound, which XLA needs for its gradient
        tf2_paths.insert(1, ("tf1compat-xla", False, True))
    for name, eager, jit_compile in tf2_paths:
        cell = shim_cell()

        def forward(x, lengths, cell=cell):
            return run(tf1compat.nn, cell, x, lengths)

        forward(x, lengths)  # creates the variables
        paths[name] = tf2_path(forward, lambda cell=cell: list(cell.trainable_weights), x,
                               lengths, eager, jit_compile)
    if workload != "greedy":
        paths["keras-fn"] = keras_path(keras_cell(), x, lengths)
        if kind == "basic_lstm":
            paths["floor-fn"] = floor_path(x, units)
    for forward, both in paths.values():
        for run_ in (forward, both, forward, both):  # traces, graph optimisation, caches
            run_()
    return paths


def keras_path(cell, x, lengths):
    """`(forward, forward+backward)` of `keras.layers.RNN(cell)` with a mask, in tf.function."""
    import keras

    steps = x.shape[1]
    layer = keras.layers.RNN(cell, return_sequences=True, return_state=True,
                             zero_output_for_mask=True)

    def keras_forward(x, lengths):
        outputs, *state = layer(x, mask=tf.sequence_mask(lengths, steps))
        return loss_of(outputs, state)

    keras_forward(x, lengths)
    return tf2_path(keras_forward, lambda: list(layer.trainable_weights), x, lengths, eager=False)


def floor_path(x, units):
    """`(forward, forward+backward)` of a minimal LSTM while loop (no lengths), in tf.function."""
    steps, depth = x.shape[1], x.shape[2]
    kernel = tf.Variable(tf.random.normal([depth + units, 4 * units], stddev=0.1))
    bias = tf.Variable(tf.zeros([4 * units]))

    def forward(x, lengths):
        del lengths  # the floor ignores them
        time_major = tf.transpose(x, [1, 0, 2])
        zeros = tf.zeros([x.shape[0], units])

        def body(t, c, h, total):
            gates = tf.nn.bias_add(tf.matmul(tf.concat([time_major[t], h], 1), kernel), bias)
            i, j, f, o = tf.split(gates, 4, axis=1)
            c = c * tf.sigmoid(f + 1.0) + tf.sigmoid(i) * tf.tanh(j)
            h = tf.tanh(c) * tf.sigmoid(o)
            return t + 1, c, h, total + tf.reduce_sum(h)

        _, c, h, total = tf.while_loop(lambda t, *_: t < steps, body, (0, zeros, zeros, 0.0))
        return total + tf.reduce_sum(c) + tf.reduce_sum(h)

    return tf2_path(forward, lambda: [kernel, bias], x, None, eager=False)


def median_ms(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(paths, rounds, repeats):
    """`{path: {"fwd": [per-round ms], "both": [...]}}`, rounds interleaving the paths."""
    times = {path: {"fwd": [], "both": []} for path in paths}
    for _ in range(rounds):
        for path, (forward, both) in paths.items():
            times[path]["fwd"].append(median_ms(forward, repeats))
            times[path]["both"].append(median_ms(both, repeats))
    return times


def report(kind, workload, times):
    """Prints the table of one (cell, workload) and returns its summary for --json."""
    baselines = [b for b in ("legacy-graph", "keras-fn") if b in times]
    print(f"\n{kind} / {workload} (B, T, D, H = {WORKLOADS[workload]}): ms per call, "
          "median [min-max] over rounds; ratios: median of per-round ratios")
    print(f"{'path':<17}{'fwd':>22}{'fwd+bwd':>22}"
          + "".join(f"{k + '/' + b.split('-')[0]:>14}" for b in baselines for k in ("fwd", "both")))
    result = {}
    for path, by_kind in times.items():
        row = {key: summary(values) for key, values in by_kind.items()}
        for baseline in baselines:
            for key in ("fwd", "both"):
                ratios = [a / b for a, b in zip(by_kind[key], times[baseline][key])]
                row[f"{key}/{baseline}"] = summary(ratios)
        result[path] = row
        cells = [f"{row[k]['median']:7.2f} [{row[k]['min']:.2f}-{row[k]['max']:.2f}]"
                 for k in ("fwd", "both")]
        ratios = [f"{row[f'{k}/{b}']['median']:.2f}" for b in baselines for k in ("fwd", "both")]
        print(f"{path:<17}{cells[0]:>22}{cells[1]:>22}" + "".join(f"{r:>14}" for r in ratios))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--workloads", default="standard,small,long,greedy")
    parser.add_argument("--cells", default=",".join(CELLS))
    parser.add_argument("--json", help="also write the summaries to this file")
    args = parser.parse_args()
    print(f"TensorFlow {tf.__version__}; {args.rounds} rounds x {args.repeats} calls per path")
    results = {}
    for workload in args.workloads.split(","):
        for kind in args.cells.split(","):
            paths = build_paths(kind, workload)
            results[f"{kind}/{workload}"] = report(kind, workload,
                                                   measure(paths, args.rounds, args.repeats))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
