"""Tests of notebook migration: code cells only, across cells, IPython lines kept."""

import json

from codemods.notebook import migrate_notebook
from codemods.registry import RULES


def _notebook(*cells, **extra):
    return {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for kind, source in cells
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
        **extra,
    }


def _dump(notebook):
    """The layout nbformat writes: indent 1, non-ASCII kept, trailing newline."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _sources(text):
    return ["".join(cell["source"]) for cell in json.loads(text)["cells"]]


def test_imports_in_one_cell_resolve_names_in_another():
    text = _dump(
        _notebook(
            ("code", "%matplotlib inline\nimport tensorflow as tf\nimport numpy as np"),
            ("markdown", "Uses `tf.contrib.rnn.LSTMCell` — ü"),
            ("code", "!pip install foo\ncell = tf.contrib.rnn.LSTMCell(4)\nx = np.ones(3)"),
        )
    )
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert _sources(new_text) == [
        "%matplotlib inline\nimport tf1compat\nimport numpy as np",
        "Uses `tf.contrib.rnn.LSTMCell` — ü",
        "!pip install foo\ncell = tf1compat.contrib.rnn.LSTMCell(4)\nx = np.ones(3)",
    ]
    assert changes == {"contrib-rnn": 1}
    assert findings == []
    untouched = json.loads(text)
    migrated = json.loads(new_text)
    for key in ("metadata", "nbformat", "nbformat_minor"):
        assert migrated[key] == untouched[key]
    assert migrated["cells"][1] == untouched["cells"][1]


def test_layout_of_standard_notebook_is_kept():
    text = _dump(_notebook(("code", "import tensorflow as tf\ny = tf.nn.dynamic_rnn(c, x)\n")))
    new_text, _, _ = migrate_notebook(text, RULES)
    expected = json.loads(text)
    expected["cells"][0]["source"] = ["import tf1compat\n", "y = tf1compat.nn.dynamic_rnn(c, x)\n"]
    assert new_text == _dump(expected)


def test_findings_are_located_by_cell_and_line():
    text = _dump(
        _notebook(
            ("code", "import tensorflow as tf"),
            ("code", "x = 1\ncell = tf.contrib.rnn.NASCell(3)"),
        )
    )
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert new_text == text and not changes
    assert [(f.cell, f.line) for f in findings] == [(2, 2)]
    assert findings[0].location("nb.ipynb") == "nb.ipynb:cell_2:2"


def test_cell_magic_and_invalid_cells_are_left_alone():
    cells = (
        ("code", "import tensorflow as tf"),
        ("code", "%%time\ncell = tf.contrib.rnn.GRUCell(3)"),
        ("code", "files = !ls\ncell = tf.contrib.rnn.GRUCell(3)"),
        ("code", "cell = tf.contrib.rnn.GRUCell(5)"),
    )
    new_text, changes, findings = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == [
        "import tensorflow as tf\nimport tf1compat",
        cells[1][1],
        cells[2][1],
        "cell = tf1compat.contrib.rnn.GRUCell(5)",
    ]
    assert changes == {"contrib-rnn": 1}
    assert [(f.rule, f.cell) for f in findings] == [("notebook", 2), ("notebook", 3)]


def test_notebook_without_matches_is_returned_as_is():
    text = '{"cells": [{"cell_type": "code", "source": "print(1)"}], "nbformat": 4}'
    assert migrate_notebook(text, RULES)[0] is text
