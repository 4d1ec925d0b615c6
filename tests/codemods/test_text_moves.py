"""Tests of the symbol moves as text edits: they give exactly what the libcst pass gives."""

import ast
import itertools
import textwrap

import pytest

from codemods import cst_migration
from codemods.migrate import migrate_code
from codemods.move_table import MoveTable
from codemods.registry import RULES
from codemods.rule import SymbolMoveRule
from codemods.text_moves import move_symbols_as_text

TABLE = MoveTable([rule for rule in RULES if isinstance(rule, SymbolMoveRule)])

DECIDED = [
    "import tensorflow as tf\ny = tf.layers.dense(x, 2)\nz = tf.nn.relu(y)\n",
    '"""Doc."""\nfrom __future__ import print_function\nimport numpy as np\n'
    "import tensorflow as tf  # tf\nfrom tensorflow.keras import layers\n# Model.\nimport model\n\n"
    "def build(x):\n    cell = tf.contrib.rnn.BasicLSTMCell(3)\n"
    "    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)\n    return (tf.layers.dense)(out, 2)\n",
    "import tensorflow.compat.v1 as v1\nc = v1.nn.rnn_cell.GRUCell(3)\nv1.placeholder(v1.float32)\n",
    "import tensorflow\nc = tensorflow.contrib.layers.fully_connected(x, 3)\ny = tensorflow.constant(1)\n",
    "import tensorflow as tf\nx = f'{tf.layers.dense(y, 2)} {tf.nn.relu}'\n",
    "import tensorflow as tf\ns = 'ünïcode' + str(tf.layers.dense(x, 2)) + str(tf.ones(1))\n",
    "import tensorflow as tf\nimport os\nx = os.sep\ny = tf.layers.dense(tf.ones(1), 2)\n",
    "import tensorflow as tf\nc = tf.contrib.rnn.LSTMCell(2).zero_state(1, tf.float32)\n",
    "import tensorflow as tf\n__tf1compat_cell_boundary__()\ny = tf.layers.dense(tf.ones(1), 2)\n",
    # Findings.
    "import tensorflow as tf\nc = tf.contrib.crf.crf_log_likelihood(x)\ntf.ones(1)\n",
    "import tensorflow as tf\nm = tf.contrib.rnn\nd = tf.layers.dense(tf.ones(1), {tf.contrib.a: tf.contrib.b})\n",
    "import tensorflow as tf\ny = (\n    tf.contrib.crf.foo)(tf.contrib.rnn.NTMCell(2))\n",
    # Calls named like run-time lookups that are not.
    "import tensorflow as tf\ny = tf.layers.dense(x, 2).eval()\nexec = print\nexec(tf.ones(1))\n",
    # Imports swapped.
    "from tensorflow.contrib import rnn\nc = rnn.GRUCell(3)\nm = rnn\n",
    "import tensorflow as tf\nimport tensorflow.contrib.rnn as r\nfrom tensorflow.contrib.rnn import (\n"
    "    BasicLSTMCell, LSTMStateTuple)\nc = r.LSTMCell(2)\ny = tf.nn.dynamic_rnn(c, tf.ones(1))\n",
    # Imports reported.
    "from tensorflow.contrib.crf import crf_log_likelihood, viterbi_decode\n"
    "import tensorflow.contrib.slim as slim\nfrom tensorflow.contrib.rnn import (\n"
    "    NTMCell)\nimport tensorflow as tf\nx = tf.layers.dense(tf.ones(1), 2)\n",
    # A notebook's later cell imports tensorflow again: each import keeps a use.
    "import tensorflow as tf\nx = tf.ones(1)\nimport tensorflow as tf\ny = tf.layers.dense(x, 2)\n"
    "z = tf.zeros(1)\n",
    # A star import binds no name for libcst either.
    "import tensorflow as tf\nfrom helpers import *\ny = tf.layers.dense(x, 2)\ntf.ones(1)\n",
    # No final line break.
    "import tensorflow as tf\ny = tf.layers.dense(tf.ones(1), 2)",
    "import tensorflow as tf\nwith tf.Session() as s:\n    s.run(tf.layers.dense(tf.ones(1), 2))",
]

