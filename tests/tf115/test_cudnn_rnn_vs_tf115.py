"""tf1compat's cuDNN layers, on CPU, against TF 1.15.

TF 1.15 runs its cuDNN layers on GPUs only, but builds their graphs anywhere: the
checkpoint keys its `Saver` would write are compared with tf1compat's
(`programs/cudnn_layer_keys.py`). Their numbers are those of the compatible cells in the
layouts the checkpoints name (`programs/cudnn_compatible.py`, run on TF 1.15): tf1compat's
layers restore that checkpoint and must give TF 1.15's outputs and final states, and one
SGD step on the same loss must move the weights as cuDNN does (kernels as the compatible
cells; the biases cuDNN keeps twice, input and recurrent, twice as far).
"""

import importlib.util
import json

import numpy as np
import pytest
import tensorflow as tf

import oracle
from tf1compat.contrib import cudnn_rnn

pytestmark = pytest.mark.slow

# As in programs/cudnn_compatible.py.
UNITS = 4
LENGTHS = np.array([0, 1, 3, 6, 6], np.int32)
INPUTS = np.random.RandomState(5).normal(size=(5, 6, 3)).astype(np.float32)
INITIAL = np.random.RandomState(6).normal(size=(2, 4, 5, UNITS)).astype(np.float32)

# The program's scope -> the layer whose checkpoint names it wrote, and its call.
LAYERS = {
    "cudnn_lstm": (cudnn_rnn.CudnnLSTM, dict(num_layers=2), {}),
    "cudnn_gru": (cudnn_rnn.CudnnGRU, dict(num_layers=2, direction="bidirectional"), {}),
    "cudnn_rnn_tanh": (cudnn_rnn.CudnnRNNTanh, dict(num_layers=2), {}),
    "cudnn_rnn_relu": (cudnn_rnn.CudnnRNNRelu, dict(num_layers=1, direction="bidirectional"),
                       {}),
    "cudnn_lstm_lengths": (cudnn_rnn.CudnnLSTM, dict(num_layers=2, direction="bidirectional"),
                           dict(initial_state=(INITIAL[0], INITIAL[1]), lengths=True)),
    "cudnn_gru_lengths": (cudnn_rnn.CudnnGRU, dict(num_layers=2),
                          dict(initial_state=(INITIAL[0, :2],), lengths=True)),
}
SINGLE_STEP_BIASES = ("candidate/input_projection/bias", "candidate/hidden_projection/bias")


@pytest.fixture(scope="module")
def tf115_out(tf115_python, tmp_path_factory):
    return oracle.run_tf115(tf115_python, "cudnn_compatible", tmp_path_factory.mktemp("cudnn"))


def test_checkpoint_keys_are_tf115s(tf115_python, tmp_path):
    """Variables, saveables, checkpoint keys (in order) and static shapes, five configurations,
    a direct `layer.build()` among them (TF1 then names the weights from the outer scope)."""
    tree = oracle.copy_program("cudnn_layer_keys", tmp_path / "program")
    oracle.run([tf115_python, tree / "cudnn_layer_keys.py", tmp_path], cwd=tree)
    oracle.run([oracle.BIN / "python", tree / "cudnn_layer_keys.py", tmp_path], cwd=tree)
    want = json.loads((tmp_path / "tf115_keys.json").read_text())
    assert json.loads((tmp_path / "tf1compat_keys.json").read_text()) == want
    assert len(want) == 5 and all(case["keys"] for case in want.values())


def _oracle_io():
    spec = importlib.util.spec_from_file_location("oracle_io", oracle.PROGRAMS / "oracle_io.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_tf1_order(values, bidirectional, lstm):
    """A layer's `[outputs, h (, c)]` as TF1 flattened `(outputs, state)` of the stacks."""
    outputs, states = values[0], values[1:]
    cells = [[state[i] for state in states] for i in range(len(states[0]))]  # (h, c) per cell
    cells = [cell[::-1] if lstm else cell for cell in cells]  # LSTMStateTuple(c, h)
    if bidirectional:
        cells = cells[0::2] + cells[1::2]  # forward stack, then backward stack
    return [outputs] + [value for cell in cells for value in cell]


def test_layers_restore_tf115_checkpoint_on_cpu(tf115_out, tmp_path):
    want = np.load(tf115_out / "tf115.npz")
    checkpoint = str(tf115_out / "model.ckpt")
    reader = tf.train.load_checkpoint(checkpoint)
    result_names = sorted(k[len("value/"):] for k in want.files if k.startswith("value/"))
    oracle_io = _oracle_io()
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, None, 3])
        seq = tf.compat.v1.placeholder(tf.int32, [None])
        layers, values = {}, {}
        for scope, (layer_class, kwargs, call) in LAYERS.items():
            layers[scope] = layer_class(num_units=UNITS, name=scope, **kwargs)
            outputs, states = layers[scope](
                tf.transpose(x, [1, 0, 2]), initial_state=call.get("initial_state"),
                sequence_lengths=seq if call.get("lengths") else None)
            lstm = layer_class is cudnn_rnn.CudnnLSTM
            ordered = _in_tf1_order([outputs] + [tf.unstack(s) for s in states],
                                    kwargs.get("direction") == "bidirectional", lstm)
            values.update((f"{scope}/{i}", t) for i, t in enumerate(ordered))
        loss = oracle_io.weighted_sum([values.get(name, tf.constant(0.0)) for name in result_names])
        train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        saveables = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS)
        saver = tf.compat.v1.train.Saver(saveables)
        canonical = {spec.name: spec.tensor for s in saveables for spec in s.specs}
        feed = {x: INPUTS, seq: LENGTHS}
        with tf.compat.v1.Session() as session:
            saver.restore(session, checkpoint)
            got = session.run(values, feed)
            saved = saver.save(session, str(tmp_path / "tf1compat.ckpt"))
            session.run(train, feed)
            trained = session.run(canonical)
    largest = 0.0
    for name, value in got.items():
        np.testing.assert_allclose(value, want[f"value/{name}"], atol=oracle.TOLERANCE, rtol=0,
                                   err_msg=name)
        largest = max(largest, float(np.abs(value - want[f"value/{name}"]).max()))
    assert sorted(got) == [name for name in result_names if name.split("/")[0] in LAYERS]
    # Saved back exactly as read: each bias restored as two halves, saved as their sum.
    resaved = tf.train.load_checkpoint(saved)
    for name in canonical:
        np.testing.assert_array_equal(resaved.get_tensor(name), reader.get_tensor(name), name)
    for name, value in trained.items():
        before, after = reader.get_tensor(name), want[f"after/{name}"]
        steps = 2 if name.endswith("bias") and not name.endswith(SINGLE_STEP_BIASES) else 1
        np.testing.assert_allclose(value, before + steps * (after - before),
                                   atol=oracle.TOLERANCE, rtol=0, err_msg=name)
        largest = max(largest, float(np.abs(value - before - steps * (after - before)).max()))
    print(f"cuDNN layers on CPU: {len(got)} outputs/states, {len(trained)} trained weights; "
          f"max abs difference vs TF 1.15 {largest:.2e}")
