"""Benchmark: `tf1compat-migrate` against `tf_upgrade_v2 --intree` on one synthetic TF1 repo.

Generates a ~300-file TensorFlow 1 repository (RNN models in every import spelling, input
pipelines and training scripts using other `tf.*` APIs, plain Python utilities) and migrates
fresh copies of it in place with each tool, alternating between the tools `--repeat` times.
Prints the repository's composition, then per tool the median wall time (whole command, start-up
included), files/s and CPU time (user + sys of the tool and its worker processes), and the
ratio of the medians. CPU times show whether other load on the machine distorted a run.

Usage:
    python benchmarks/bench_codemod.py [--files 300] [--jobs N] [--repeat 3] [--keep DIR]
"""

import argparse
import collections
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MODEL_HEADERS = (
    "import tensorflow as tf\n",
    "import tensorflow.compat.v1 as tf\nfrom tensorflow.contrib import rnn\n",
    "import numpy as np\nimport tensorflow as tf\nfrom tensorflow.contrib.rnn import BasicLSTMCell, LSTMStateTuple\n",
    "import tensorflow as tf\nfrom tensorflow.python.ops import rnn, rnn_cell\n",
    "import tensorflow as tf1\n",
)

MODEL_BODY = '''

FLAGS = tf.app.flags.FLAGS


class Model{index}(object):
    """Sequence model number {index}."""

    def __init__(self, vocab_size, num_units={units}, num_layers=2, keep_prob=0.8):
        self.vocab_size = vocab_size
        self.num_units = num_units
        self.num_layers = num_layers
        self.keep_prob = keep_prob
        self.inputs = tf.placeholder(tf.int32, [None, None], name="inputs")
        self.lengths = tf.placeholder(tf.int32, [None], name="lengths")
        self.labels = tf.placeholder(tf.int32, [None], name="labels")

    def _cell(self):
        cell = {cell}(self.num_units)
        return {dropout}(cell, output_keep_prob=self.keep_prob)

    def build(self):
        embedding = tf.get_variable("embedding", [self.vocab_size, self.num_units])
        embedded = tf.nn.embedding_lookup(embedding, self.inputs)
        cells = [self._cell() for _ in range(self.num_layers)]
        stacked = {multi}(cells)
        outputs, state = {dynamic_rnn}(
            stacked, embedded, sequence_length=self.lengths, dtype=tf.float32
        )
        last = tf.reduce_sum(outputs, axis=1)
        logits = {dense}(last, 10)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.labels, logits=logits)
        )
        optimizer = tf.train.AdamOptimizer(1e-3)
        self.train_op = optimizer.minimize(loss)
        tf.summary.scalar("loss", loss)
        return logits, state

    def bidirectional(self, inputs):
        fw = {cell}(self.num_units)
        bw = {cell}(self.num_units)
        (out_fw, out_bw), _ = {bidirectional}(fw, bw, inputs, dtype=tf.float32)
        return tf.concat([out_fw, out_bw], axis=-1)


def train(model, data, steps={units}):
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(steps):
            batch = data.next_batch()
            sess.run(model.train_op, feed_dict={{model.inputs: batch[0], model.lengths: batch[1]}})
            if step % 100 == 0:
                saver.save(sess, "/tmp/model.ckpt", global_step=step)
'''

# (cell, dropout, multi, dynamic_rnn, dense, bidirectional) per header.
SPELLINGS = (
    ("tf.contrib.rnn.BasicLSTMCell", "tf.contrib.rnn.DropoutWrapper", "tf.contrib.rnn.MultiRNNCell",
     "tf.nn.dynamic_rnn", "tf.layers.dense", "tf.nn.bidirectional_dynamic_rnn"),
    ("rnn.GRUCell", "rnn.DropoutWrapper", "rnn.MultiRNNCell",
     "tf.nn.dynamic_rnn", "tf.layers.dense", "tf.nn.bidirectional_dynamic_rnn"),
    ("BasicLSTMCell", "tf.nn.rnn_cell.DropoutWrapper", "tf.nn.rnn_cell.MultiRNNCell",
     "tf.nn.dynamic_rnn", "tf.contrib.layers.fully_connected", "tf.nn.bidirectional_dynamic_rnn"),
    ("rnn_cell.LSTMCell", "rnn_cell.DropoutWrapper", "rnn_cell.MultiRNNCell",
     "rnn.dynamic_rnn", "tf.layers.dense", "rnn.bidirectional_dynamic_rnn"),
    ("tf1.nn.rnn_cell.GRUCell", "tf1.nn.rnn_cell.DropoutWrapper", "tf1.nn.rnn_cell.MultiRNNCell",
     "tf1.nn.dynamic_rnn", "tf1.layers.dense", "tf1.nn.bidirectional_dynamic_rnn"),
)

