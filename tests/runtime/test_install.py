"""Zero-edit mode: `tf1compat.install()` / `uninstall()` patch TensorFlow's TF1 names and put
back exactly what was there; `python -m tf1compat run` runs a script under it.

(Whole TF1 programs against TF 1.15 in zero-edit mode: `tests/tf115/test_zero_edit.py`.)
"""

import importlib
import subprocess
import sys
import textwrap

import pytest
import tensorflow as tf

import tf1compat

zero_edit = importlib.import_module("tf1compat.install")  # the module; `tf1compat.install` is the function


def _snapshot():
    modules = (tf, tf.nn, tf.compat.v1, tf.compat.v1.nn)
    return ([dict(vars(module)) for module in modules], list(sys.meta_path),
            sorted(name for name in sys.modules if name.startswith("tensorflow.contrib")))


def test_import_alone_patches_nothing():
    assert not zero_edit.installed()
    assert not hasattr(tf, "contrib") and not hasattr(tf.nn, "dynamic_rnn")


def test_install_resolves_tf1_spellings_and_uninstall_restores_exactly():
    before = _snapshot()
    tf1compat.install()
    try:
        import tensorflow.contrib.rnn as contrib_rnn
        from tensorflow.contrib import cudnn_rnn, legacy_seq2seq, rnn
        from tensorflow.contrib.framework import nest
        from tensorflow.contrib.rnn.python.ops.rnn_cell import LSTMCell
        from tensorflow.contrib.seq2seq.python.ops import helper

        assert contrib_rnn is rnn is tf.contrib.rnn
        assert LSTMCell is rnn.LSTMCell is tf.nn.rnn_cell.LSTMCell is tf1compat.nn.rnn_cell.LSTMCell
        assert rnn.NASCell is tf1compat.contrib.rnn.NASCell
        assert helper.TrainingHelper is tf1compat.contrib.seq2seq.TrainingHelper
        assert legacy_seq2seq.rnn_decoder is tf1compat.contrib.legacy_seq2seq.rnn_decoder
        assert cudnn_rnn.CudnnLSTM is tf.contrib.cudnn_rnn.CudnnLSTM
        assert tf.contrib.layers.fully_connected is tf1compat.contrib.layers.fully_connected
        assert nest.flatten([1, (2, 3)]) == [1, 2, 3]
        for nn in (tf.nn, tf.compat.v1.nn):
            assert nn.dynamic_rnn is tf1compat.nn.dynamic_rnn
            assert nn.rnn_cell is tf1compat.nn.rnn_cell
        assert tf.layers is tf.compat.v1.layers is tf1compat.layers
        outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), tf.ones([2, 4, 5]),
                                           sequence_length=[4, 1], dtype=tf.float32)
        assert outputs.shape == (2, 4, 3) and float(tf.reduce_sum(tf.abs(outputs[1, 1:]))) == 0
    finally:
        tf1compat.uninstall()
    assert _snapshot() == before
    with pytest.raises(ImportError):
        import tensorflow.contrib.rnn  # noqa: F401


def test_unprovided_contrib_modules_say_what_is_provided():
    tf1compat.install()
    try:
        with pytest.raises(ModuleNotFoundError, match="provides tensorflow.contrib.cudnn_rnn"):
            import tensorflow.contrib.slim  # noqa: F401
        with pytest.raises(AttributeError, match="Received: 'crf'"):
            tf.contrib.crf  # noqa: B018
        # TF1's low-level cuDNN classes of the ops module are not the layers.
        from tensorflow.contrib.cudnn_rnn.python.ops import cudnn_rnn_ops
        with pytest.raises(AttributeError, match="cudnn_rnn_ops.CudnnLSTM is not provided"):
            cudnn_rnn_ops.CudnnLSTM  # noqa: B018
        assert cudnn_rnn_ops.CudnnCompatibleGRUCell is tf1compat.contrib.cudnn_rnn.CudnnCompatibleGRUCell
    finally:
        tf1compat.uninstall()


