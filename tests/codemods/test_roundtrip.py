"""Bytes libcst does not print back (form feeds, a final CR, trailing blanks) survive migration."""

import libcst as cst
import pytest

from codemods.roundtrip import restore_unprinted_whitespace
from codemods.runner import migrate_file

FORM_FEED_BEFORE_DEF = "x = 1\n\fdef f():\n    pass\n"
FINAL_CR = "x = 1\ry = 2\r"


@pytest.mark.parametrize("code", [FORM_FEED_BEFORE_DEF, FINAL_CR, "x = 1\n\t\n  "])
def test_libcst_does_not_print_these_back(code):
    """Why `codemods.roundtrip` exists: if this fails, libcst was fixed and it can go."""
    assert cst.parse_module(code).code != code


def test_form_feed_before_def_is_kept(assert_rewrites):
    assert_rewrites(
        "import tensorflow as tf\n\fdef f(c, x):\n    return tf.nn.dynamic_rnn(c, x)\n",
        "import tf1compat\n\fdef f(c, x):\n    return tf1compat.nn.dynamic_rnn(c, x)\n",
    )


def test_form_feeds_in_indentation_and_on_changed_lines_are_kept(assert_rewrites):
    assert_rewrites(
        "import tensorflow as tf\nclass M:\n    x = 1\n\f    def f(self, cell=tf.nn.rnn_cell.GRUCell):\n"
        "        pass\n\f\fy = 2\n",
        "import tf1compat\nclass M:\n    x = 1\n\f    def f(self, cell=tf1compat.nn.rnn_cell.GRUCell):\n"
        "        pass\n\f\fy = 2\n",
    )


def test_form_feed_libcst_keeps_is_not_doubled(assert_rewrites):
    assert_rewrites(
        'import tensorflow as tf\n"""Doc\n\fclass in a string."""\nout = tf.nn.dynamic_rnn(c, x)\n',
        'import tf1compat\n"""Doc\n\fclass in a string."""\nout = tf1compat.nn.dynamic_rnn(c, x)\n',
    )


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"import tensorflow as tf\rcell = tf.nn.rnn_cell.GRUCell(2)\r",
         b"import tf1compat\rcell = tf1compat.nn.rnn_cell.GRUCell(2)\r"),
        (b"import tensorflow as tf\r\ncell = tf.nn.rnn_cell.GRUCell(2)\r",
         b"import tf1compat\r\ncell = tf1compat.nn.rnn_cell.GRUCell(2)\r"),
        (b"import tensorflow as tf\ncell = tf.nn.rnn_cell.GRUCell(2)\n\t\n  ",
         b"import tf1compat\ncell = tf1compat.nn.rnn_cell.GRUCell(2)\n\t\n  "),
    ],
    ids=["cr-only", "crlf-then-final-cr", "blanks-at-end"],
)
def test_end_of_file_bytes_are_kept(tmp_path, data, expected):
    path = tmp_path / "m.py"
    path.write_bytes(data)
    assert migrate_file(str(path), ("rnn-cell",), "write").status == "changed"
    assert path.read_bytes() == expected


def test_nothing_to_restore_returns_the_migrated_text():
    migrated = "import tf1compat\n"
    assert restore_unprinted_whitespace("import tensorflow\n", migrated) is migrated