PIPELINE = '''import os

import tensorflow as tf


def parse_example_{index}(serialized):
    features = tf.parse_single_example(
        serialized,
        features={{
            "tokens": tf.VarLenFeature(tf.int64),
            "label": tf.FixedLenFeature([], tf.int64),
        }},
    )
    tokens = tf.sparse_tensor_to_dense(features["tokens"])
    return tokens, tf.size(tokens), features["label"]


def input_fn_{index}(pattern, batch_size={units}):
    files = tf.gfile.Glob(os.path.join(pattern, "*.tfrecord"))
    dataset = tf.data.TFRecordDataset(files).map(parse_example_{index})
    dataset = dataset.shuffle(1000).padded_batch(batch_size, ([None], [], []))
    iterator = dataset.make_one_shot_iterator()
    return iterator.get_next()


def learning_rate_{index}(global_step):
    return tf.train.exponential_decay(0.1, global_step, {units}, 0.96, staircase=True)
'''

UTILITY = '''"""Plain Python helpers {index}."""

import collections
import json


def load_vocab_{index}(path):
    counts = collections.Counter()
    with open(path) as file:
        for line in file:
            counts.update(line.split())
    return {{word: i for i, (word, _) in enumerate(counts.most_common({units}))}}


def save_config_{index}(config, path):
    with open(path, "w") as file:
        json.dump(config, file, indent=2, sort_keys=True)
'''


TRAINING_SCRIPT = '''"""Training entry point {index}: flags, session loop, checkpoints."""

import time

import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("rnn_size", {units}, "Size of the rnn hidden state.")
flags.DEFINE_integer("num_layers", 2, "Number of rnn layers.")
flags.DEFINE_string("cell_type", "lstm", "rnn cell: lstm or gru.")
flags.DEFINE_float("learning_rate", 0.001, "Learning rate.")
FLAGS = flags.FLAGS


def run_epoch_{index}(session, model, data, train_op, summary_writer, epoch):
    """Runs one epoch of the rnn model over `data`."""
    start = time.time()
    costs, iters = 0.0, 0
    state = session.run(model.initial_state)
    for step, (x, y) in enumerate(data):
        feed = {{model.input_data: x, model.targets: y, model.initial_state: state}}
        cost, state, _, summary = session.run(
            [model.cost, model.final_state, train_op, model.summary], feed
        )
        costs += cost
        iters += model.num_steps
        summary_writer.add_summary(summary, epoch * 1000 + step)
        if step % 100 == 0:
            tf.logging.info("%d perplexity: %.3f speed: %.0f wps", step, costs / iters,
                            iters * model.batch_size / (time.time() - start))
    return costs / iters
'''


def _model_file(index, units):
    variant = index % len(MODEL_HEADERS)
    cell, dropout, multi, dynamic_rnn, dense, bidirectional = SPELLINGS[variant]
    blocks = []
    for block in range(3):
        body = MODEL_BODY.format(
            index=f"{index}_{block}", units=units + block, cell=cell, dropout=dropout,
            multi=multi, dynamic_rnn=dynamic_rnn, dense=dense, bidirectional=bidirectional,
        )
        blocks.append(body.replace("tf.", "tf1.") if variant == 4 else body)
    return MODEL_HEADERS[variant] + "".join(blocks)


def _repeated(template, index, units, copies):
    header, _, body = template.partition("\n\n\n")
    return header + "".join(
        "\n\n\n" + body.format(index=f"{index}_{copy}", units=units + copy) for copy in range(copies)
    ).replace("{{", "{").replace("}}", "}")


