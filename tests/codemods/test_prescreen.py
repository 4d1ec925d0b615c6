"""Tests of the ast prescreen: it may only reject files the libcst pass leaves alone."""

import ast
import textwrap

import pytest

from codemods.migrate import migrate_code
from codemods.prescreen import may_need_symbol_moves
from codemods.registry import RULES
from codemods.rule import SymbolMoveRule
from codemods.move_table import MoveTable

TABLE = MoveTable([rule for rule in RULES if isinstance(rule, SymbolMoveRule)])
MOVE_RULES = [rule for rule in RULES if isinstance(rule, SymbolMoveRule)]

NEEDS_WORK = [
    "import tensorflow as tf\nc = tf.contrib.rnn.LSTMCell(3)\n",
    "import tensorflow.compat.v1 as v1\nc = v1.nn.rnn_cell.GRUCell(3)\n",
    "from tensorflow import nn\ny = nn.dynamic_rnn(c, x)\n",
    "from tensorflow.contrib import rnn\n",
    "from tensorflow.contrib.rnn import AttentionCellWrapper\n",
    "import tensorflow.contrib.rnn as r\n",
    "from tensorflow.contrib.rnn import *\n",
    "import tensorflow as tf\nm = getattr(tf.contrib.rnn, name)\n",
    "import tensorflow as tf\nc = tf.contrib.rnn.NASCell(3)\n",
    "import tensorflow\nc = tensorflow.contrib.rnn.GRUCell(2)\n",
    "import importlib, tensorflow\nm = importlib.import_module('tensorflow.contrib.rnn')\n",
    "def f():\n    import tensorflow as tf\n    return tf.layers.dense(x, 2)\n",
    "from tensorflow.python.layers import core as layers_core\nd = layers_core.Dense(3)\n",
]

NO_WORK = [
    "import tensorflow as tf\nflags = tf.app.flags\nflags.DEFINE_integer('rnn_size', 128, 'rnn size')\n",
    "import tensorflow as tf\nlayer = tf.keras.layers.RNN(tf.keras.layers.LSTMCell(3))\n",
    "import tensorflow as tf\nfrom models import rnn\ncell = rnn.BasicLSTMCell(3)\n",
    "import tensorflow as tf\ny = tf.nn.relu(x)  # not an rnn\n",
]


@pytest.mark.parametrize("source", NEEDS_WORK)
def test_accepts_every_file_the_rules_touch(source):
    result = migrate_code(source, MOVE_RULES)
    assert result.changes or result.findings, "example does not exercise the rules"
    assert may_need_symbol_moves(ast.parse(source), TABLE)


@pytest.mark.parametrize("source", NO_WORK)
def test_rejects_files_that_only_mention_rnn(source):
    assert not may_need_symbol_moves(ast.parse(textwrap.dedent(source)), TABLE)
