"""Deeply nested code: long `+` chains and chained calls are migrated, not crashed on."""

import pytest

from codemods import nesting
from codemods.migrate import UnparseableSourceError
from codemods.runner import migrate_file

SUM_OF_400 = " + ".join(["tf.nn.dynamic_rnn(cell, x)[0]"] + ["1"] * 399)
CALLS_200 = "tf.nn.dynamic_rnn(cell, x)[0]" + ".f()" * 200


@pytest.mark.parametrize("expression", [SUM_OF_400, CALLS_200], ids=["sum-of-400", "200-calls"])
def test_long_expressions_are_migrated(assert_rewrites, expression):
    migrated = expression.replace("tf.nn.dynamic_rnn", "tf1compat.nn.dynamic_rnn")
    result = assert_rewrites(
        f"import tensorflow as tf\ny = {expression}\n",
        f"import tf1compat\ny = {migrated}\n",
    )
    assert result.changes == {"rnn-functions": 1}


def test_deeper_than_the_limit_is_reported_with_its_line(migrate):
    terms = ["1"] * (nesting.MAX_DEPTH + 100)
    source = "import tensorflow as tf\n\n" + "y = " + " + ".join(terms) + "\nz = tf.nn.dynamic_rnn(c, x)\n"
    with pytest.raises(UnparseableSourceError, match=r"nested 310\d levels deep; tf1compat-migrate handles up to 3000") as error:
        migrate(source)
    assert error.value.line == 3


def test_a_file_with_a_long_expression_is_migrated_by_the_runner(tmp_path):
    path = tmp_path / "long.py"
    path.write_text(f"import tensorflow as tf\ny = {CALLS_200}\n")
    result = migrate_file(str(path), ("rnn-functions",), "write")
    assert result.status == "changed"
    assert path.read_text() == f"import tf1compat\ny = {CALLS_200.replace('tf.nn', 'tf1compat.nn')}\n"


def test_deepest_node():
    import ast

    assert nesting.deepest_node(ast.parse("x = 1\n\ny = (a + b) + c\n")) == (6, 3)


def test_call_with_deep_stack_returns_and_raises():
    def recurse(n):
        return 0 if n == 0 else 1 + recurse(n - 1)

    assert nesting.call_with_deep_stack(recurse, 20_000) == 20_000
    with pytest.raises(KeyError, match="k"):
        nesting.call_with_deep_stack({}.__getitem__, "k")