def generate_repo(root, files):
    """Writes `files` Python files under `root`, shaped like a TF1 RNN project.

    Out of every 25 files: 3 RNN model files (~170 lines, every import spelling), 5 training
    scripts that mention rnn only in flags and comments (~80 lines), 7 input pipelines on
    other `tf.*` APIs (~80 lines) and 10 plain Python utilities (~60 lines).

    Returns:
        `{kind: [files, lines]}`, kinds in the order above.
    """
    composition = collections.defaultdict(lambda: [0, 0])
    for index in range(files):
        package = os.path.join(root, f"package_{index % 10}")
        os.makedirs(package, exist_ok=True)
        units, kind = 32 + index, index % 25
        if kind < 3:
            text, name, kind = _model_file(index, units), f"model_{index}.py", "RNN model files"
        elif kind < 8:
            text = TRAINING_SCRIPT.format(index=index, units=units)
            text += _repeated(PIPELINE, index, units, 2).partition("\n\n\n")[2]
            name, kind = f"train_{index}.py", "training scripts mentioning rnn"
        elif kind < 15:
            text, name = _repeated(PIPELINE, index, units, 3), f"input_{index}.py"
            kind = "input pipelines"
        else:
            text, name = _repeated(UTILITY, index, units, 4), f"util_{index}.py"
            kind = "plain Python utilities"
        with open(os.path.join(package, name), "w") as file:
            file.write(text)
        composition[kind][0] += 1
        composition[kind][1] += text.count("\n")
    return composition


def _timed(command):
    """Runs `command`; returns `(wall seconds, CPU seconds of it and its children)`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def _tool(name):
    local = os.path.join(os.path.dirname(sys.executable), name)
    return local if os.path.exists(local) else shutil.which(name)


def _changed_files(tree, source):
    return sum(
        open(os.path.join(d, f)).read() != open(os.path.join(source, os.path.relpath(d, tree), f)).read()
        for d, _, fs in os.walk(tree)
        for f in fs
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tool (median reported)")
    parser.add_argument("--keep", help="also leave the generated trees in this directory")
    args = parser.parse_args()
    migrate = _tool("tf1compat-migrate")
    migrate_command = [migrate] if migrate else [sys.executable, "-m", "codemods"]
    upgrade = _tool("tf_upgrade_v2")
    if upgrade is None:
        sys.exit("tf_upgrade_v2 not found (it ships with the tensorflow wheel)")
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "repo")
        composition = generate_repo(source, args.files)
        ours, theirs = os.path.join(work, "ours"), os.path.join(work, "theirs")
        commands = {
            f"tf1compat-migrate --jobs {args.jobs}": (
                ours,
                [*migrate_command, "--quiet", "--jobs", str(args.jobs),
                 "--report", os.path.join(work, "report.json"), ours],
            ),
            "tf_upgrade_v2 --intree": (
                theirs,
                [upgrade, "--intree", theirs, "--inplace",
                 "--reportfile", os.path.join(work, "upgrade.txt")],
            ),
        }
        runs = collections.defaultdict(list)
        for _ in range(args.repeat):
            for name, (tree, command) in commands.items():
                shutil.rmtree(tree, ignore_errors=True)
                shutil.copytree(source, tree)
                runs[name].append(_timed(command))
        changed = _changed_files(ours, source)
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    lines = sum(kind_lines for _, kind_lines in composition.values())
    print(f"synthetic TF1 repo: {args.files} files, {lines} lines:")
    for kind, (kind_files, kind_lines) in composition.items():
        print(f"  {kind_files:4d} {kind} ({kind_lines} lines, {kind_lines / lines:.0%})")
    print(f"tf1compat-migrate changed {changed} files")
    print(f"median of {args.repeat} runs; wall time of the whole command, start-up included:")
    walls = {}
    for name, measured in runs.items():
        walls[name] = statistics.median(wall for wall, _ in measured)
        cpu = statistics.median(cpu for _, cpu in measured)
        print(
            f"  {name:26s} {walls[name]:6.2f} s  {args.files / walls[name]:7.1f} files/s"
            f"  (CPU {cpu:5.2f} s)"
        )
    ours_wall, theirs_wall = walls.values()
    print(f"speed-up: {theirs_wall / ours_wall:.1f}x")


if __name__ == "__main__":
    main()
