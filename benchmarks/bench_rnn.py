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
  tf1compat-eager  the same called eagerly (tf1compat traces and caches its loop)
  keras-fn         keras.layers.RNN over the Keras equivalent cell, with a mask and
                   zero_output_for_mask=True, inside tf.function

Workloads (lengths uniform in [T/2, T]): standard B=32 T=100 D=64 H=128, small B=4 T=20
D=8 H=16, long B=8 T=1000 D=32 H=64. Cells: basic_lstm, gru, basic_rnn, multi (2 LSTMs).

    python benchmarks/bench_rnn.py [--rounds 7] [--repeats 10] [--workloads standard,small]
                                   [--cells basic_lstm,gru] [--json results.json]
"""

import argparse
import json
import statistics
import time

import numpy as np
import tensorflow as tf

WORKLOADS = {"standard": (32, 100, 64, 128), "small": (4, 20, 8, 16), "long": (8, 1000, 32, 64)}
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


def graph_path(make_cell, dynamic_rnn, x_value, lengths):
    """`(forward, forward+backward)` callables running a TF1 graph in its Session."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(x_value)
        outputs, state = dynamic_rnn(make_cell(), x, sequence_length=lengths, dtype=tf.float32)
        grads = tf.gradients(loss_of(outputs, state), tf.compat.v1.trainable_variables() + [x])
        session = tf.compat.v1.Session(graph=graph)
        session.run(tf.compat.v1.global_variables_initializer())
    return (lambda: session.run(outputs)), (lambda: session.run(grads))


def tf2_path(forward, variables, x, lengths, eager):
    """`(forward, forward+backward)` callables, in tf.function unless `eager`."""

    def forward_backward():
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = forward(x, lengths)
        return tape.gradient(loss, variables() + [x])

    if not eager:
        forward, forward_backward = tf.function(forward), tf.function(forward_backward)
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
    paths = {
        "legacy-graph": graph_path(legacy_cell, tf.compat.v1.nn.dynamic_rnn, x_value, lengths_value),
        "tf1compat-graph": graph_path(shim_cell, tf1compat.nn.dynamic_rnn, x_value, lengths_value),
    }
    for name, eager in (("tf1compat-fn", False), ("tf1compat-eager", True)):
        cell = shim_cell()

        def forward(x, lengths, cell=cell):
            return loss_of(*tf1compat.nn.dynamic_rnn(cell, x, sequence_length=lengths,
                                                     dtype=tf.float32))

        forward(x, lengths)  # creates the variables
        paths[name] = tf2_path(forward, lambda cell=cell: list(cell.trainable_weights), x,
                               lengths, eager)
    layer = keras.layers.RNN(keras_cell(), return_sequences=True, return_state=True,
                             zero_output_for_mask=True)

    def keras_forward(x, lengths):
        outputs, *state = layer(x, mask=tf.sequence_mask(lengths, steps))
        return loss_of(outputs, state)

    keras_forward(x, lengths)
    paths["keras-fn"] = tf2_path(keras_forward, lambda: list(layer.trainable_weights), x,
                                 lengths, eager=False)
    for forward, both in paths.values():
        for run in (forward, both, forward, both):  # traces, graph optimisation, caches
            run()
    return paths


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
    print(f"\n{kind} / {workload} (B, T, D, H = {WORKLOADS[workload]}): ms per call, "
          "median [min-max] over rounds; ratios: median of per-round ratios")
    print(f"{'path':<17}{'fwd':>22}{'fwd+bwd':>22}{'fwd/legacy':>12}{'both/legacy':>12}"
          f"{'fwd/keras':>11}{'both/keras':>11}")
    result = {}
    for path, by_kind in times.items():
        row = {key: summary(values) for key, values in by_kind.items()}
        for baseline in ("legacy-graph", "keras-fn"):
            for key in ("fwd", "both"):
                ratios = [a / b for a, b in zip(by_kind[key], times[baseline][key])]
                row[f"{key}/{baseline}"] = summary(ratios)
        result[path] = row
        cells = [f"{row[k]['median']:7.2f} [{row[k]['min']:.2f}-{row[k]['max']:.2f}]"
                 for k in ("fwd", "both")]
        ratios = [f"{row[f'{k}/{b}']['median']:.2f}" for b in ("legacy-graph", "keras-fn")
                  for k in ("fwd", "both")]
        print(f"{path:<17}{cells[0]:>22}{cells[1]:>22}" + "".join(f"{r:>12}" for r in ratios[:2])
              + "".join(f"{r:>11}" for r in ratios[2:]))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--workloads", default="standard,small,long")
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
