"""tf1compat's modules export every public name of their TF 1.15 counterparts.

The names come from the real TensorFlow 1.15 (`dir()` of each module), not from a list
written here, so a name TF 1.15 had and tf1compat lacks fails this test.
"""

import json
import subprocess

import pytest

import tf1compat

# TF 1.15 module -> the tf1compat module that replaces it as a whole.
MODULES = {
    "tf.nn.rnn_cell": tf1compat.nn.rnn_cell,
    "tf.contrib.seq2seq": tf1compat.contrib.seq2seq,
    "tf.contrib.cudnn_rnn": tf1compat.contrib.cudnn_rnn,
    "tf.contrib.rnn": tf1compat.contrib.rnn,
}


@pytest.fixture(scope="module")
def tf115_names(tf115_python):
    """`{module: sorted public names}` as TF 1.15 itself lists them."""
    script = ("import json, tensorflow as tf\n"
              f"print(json.dumps({{m: sorted(n for n in dir(eval(m)) if not n.startswith('_')) "
              f"for m in {sorted(MODULES)!r}}}))")
    done = subprocess.run([str(tf115_python), "-c", script], capture_output=True, text=True,
                          timeout=300, env={"TF_CPP_MIN_LOG_LEVEL": "3"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_tf115_name_exists(module, tf115_names):
    ours = MODULES[module]
    missing = [name for name in tf115_names[module] if not hasattr(ours, name)]
    assert not missing, f"{ours.__name__} lacks {missing} of TF 1.15's {module}"
    assert set(tf115_names[module]) <= set(ours.__all__)
