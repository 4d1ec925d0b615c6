"""Tests of `graph-mode` on the `ast`: it decides only what the libcst planner would decide."""

import ast
import itertools
import textwrap

import pytest

from codemods import cst_migration
from codemods.migrate import migrate_code
from codemods.registry import RULES, select_rules
from codemods.rule import NO_CHANGE, TextEdit
from codemods.rules.graph_mode_ast import plan_graph_mode_on_ast

ONLY = select_rules(only=("graph-mode",))

DECIDED_EDITS = [
    "import tensorflow as tf\nsess = tf.Session()\n",
    "import tensorflow\nsess = tensorflow.InteractiveSession()\n",
    "import tensorflow.compat.v1 as tf\nwith tf.train.MonitoredTrainingSession() as s:\n    pass\n",
    "import os\nos.environ['X'] = '1'\nimport tensorflow as tf\n# c\nimport numpy as np\n\n"
    "def main(session=None):\n    return tf.compat.v1.Session(config=tf.ConfigProto())\n",
    '"""Doc."""\nimport tensorflow as tf  # the tf\nfrom x import (\n    a,\n    b)\nx = 1\n'
    "class M:\n    s = tf.Session()\n",
    "import tensorflow as tf\nsess = tf.Session()\nlooks = other.Session()\n",
    # A notebook's later cell imports it again: after the last import.
    "import tensorflow as tf\nx = tf.ones(1)\nimport tensorflow as tf\nimport os\ns = tf.Session()\n",
    "import tensorflow as tf\ns = tf.Session()",  # No final line break.
    "import tensorflow as tf\nfrom helpers import *\ns = tf.Session()\n",  # libcst binds no name.
]

DECIDED_NO_CHANGE = [
    "import tensorflow as tf\n# tf.Session() in a comment\nx = tf.constant(1)\n",
    "import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\nsess = tf.compat.v1.Session()\n",
    "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nsess = tf.Session()\n",
    "import tensorflow as tf\nsess = requests.Session()\n",
    "import tensorflow as tf\nSession = object\ns = Session()\n",
    "import tensorflow as tf\ns = tensorflow.Session()\n",  # `tensorflow` is not bound
]

LEFT_TO_LIBCST = [
    "def main():\n    import tensorflow as tf\n    return tf.Session()\n",
    "try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    import tensorflow as tf\n"
    "s = tf.Session()\n",
    "import tensorflow as tf\nimport tensorflow.compat.v1 as tf\ns = tf.Session()\n",
    "from tensorflow import Session\ns = Session()\n",
    "from tensorflow.compat import v1\ns = v1.Session()\n",
    "import tensorflow.compat.v1\ns = tensorflow.compat.v1.Session()\n",
    "import tensorflow as tf\ndef f(tf):\n    return tf.Session()\n",
    "import tensorflow as tf\ntf = reload(tf)\ns = tf.Session()\n",
    "import tensorflow as tf\nimport tensorflow as tf1\na, b = tf.Session(), tf1.Session()\n",
    "import tensorflow as tf\nclass tensorflow:\n    pass\ns = tf.Session()\n",
    "import tensorflow as tf\ns = make().Session()\n",
    "import os; import tensorflow as tf\ns = tf.Session()\n",
    "import tensorflow as tf; x = 1\ns = tf.Session()\n",
    "import tensorflow as tf\nimport numpy as np; y = 2\ns = tf.Session()\n",
    "import tensorflow as tf\r\ns = tf.Session()\r\n",
    "import tensorflow as tf\n\fs = tf.Session()\n",
]


@pytest.mark.parametrize("code", DECIDED_EDITS)
def test_plain_files_are_decided_on_the_ast(code, assert_same_as_libcst):
    padded = code if code.endswith("\n") else code + "\n"  # As `active_rules` passes it.
    assert isinstance(plan_graph_mode_on_ast(padded, ast.parse(code)), TextEdit)
    result = migrate_code(code, RULES)
    assert result.changes == {"graph-mode": 1}
    assert_same_as_libcst(code, RULES, result)


@pytest.mark.parametrize("code", DECIDED_NO_CHANGE)
def test_files_without_a_tensorflow_session_skip_the_rule(code, assert_same_as_libcst):
    assert plan_graph_mode_on_ast(code, ast.parse(code)) is NO_CHANGE
    result = migrate_code(code, ONLY)
    assert result.code == code and not result.findings
    assert_same_as_libcst(code, ONLY, result)


@pytest.mark.parametrize("code", LEFT_TO_LIBCST)
def test_other_files_are_left_to_the_libcst_planner(code, assert_same_as_libcst):
    assert plan_graph_mode_on_ast(code, ast.parse(code)) is None
    assert_same_as_libcst(code, ONLY, migrate_code(code, ONLY))


def test_a_file_decided_on_the_ast_is_never_parsed_by_libcst(monkeypatch):
    def refuse(code):
        raise AssertionError("parsed by libcst")

    monkeypatch.setattr(cst_migration, "parse_cst", refuse)
    code = "import tensorflow as tf\nsess = tf.Session()\n"
    assert migrate_code(code, RULES).code.count("disable_v2_behavior") == 1
    with pytest.raises(AssertionError, match="parsed by libcst"):
        migrate_code("from tensorflow.python.ops import rnn\n" + code, RULES)  # Renamed.


IMPORTS = (
    "import tensorflow as tf",
    "import tensorflow.compat.v1 as tf",
    "import tensorflow as tf, numpy as np",
    "import tensorflow as tf\nimport tensorflow as tf",
    "from tensorflow import compat as tf",
    "import numpy as tf",
    "",
)
AFTER_IMPORT = ("", "import numpy as np", "from os import path\n# note", "x = 1", "\n\n")
SESSIONS = (
    "sess = tf.Session()",
    "sess = tf.compat.v1.InteractiveSession()",
    "with tf.train.MonitoredTrainingSession() as sess:\n    pass",
    "sess = tf.Session()\ntf.disable_v2_behavior()",
    "sess = Session()",
    "tf.random.set_seed(1)",
)
PLACES = (
    "{session}",
    "def main():\n{indented}",
    "def main(tf=None):\n{indented}",
    "class Model:\n{indented}",
    "def main():\n    tf = load()\n{indented}",
    "for tf in tools:\n{indented}",
    "lambda_ = lambda tf: tf.Session()\n{session}",
)


def _generated():
    for imports, after, session, place in itertools.product(IMPORTS, AFTER_IMPORT, SESSIONS, PLACES):
        body = place.format(session=session, indented=textwrap.indent(session, "    "))
        yield f'"""Generated."""\n{imports}\n{after}\n{body}\n'


def test_generated_files_agree_with_the_libcst_path(assert_same_as_libcst):
    decided = 0
    for code in _generated():
        decided += plan_graph_mode_on_ast(code, ast.parse(code)) is not None
        assert_same_as_libcst(code, RULES, migrate_code(code, RULES))
    assert decided > 400  # Of 1,470: the plain ones are decided on the ast.
