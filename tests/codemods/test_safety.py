"""Files that do not parse stay byte-identical; encodings, BOMs, newlines and modes survive."""

import os
import stat

import pytest

from codemods.runner import migrate_file

ALL = ("contrib-rnn", "rnn-cell", "rnn-functions")


def _run(tmp_path, name, data, mode="write"):
    path = tmp_path / name
    path.write_bytes(data)
    return path, migrate_file(str(path), ALL, mode)


@pytest.mark.parametrize(
    "data, line",
    [
        (b"import tensorflow as tf\nprint 'rnn'\ncell = tf.contrib.rnn.LSTMCell(3)\n", 2),
        (b"import tensorflow as tf\ncell = tf.contrib.rnn.LSTMCell(3\n\nx = 1\n", 2),
        (b"import tensorflow as tf\ntry:\n    x = tf.nn.dynamic_rnn(c, i)\nexcept Exception, e:\n    pass\n", 4),
    ],
    ids=["python2-print", "unclosed-paren", "python2-except"],
)
def test_unparseable_file_is_reported_and_untouched(tmp_path, data, line):
    path, result = _run(tmp_path, "bad.py", data)
    assert result.status == "failed"
    assert result.error_line == line
    assert "not valid Python 3" in result.error
    assert path.read_bytes() == data


def test_undecodable_bytes_are_reported_with_line(tmp_path):
    data = b"import tensorflow as tf\n# \xff\xfe broken\ncell = tf.contrib.rnn.GRUCell(2)\n"
    path, result = _run(tmp_path, "bytes.py", data)
    assert (result.status, result.error_line) == ("failed", 2)
    assert path.read_bytes() == data


def test_latin1_file_with_coding_cookie(tmp_path):
    data = (
        b"# -*- coding: latin-1 -*-\nimport tensorflow as tf\n"
        b"# r\xe9seau r\xe9current\ncell = tf.nn.rnn_cell.GRUCell(2)\n"
    )
    path, result = _run(tmp_path, "latin.py", data)
    assert result.status == "changed"
    assert path.read_bytes() == (
        b"# -*- coding: latin-1 -*-\nimport tf1compat\n"
        b"# r\xe9seau r\xe9current\ncell = tf1compat.nn.rnn_cell.GRUCell(2)\n"
    )


def test_crlf_line_endings_are_kept(tmp_path):
    data = b"import tensorflow as tf\r\nx = tf.ones(1)\r\ncell = tf.contrib.rnn.GRUCell(2)\r\n"
    path, _ = _run(tmp_path, "crlf.py", data)
    assert path.read_bytes() == (
        b"import tensorflow as tf\r\nimport tf1compat\r\nx = tf.ones(1)\r\n"
        b"cell = tf1compat.nn.rnn_cell.GRUCell(2)\r\n"
    )


def test_bom_is_kept(tmp_path):
    data = b"\xef\xbb\xbfimport tensorflow as tf\nout = tf.nn.dynamic_rnn(c, x)\n"
    path, _ = _run(tmp_path, "bom.py", data)
    assert path.read_bytes() == b"\xef\xbb\xbfimport tf1compat\nout = tf1compat.nn.dynamic_rnn(c, x)\n"


def test_mode_bits_are_kept_and_no_temporary_file_left(tmp_path):
    path = tmp_path / "script.py"
    path.write_text("#!/usr/bin/env python\nimport tensorflow as tf\nc = tf.contrib.rnn.GRUCell(1)\n")
    os.chmod(path, 0o751)
    result = migrate_file(str(path), ALL, "write")
    assert result.status == "changed"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o751
    assert os.listdir(tmp_path) == ["script.py"]


@pytest.mark.parametrize("mode", ["diff", "check"])
def test_diff_and_check_write_nothing(tmp_path, mode):
    data = b"import tensorflow as tf\nc = tf.contrib.rnn.GRUCell(1)\n"
    path, result = _run(tmp_path, "m.py", data, mode)
    assert result.status == "changed"
    assert path.read_bytes() == data
    assert (result.diff is not None) == (mode == "diff")


def test_invalid_notebook_json_is_reported_and_untouched(tmp_path):
    data = b'{"cells": [ {"source": "import tensorflow; rnn"'
    path, result = _run(tmp_path, "broken.ipynb", data)
    assert result.status == "failed" and "not a notebook" in result.error
    assert path.read_bytes() == data
