"""A migrated notebook differs from the original only inside the changed cells' `source`."""

import re

import pytest

from codemods import notebook_json
from codemods.migrate import UnparseableSourceError
from codemods.notebook import migrate_notebook
from codemods.registry import RULES
from codemods.runner import migrate_file

OLD_SOURCE = '["import tensorflow as tf\\n", "# caf\\u00e9\\n", "out = tf.nn.dynamic_rnn(c, x)"]'
NEW_SOURCE = '["import tf1compat\\n", "# caf\\u00e9\\n", "out = tf1compat.nn.dynamic_rnn(c, x)"]'
HAND_MADE = (
    '{\r\n'
    '  "metadata": {"version": 1.10, "scale": 1E5, "snowman": "\\u2603", "dup": 1, "dup": 2},\r\n'
    '  "cells": [\r\n'
    '    {"cell_type": "markdown", "source": ["# RNN \\u2603\\n", "tf.nn.dynamic_rnn"]},\r\n'
    '    {"cell_type": "code", "execution_count": 1, "metadata": {},\r\n'
    '     "outputs": [{"output_type": "stream", "name": "stdout", "text": ["\\ud83d oops\\n"]}],\r\n'
    '     "source": ["replaced by the next source key"],\r\n'
    f'     "source": {OLD_SOURCE}}}\r\n'
    '  ],\r\n'
    '  "nbformat": 4, "nbformat_minor": 2\r\n'
    '}\r\n'
)
MIGRATED = HAND_MADE.replace(OLD_SOURCE, NEW_SOURCE)


def test_only_the_changed_source_is_rewritten():
    """Numbers, escapes, CRLF, duplicate keys, layout and a lone surrogate all stay."""
    new_text, changes, _ = migrate_notebook(HAND_MADE, RULES)
    assert changes == {"rnn-functions": 1}
    assert new_text == MIGRATED


def test_written_and_diffed_by_the_runner(tmp_path):
    path = tmp_path / "hand.ipynb"
    path.write_bytes(HAND_MADE.encode())
    diff = migrate_file(str(path), ("rnn-functions",), "diff").diff
    assert b'+     "source": ["import tf1compat\\n"' in diff
    assert migrate_file(str(path), ("rnn-functions",), "write").status == "changed"
    assert path.read_bytes() == MIGRATED.encode()


def test_source_as_one_string_and_raw_non_ascii():
    text = '{"cells": [{"cell_type": "code", "source": "import tensorflow as tf\\n# réseau\\ny = tf.nn.dynamic_rnn(c, x)"}]}'
    new_text, _, _ = migrate_notebook(text, RULES)
    assert new_text == '{"cells": [{"cell_type": "code", "source": "import tf1compat\\n# réseau\\ny = tf1compat.nn.dynamic_rnn(c, x)"}]}'


def test_nbformat_layout_of_a_new_line():
    text = (
        '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n'
        '    "import tensorflow as tf\\n",\n    "sess = tf.Session()"\n   ]\n  }\n ]\n}\n'
    )
    new_text, _, _ = migrate_notebook(text, RULES)
    assert new_text == text.replace(
        '"import tensorflow as tf\\n",\n', '"import tensorflow as tf\\n",\n    "tf.compat.v1.disable_v2_behavior()\\n",\n'
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"cells": [', "not a notebook: expected '{' at offset 11. Received: ''"),
        ('{"worksheets": [{"cells": []}], "nbformat": 3}', "nbformat 3 notebooks are not supported"),
        ('{"cells": ["x"]}', "expected '{' at offset 11"),
        ('{"cells": [{"source": 3}]}', "a cell source must be text or a list of texts"),
        ('{"cells": []} []', "extra data at offset 14"),
        ('[]', "expected '{' at offset 0"),
    ],
)
def test_what_is_not_a_notebook(text, message):
    with pytest.raises(UnparseableSourceError, match=re.escape(message)):
        migrate_notebook(text, RULES)


def test_read_cells_reads_like_json_loads():
    text = '{"cells": [{"cell_type": "code", "source": ["a\\n", "b"]}, {}], "x": [1, {}]}'
    start = text.index('["a')
    end = text.index("]") + 1
    assert notebook_json.read_cells(text) == [
        notebook_json.Cell("code", "a\nb", (start, end)), notebook_json.Cell(None, "", None),
    ]
