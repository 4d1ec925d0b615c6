"""Speed of tf1compat's dynamic_rnn vs legacy TF1 and native Keras 3, in one run.

Workload (DESIGN §8): B=32, T=100, D=64, H=128, lengths uniform in [50, 100],
an LSTM; median milliseconds per call for the forward pass and forward+backward.

    python benchmarks/bench_rnn.py [--repeats 30] [--small]

Paths compared:
  legacy-graph    tf_keras legacy BasicLSTMCell + tf.compat.v1.nn.dynamic_rnn, Session (TF1)
  tf1compat-graph tf1compat BasicLSTMCell + tf1compat.nn.dynamic_rnn, Session
  tf1compat-fn    the same inside tf.function
  tf1compat-eager the same called eagerly (runs a cached tf.function internally)
  keras-lstm-fn   keras.layers.LSTM with a mask, zero_output_for_mask=True, in tf.function
"""

import argparse
import statistics
import time

import numpy as np
import tensorflow as tf


def median_ms(fn, repeats):
    fn()
    fn()  # warm-up (tracing, graph optimisation)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def graph_path(make_cell, dynamic_rnn, data, repeats):
    x_value, lengths = data
    with tf.Graph().as_default():
        x = tf.constant(x_value)
        outputs, state = dynamic_rnn(make_cell(), x, sequence_length=lengths, dtype=tf.float32)
        loss = tf.reduce_sum(outputs) + tf.reduce_sum(state.h)
        grads = tf.gradients(loss, tf.compat.v1.trainable_variables() + [x])
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            return (median_ms(lambda: session.run(outputs), repeats),
                    median_ms(lambda: session.run(grads), repeats))


def tf2_path(forward, variables_of, data, repeats, eager=False):
    x, lengths = (tf.constant(v) for v in data)

    def fwd_bwd():
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = forward(x, lengths)
        return tape.gradient(loss, variables_of() + [x])

    fwd, both = (forward, fwd_bwd) if eager else (tf.function(forward), tf.function(fwd_bwd))
    return (median_ms(lambda: fwd(x, lengths), repeats),
            median_ms(lambda: both(), repeats))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--small", action="store_true", help="B=4, T=20, D=8, H=16 instead")
    args = parser.parse_args()
    batch, steps, depth, units = (4, 20, 8, 16) if args.small else (32, 100, 64, 128)
    rng = np.random.default_rng(0)
    data = (rng.normal(size=(batch, steps, depth)).astype(np.float32),
            rng.integers(steps // 2, steps + 1, size=batch).astype(np.int32))

    import keras
    from tf_keras.src.layers.rnn import legacy_cells

    import tf1compat

    results = {}
    results["legacy-graph"] = graph_path(lambda: legacy_cells.BasicLSTMCell(units),
                                         tf.compat.v1.nn.dynamic_rnn, data, args.repeats)
    results["tf1compat-graph"] = graph_path(lambda: tf1compat.nn.rnn_cell.BasicLSTMCell(units),
                                            tf1compat.nn.dynamic_rnn, data, args.repeats)
    for name, eager in (("tf1compat-fn", False), ("tf1compat-eager", True)):
        cell = tf1compat.nn.rnn_cell.BasicLSTMCell(units)

        def forward(x, lengths, cell=cell):
            outputs, state = tf1compat.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
            return tf.reduce_sum(outputs) + tf.reduce_sum(state.h)

        forward(*(tf.constant(v) for v in data))
        results[name] = tf2_path(forward, lambda cell=cell: list(cell.trainable_weights), data,
                                 args.repeats, eager=eager)
    layer = keras.layers.LSTM(units, return_sequences=True, return_state=True, zero_output_for_mask=True)

    def keras_forward(x, lengths):
        outputs, h, _ = layer(x, mask=tf.sequence_mask(lengths, steps))
        return tf.reduce_sum(outputs) + tf.reduce_sum(h)

    keras_forward(*(tf.constant(v) for v in data))
    results["keras-lstm-fn"] = tf2_path(keras_forward, lambda: list(layer.trainable_weights),
                                        data, args.repeats)

    legacy_fwd, legacy_both = results["legacy-graph"]
    keras_fwd, keras_both = results["keras-lstm-fn"]
    print(f"workload B={batch} T={steps} D={depth} H={units}, median of {args.repeats}, ms per call")
    print(f"{'path':<17}{'fwd':>9}{'fwd+bwd':>10}{'fwd/legacy':>12}{'bwd/legacy':>12}"
          f"{'fwd/keras':>11}{'bwd/keras':>11}")
    for name, (fwd, both) in results.items():
        print(f"{name:<17}{fwd:>9.2f}{both:>10.2f}{fwd / legacy_fwd:>12.2f}{both / legacy_both:>12.2f}"
              f"{fwd / keras_fwd:>11.2f}{both / keras_both:>11.2f}")


if __name__ == "__main__":
    main()
