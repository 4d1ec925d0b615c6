"""tf1compat under tf.distribute: MirroredStrategy over two logical CPUs and
MultiWorkerMirroredStrategy with two local worker processes train exactly as one device.

Each run is a process of its own (`programs/distribute_program.py`), since logical devices
and a worker's cluster are fixed when TensorFlow starts.
"""

import json
import os
import pathlib
import socket
import subprocess
import sys

import numpy as np
import pytest

PROGRAM = pathlib.Path(__file__).parent / "programs" / "distribute_program.py"
pytestmark = pytest.mark.slow


def run(mode, out, **env):
    environment = {key: value for key, value in os.environ.items() if key != "TF2_BEHAVIOR"}
    environment.update(TF_CPP_MIN_LOG_LEVEL="3", **env)
    return subprocess.Popen([sys.executable, str(PROGRAM), mode, str(out)], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process):
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-4000:]


@pytest.fixture(scope="module")
def single_device(tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "single.npz"
    finish(run("single", out))
    return np.load(out)


def assert_same_training(results, reference):
    assert results.files and set(results.files) <= set(reference.files)
    for key in results.files:
        np.testing.assert_allclose(results[key], reference[key], atol=1e-5, rtol=0, err_msg=key)
        index = int(key.split("/")[1])
        initial = np.random.default_rng(index).uniform(-0.5, 0.5, reference[key].shape)
        assert np.abs(reference[key] - initial).max() > 1e-4, f"{key} did not train"


def test_mirrored_strategy_on_two_devices(single_device, tmp_path):
    out = tmp_path / "mirrored.npz"
    finish(run("mirrored", out))
    results = np.load(out)
    assert any(key.startswith("fit/") for key in results.files)  # Keras fit ran too
    assert_same_training(results, single_device)


def _free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("localhost", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_multi_worker_mirrored_strategy_with_two_workers(single_device, tmp_path):
    workers = [f"localhost:{port}" for port in _free_ports(2)]
    out = tmp_path / "multiworker.npz"
    processes = [run("multiworker", out, TF_CONFIG=json.dumps(
        {"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}}))
        for index in range(2)]
    for process in processes:
        finish(process)
    assert_same_training(np.load(out), single_device)