def test_install_twice_and_uninstall_without_install_raise():
    tf1compat.install()
    try:
        with pytest.raises(RuntimeError, match="already installed.*Received: compat_v1=True"):
            tf1compat.install(compat_v1=True)
    finally:
        tf1compat.uninstall()
    with pytest.raises(RuntimeError, match="not installed"):
        tf1compat.uninstall()


COMPAT_V1_ROUND_TRIP = """
import sys, types
import numpy as np
import tensorflow as tf
import tf1compat

def snapshot():
    modules = {"tf": tf, "tf.compat.v1": tf.compat.v1, "tf.compat.v1.nn": tf.compat.v1.nn}
    modules.update((f"tf.{name}", value) for name, value in vars(tf).items()
                   if isinstance(value, types.ModuleType) and not name.startswith("_"))
    return {name: dict(vars(module)) for name, module in modules.items()}

before, eager = snapshot(), tf.executing_eagerly()
tf1compat.install(compat_v1=True)
assert not tf.executing_eagerly()
x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("model"):
    cell = tf.contrib.rnn.LSTMCell(4)
    outputs, state = tf.nn.dynamic_rnn(cell, tf.expand_dims(x, 1), dtype=tf.float32)
    dense = tf.layers.dense(outputs, 2)
dropped = tf.nn.dropout(x, 1.0)  # TF1's keep_prob: keep everything
loss = tf.losses.mean_squared_error(tf.zeros_like(dense), dense)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
assert tf.losses.mean_squared_error is tf.compat.v1.losses.mean_squared_error
assert tf.train.Saver is tf.compat.v1.train.Saver and tf.Variable is tf.compat.v2.Variable
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    value, kept = session.run([loss, dropped], {x: np.ones([2, 3])})
    session.run(train, {x: np.ones([2, 3])})
assert np.all(kept == 1.0) and loss.shape == ()
names = sorted(v.op.name for v in tf.global_variables())
assert names == ["model/dense/bias", "model/dense/kernel", "model/rnn/lstm_cell/bias",
                 "model/rnn/lstm_cell/kernel"], names
tf1compat.uninstall()
after = snapshot()
changed = {name for name in before if before[name] != after.get(name)}
assert not changed and set(after) == set(before), changed
assert tf.executing_eagerly() == eager and not hasattr(tf, "placeholder")
assert float(tf.constant(2.0) * 3) == 6.0
print("round trip ok")
"""


def test_compat_v1_round_trip_in_a_fresh_process():
    """TF1 names and graph mode while installed; TF 2 names and eager execution after."""
    done = subprocess.run([sys.executable, "-c", COMPAT_V1_ROUND_TRIP], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "round trip ok" in done.stdout


def test_run_command(tmp_path):
    script = tmp_path / "legacy.py"
    script.write_text(textwrap.dedent("""\
        import sys
        import numpy as np
        import tensorflow as tf
        from tensorflow.contrib import rnn
        import helper  # a module next to the script

        x = tf.placeholder(tf.float32, [None, None, 2])
        cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2)])
        outputs, _ = tf.nn.dynamic_rnn(cell, x, sequence_length=[3, 1], dtype=tf.float32)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            print(helper.describe(session.run(outputs, {x: np.ones([2, 3, 2])})), sys.argv[1:])
        sys.exit(3)
        """))
    (tmp_path / "helper.py").write_text("def describe(a):\n    return a.shape\n")
    done = subprocess.run([sys.executable, "-m", "tf1compat", "run", str(script), "--flag", "x"],
                          capture_output=True, text=True, timeout=600, cwd="/")
    assert done.returncode == 3, done.stderr[-4000:]
    assert done.stdout.strip().splitlines()[-1] == "(2, 3, 2) ['--flag', 'x']"
    missing = subprocess.run([sys.executable, "-m", "tf1compat", "run", str(tmp_path / "no.py")],
                             capture_output=True, text=True, timeout=600)
    assert missing.returncode == 2 and "no such script" in missing.stderr
