"""Benchmark trees for `bench_codemod.py`: a synthetic TF1 RNN project and a realistic one.

`generate_repo` writes the original synthetic tree (60% of its files never mention
TensorFlow). `generate_realistic_repo` writes one shaped like real TF1 projects: most files
import TensorFlow, build graphs with placeholders and `tf.layers` and run them in a `Session`,
and some are Jupyter notebooks.
"""

import collections
import json
import os

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


CNN_MODEL = '''"""Convolutional classifier {index}: placeholders, tf.layers, a Session loop."""

import numpy as np
import tensorflow as tf

from utils import batches

IMAGE_SIZE = 28
NUM_CLASSES = 10


def conv_net_{index}(images, training, filters={units}):
    net = tf.reshape(images, [-1, IMAGE_SIZE, IMAGE_SIZE, 1])
    net = tf.layers.conv2d(net, filters, 5, padding="same", activation=tf.nn.relu)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.conv2d(net, 2 * filters, 3, padding="same", activation=tf.nn.relu)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 1024, activation=tf.nn.relu)
    net = tf.layers.dropout(net, rate=0.4, training=training)
    return tf.layers.dense(net, NUM_CLASSES)


def build_graph_{index}(learning_rate=1e-3):
    images = tf.placeholder(tf.float32, [None, IMAGE_SIZE * IMAGE_SIZE], name="images")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    training = tf.placeholder_with_default(False, [], name="training")
    logits = conv_net_{index}(images, training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))
    train_op = tf.train.AdamOptimizer(learning_rate).minimize(
        loss, global_step=tf.train.get_or_create_global_step()
    )
    tf.summary.scalar("loss", loss)
    tf.summary.scalar("accuracy", accuracy)
    return images, labels, training, loss, accuracy, train_op


def train_{index}(data, epochs=10, batch_size={units}):
    images, labels, training, loss, accuracy, train_op = build_graph_{index}()
    merged = tf.summary.merge_all()
    saver = tf.train.Saver(max_to_keep=3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter("logs/{index}", sess.graph)
        for epoch in range(epochs):
            for step, (x, y) in enumerate(batches(data, batch_size)):
                _, summary, value = sess.run(
                    [train_op, merged, loss], {{images: x, labels: y, training: True}}
                )
                writer.add_summary(summary, epoch * 1000 + step)
            acc = sess.run(accuracy, {{images: data.test.images, labels: data.test.labels}})
            print("epoch %d: loss %.4f, test accuracy %.3f" % (epoch, value, acc))
            saver.save(sess, "checkpoints/model_{index}.ckpt", global_step=epoch)
    return np.float32(acc)
'''

TRAINING_LOOP = '''"""Evaluation entry point {index}: restores a checkpoint and runs the test set."""

import argparse
import os

import numpy as np
import tensorflow as tf

import model


def evaluate_{index}(checkpoint_dir, batch_size={units}):
    graph = tf.Graph()
    with graph.as_default():
        inputs = tf.placeholder(tf.float32, [None, model.INPUT_SIZE])
        targets = tf.placeholder(tf.int64, [None])
        logits = model.inference(inputs)
        correct = tf.nn.in_top_k(logits, targets, 1)
        saver = tf.train.Saver()
        config = tf.ConfigProto(allow_soft_placement=True)
        config.gpu_options.allow_growth = True
        with tf.Session(graph=graph, config=config) as sess:
            checkpoint = tf.train.latest_checkpoint(checkpoint_dir)
            saver.restore(sess, checkpoint)
            total = 0
            for x, y in model.test_batches(batch_size):
                total += np.sum(sess.run(correct, {{inputs: x, targets: y}}))
    return total


def train_{index}(args):
    global_step = tf.train.get_or_create_global_step()
    loss = model.loss(model.inference(model.inputs()), model.labels())
    train_op = tf.train.GradientDescentOptimizer(args.learning_rate).minimize(
        loss, global_step=global_step
    )
    hooks = [tf.train.StopAtStepHook(last_step=args.steps), tf.train.NanTensorHook(loss)]
    with tf.train.MonitoredTrainingSession(
        checkpoint_dir=args.logdir, hooks=hooks, save_summaries_steps=100
    ) as sess:
        while not sess.should_stop():
            sess.run(train_op)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--logdir", default=os.path.join("/tmp", "run_{index}"))
    parser.add_argument("--learning_rate", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default={units})
    train_{index}(parser.parse_args())
'''

EAGER_SCRIPT = '''"""A script that already chose graph mode on TF 2 ({index})."""

import tensorflow as tf

tf.compat.v1.disable_eager_execution()


def run_{index}(values):
    x = tf.compat.v1.placeholder(tf.float32, [None])
    y = tf.reduce_sum(tf.square(x)) * {units}
    with tf.compat.v1.Session() as sess:
        return sess.run(y, {{x: values}})
'''

KERAS_MODEL = '''"""A tf.keras model ({index}): mentions layers, uses no TF1 name."""

import tensorflow as tf
from tensorflow.keras import layers


def make_model_{index}(vocab_size, units={units}):
    model = tf.keras.Sequential([
        layers.Embedding(vocab_size, units),
        layers.Bidirectional(layers.LSTM(units)),
        layers.Dense(units, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
    return model
'''