LEFT_TO_LIBCST = [
    "import tensorflow as tf\ny = tf.layers.dense(x, 2)\n",  # `import tensorflow` left unused.
    "from tensorflow.contrib import rnn\nc = rnn.WeightNormLSTMCell(3)\n",  # Blocked alias.
    "from tensorflow.python.ops import rnn\ny = rnn.dynamic_rnn(c, x)\n",  # Renamed.
    "from tensorflow.contrib.rnn import LSTMCell, NTMCell\n",  # Split.
    "import tensorflow as tf\nm = getattr(tf.contrib.rnn, 'GRUCell')\ny = eval('tf.ones(1)')\n",
    "import importlib\nimport tensorflow as tf\ny = tf.layers.dense(tf.ones(1), 2)\n"
    "m = importlib.import_module('tensorflow.contrib.rnn')\n",
    "import tensorflow as tf\ndef f(tf):\n    return tf.layers.dense(x, 2)\ntf.ones(1)\n",
    "def f():\n    import tensorflow as tf\n    return tf.layers.dense(x, 2), tf.ones(1)\n",
    "import tensorflow as tf\ny = tf.layers . dense(x, 2)\ntf.ones(1)\n",
    "import tensorflow as tf\ny = tf.layers.\\\n    dense(x, 2)\ntf.ones(1)\n",
    "import tensorflow as tf; import numpy\ny = tf.layers.dense(x, 2)\ntf.ones(1)\n",
    "try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\ny = tf.layers.dense(x, 2)\n",
    "import tensorflow as tf\nimport tf1compat\ny = tf.layers.dense(x, 2)\ntf.ones(1)\n",
    "import tensorflow as tf\ntf1compat = 1\ny = tf.layers.dense(x, 2)\ntf.ones(1)\n",
    "import tensorflow as tf\r\ny = tf.layers.dense(x, 2)\r\ntf.ones(1)\r\n",
    "from tensorflow.contrib.rnn import *\nimport tensorflow as tf\ny = tf.layers.dense(x, 2)\n"
    "tf.ones(1)\n",
    "import tensorflow as tf\nx = tf.ones(1)\nimport tensorflow as tf\ny = tf.layers.dense(x, 2)\n",
    "import tensorflow as tf\nx = tf.ones(1)\nimport tensorflow as tf\ny = tf.layers.dense(x, 2)\n"
    "def f():\n    return tf.zeros(1)\n",
]


@pytest.fixture
def libcst_parses(monkeypatch):
    """The sources `migrate_code` parses with libcst."""
    parsed = []
    parse = cst_migration.parse_cst
    monkeypatch.setattr(cst_migration, "parse_cst", lambda code: parsed.append(code) or parse(code))
    return parsed


@pytest.mark.parametrize("code", DECIDED)
def test_plain_files_are_migrated_as_text(code, libcst_parses, assert_same_as_libcst):
    result = migrate_code(code, RULES)
    assert not libcst_parses
    assert result.changes or result.findings
    assert_same_as_libcst(code, RULES, result)


@pytest.mark.parametrize("code", LEFT_TO_LIBCST)
def test_other_files_are_left_to_the_libcst_pass(code, libcst_parses, assert_same_as_libcst):
    result = migrate_code(code, RULES)
    assert libcst_parses
    assert_same_as_libcst(code, RULES, result)


HEADERS = (
    "import tensorflow as tf",
    "import numpy as np\nimport tensorflow as tf\n\nimport model",
    "import tensorflow.compat.v1 as tf\nfrom tensorflow.keras import layers",
    "import tensorflow as tf\nfrom tensorflow.contrib import rnn",
    "import os\nos.environ['A'] = '1'\nimport tensorflow as tf",
    "import tensorflow as tf\nx = tf.ones(1)\nimport numpy as np\nimport tensorflow as tf",
    "import tensorflow as tf\nif True:\n    import numpy as np",
    "import tensorflow as tf\ndef helper():\n    pass\nimport numpy as np",
)
USES = (
    "y = tf.layers.dense(x, 2)",
    "cell = tf.nn.rnn_cell.MultiRNNCell([tf.contrib.rnn.GRUCell(2)])",
    "out, _ = tf.nn.bidirectional_dynamic_rnn(f, b, x)",
    "cell = rnn.BasicLSTMCell(2)",
    "h = tf.contrib.layers.fully_connected(x, 2)\nw = tf.contrib.layers.xavier_initializer()",
    "y = tf.contrib.slim.fully_connected(x, 2)",
    "y = tf.layers.Dense(2).apply(x)",
)
KEEPS = ("", "z = tf.ones(1)", "with tf.Session() as sess:\n    pass")
PLACES = ("{use}", "def build(x):\n{indented}", "class M:\n{indented}", "def f(tf):\n{indented}")


def test_generated_files_agree_with_the_libcst_path(assert_same_as_libcst):
    moved = 0
    for header, use, keep, place in itertools.product(HEADERS, USES, KEEPS, PLACES):
        body = place.format(use=use, indented=textwrap.indent(use, "    "))
        code = f"{header}\n{body}\n{keep}\n"
        moved += bool((move_symbols_as_text(code, ast.parse(code), TABLE) or (0, 0, 0))[1])
        assert_same_as_libcst(code, RULES, migrate_code(code, RULES))
    assert moved > 100  # Of 672: the plain ones are moved as text.
