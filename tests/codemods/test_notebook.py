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
        "!pip install foo\ncell = tf1compat.nn.rnn_cell.LSTMCell(4)\nx = np.ones(3)",
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
            ("code", "x = 1\ncell = tf.contrib.rnn.WeightNormLSTMCell(3)"),
        )
    )
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert new_text == text and not changes
    assert [(f.cell, f.line) for f in findings] == [(2, 2)]
    assert findings[0].location("nb.ipynb") == "nb.ipynb:cell_2:2"


def test_cells_that_are_not_python_are_left_alone_and_reported():
    cells = (
        ("code", "import tensorflow as tf"),
        ("code", "%%bash\necho tf.contrib.rnn.GRUCell"),
        ("code", "print 'python 2'\ncell = tf.contrib.rnn.GRUCell(3)"),
        ("code", "cell = tf.contrib.rnn.GRUCell(5)"),
    )
    new_text, changes, findings = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == [
        "import tensorflow as tf\nimport tf1compat",
        cells[1][1],
        cells[2][1],
        "cell = tf1compat.nn.rnn_cell.GRUCell(5)",
    ]
    assert changes == {"contrib-rnn": 1}
    assert [(f.rule, f.cell, f.line) for f in findings] == [("notebook", 2, 1), ("notebook", 3, 1)]
    assert "cell magic %%bash: not Python" in findings[0].message
    assert "not valid Python 3" in findings[1].message


def test_every_skipped_cell_is_reported_even_when_nothing_changes():
    text = _dump(_notebook(
        ("code", "import tensorflow as tf\nx = tf.ones(3)  # an rnn-free notebook"),
        ("code", "%%writefile model.py\nimport tensorflow as tf"),
    ))
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert new_text is text and not changes
    assert [(f.rule, f.cell) for f in findings] == [("notebook", 2)]


# Issue 13: graph-mode in notebooks (root cause 1), IPython syntax (root cause 6).


def test_graph_mode_goes_into_the_cell_of_the_import():
    text = _dump(_notebook(("code", "import tensorflow as tf\nsess = tf.Session()"), ("code", "print(1)")))
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert changes == {"graph-mode": 1} and findings == []
    assert new_text == text.replace(
        '"import tensorflow as tf\\n",\n',
        '"import tensorflow as tf\\n",\n    "tf.compat.v1.disable_v2_behavior()\\n",\n',
    )


def test_graph_mode_after_a_late_import_in_a_later_cell():
    cells = (
        ("code", "import os\nos.environ['CUDA_VISIBLE_DEVICES'] = ''"),
        ("code", "import tensorflow as tf"),
        ("code", "with tf.Session() as sess:\n    pass"),
    )
    new_text, _, _ = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == [
        cells[0][1], "import tensorflow as tf\ntf.compat.v1.disable_v2_behavior()", cells[2][1],
    ]


def test_continuation_line_starting_with_not_equal_is_python():
    cells = (
        ("code", "import tensorflow as tf\nok = (a\n      != b)"),
        ("code", "out = tf.nn.dynamic_rnn(c, x)"),
    )
    new_text, changes, findings = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == ["import tf1compat\nok = (a\n      != b)", "out = tf1compat.nn.dynamic_rnn(c, x)"]
    assert findings == []


def test_import_under_time_cell_magic_resolves_the_next_cell():
    cells = (("code", "%%time\nimport tensorflow as tf"), ("code", "out = tf.nn.dynamic_rnn(c, x)"))
    new_text, changes, findings = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == ["%%time\nimport tf1compat", "out = tf1compat.nn.dynamic_rnn(c, x)"]
    assert changes == {"rnn-functions": 1} and findings == []


def test_ipython_syntax_is_kept_and_the_python_around_it_migrated():
    cell = (
        "%matplotlib inline\n"
        "!pip install \\\n    tensorflow==1.15\n"
        "files = !ls data\n"
        "timing = %timeit -o f()\n"
        "tf.nn.dynamic_rnn?\n"
        "??tf.contrib.rnn\n"
        "from __future__ import print_function\n"
        "if files:\n"
        "    !echo {files}\n"
        "    out = tf.nn.dynamic_rnn(c, x)\n"
    )
    cells = (("code", "import tensorflow as tf"), ("code", cell))
    new_text, changes, findings = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == ["import tf1compat", cell.replace("    out = tf.nn", "    out = tf1compat.nn")]
    assert changes == {"rnn-functions": 1} and findings == []


def test_notebook_without_code_cells():
    text = _dump(_notebook(("markdown", "tensorflow rnn")))
    assert migrate_notebook(text, RULES) == (text, {}, [])


def test_notebook_without_matches_is_returned_as_is():
    text = '{"cells": [{"cell_type": "code", "source": "print(1)"}], "nbformat": 4}'
    assert migrate_notebook(text, RULES)[0] is text


def test_cell_with_a_lone_surrogate_is_reported():
    text = (
        '{"cells": [{"cell_type": "code", "source": ["import tensorflow as tf\\n", "s = \'\\ud83d\'\\n"]},'
        ' {"cell_type": "code", "source": "y = tf.nn.dynamic_rnn(c, x)"}]}'
    )
    new_text, changes, findings = migrate_notebook(text, RULES)
    assert new_text is text and not changes
    assert [(f.rule, f.cell, f.line) for f in findings] == [("notebook", 1, 2)]
    assert "lone surrogate" in findings[0].message


def test_tf1compat_is_imported_before_its_first_use_when_later_cells_import_tensorflow_again():
    cells = (
        ("code", "import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(3)"),
        ("code", "import tensorflow as tf\nout = tf.nn.dynamic_rnn(cell, x)"),
    )
    new_text, _, _ = migrate_notebook(_dump(_notebook(*cells)), RULES)
    assert _sources(new_text) == [
        "import tf1compat\ncell = tf1compat.nn.rnn_cell.GRUCell(3)",
        "out = tf1compat.nn.dynamic_rnn(cell, x)",
    ]