NOTEBOOK_CELLS = (
    ("markdown", "# Tutorial {index}\n\nA TensorFlow 1 walk-through: build a graph, run it."),
    ("code", "%matplotlib inline\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
     "import tensorflow as tf\nfrom tensorflow.examples.tutorials.mnist import input_data"),
    ("code", "mnist = input_data.read_data_sets('MNIST_data/', one_hot=True)\n"
     "!ls MNIST_data\nprint(mnist.train.images.shape)"),
    ("markdown", "## The model\n\nPlaceholders for the inputs, `tf.layers` for the network."),
    ("code", "x = tf.placeholder(tf.float32, [None, 784])\ny = tf.placeholder(tf.float32, [None, 10])\n"
     "hidden = tf.layers.dense(x, {units}, activation=tf.nn.relu)\n"
     "hidden = tf.layers.dropout(hidden, rate=0.5)\nlogits = tf.layers.dense(hidden, 10)\n"
     "loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))\n"
     "train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)"),
    ("code", "%%time\nsess = tf.Session()\nsess.run(tf.global_variables_initializer())\n"
     "for step in range(1000):\n    batch_x, batch_y = mnist.train.next_batch(100)\n"
     "    _, value = sess.run([train_op, loss], {{x: batch_x, y: batch_y}})\n"
     "    if step % 100 == 0:\n        print(step, value)"),
    ("code", "correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1))\n"
     "accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))\n"
     "print(sess.run(accuracy, {{x: mnist.test.images, y: mnist.test.labels}}))"),
    ("code", "plt.imshow(mnist.test.images[0].reshape(28, 28), cmap='gray')\nplt.show()"),
)

RNN_NOTEBOOK_CELLS = (
    ("markdown", "# Character RNN {index}"),
    ("code", "import numpy as np\nimport tensorflow as tf\nfrom tensorflow.contrib import rnn"),
    ("code", "inputs = tf.placeholder(tf.float32, [None, None, 28])\n"
     "lengths = tf.placeholder(tf.int32, [None])\n"
     "cell = rnn.MultiRNNCell([rnn.BasicLSTMCell({units}) for _ in range(2)])\n"
     "outputs, state = tf.nn.dynamic_rnn(cell, inputs, sequence_length=lengths, dtype=tf.float32)\n"
     "logits = tf.layers.dense(outputs[:, -1], 10)"),
    ("code", "with tf.Session() as sess:\n    sess.run(tf.global_variables_initializer())\n"
     "    print(sess.run(logits, {{inputs: np.zeros([2, 5, 28]), lengths: [5, 3]}}).shape)"),
)


def _notebook(cells, index, units):
    """Returns the JSON text of a notebook, laid out as Jupyter writes it."""
    def lines(text):
        text = text.format(index=index, units=units)
        return text.splitlines(keepends=True)

    body = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": lines(text)}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for kind, text in cells
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 2,
    }
    return json.dumps(body, indent=1, sort_keys=True) + "\n"


# Out of every 20 files of the realistic tree: (count, kind, file name, writer).
REALISTIC_KINDS = (
    (3, "RNN models with a Session loop", "model_{index}.py", lambda i, u: _model_file(i, u)),
    (4, "CNNs on placeholders, tf.layers and a Session", "cnn_{index}.py",
     lambda i, u: CNN_MODEL.format(index=i, units=u)),
    (4, "train/eval scripts (Session, MonitoredTrainingSession)", "train_{index}.py",
     lambda i, u: TRAINING_LOOP.format(index=i, units=u)),
    (2, "input pipelines on other tf.* APIs", "input_{index}.py",
     lambda i, u: _repeated(PIPELINE, i, u, 2)),
    (1, "scripts already calling disable_eager_execution", "graph_{index}.py",
     lambda i, u: EAGER_SCRIPT.format(index=i, units=u)),
    (1, "tf.keras models", "keras_{index}.py", lambda i, u: KERAS_MODEL.format(index=i, units=u)),
    (2, "plain Python utilities", "util_{index}.py", lambda i, u: _repeated(UTILITY, i, u, 4)),
    (2, "notebooks: placeholders, tf.layers, a Session", "tutorial_{index}.ipynb",
     lambda i, u: _notebook(NOTEBOOK_CELLS, i, u)),
    (1, "notebooks: contrib.rnn and dynamic_rnn", "rnn_{index}.ipynb",
     lambda i, u: _notebook(RNN_NOTEBOOK_CELLS, i, u)),
)


def generate_realistic_repo(root, files):
    """Writes `files` files under `root`, shaped like a real TF1 project (see `REALISTIC_KINDS`).

    85% of the files import TensorFlow, 15% are notebooks.

    Returns:
        `{kind: [files, lines]}`, kinds in the order of `REALISTIC_KINDS`.
    """
    kinds = [kind for kind in REALISTIC_KINDS for _ in range(kind[0])]
    composition = collections.defaultdict(lambda: [0, 0])
    for index in range(files):
        _, kind, name, write = kinds[index % len(kinds)]
        package = os.path.join(root, f"package_{index % 10}")
        os.makedirs(package, exist_ok=True)
        text = write(index, 32 + index)
        with open(os.path.join(package, name.format(index=index)), "w") as file:
            file.write(text)
        composition[kind][0] += 1
        composition[kind][1] += text.count("\n")
    return composition
