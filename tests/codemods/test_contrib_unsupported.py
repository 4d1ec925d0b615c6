"""Tests of the `contrib-unsupported` rule: tf.contrib modules tf1compat lacks are reported."""

import pytest

from codemods import cli
from codemods.migrate import migrate_code
from codemods.registry import RULES
from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

ONLY = ("contrib-unsupported",)


def _reported(result):
    return [(f.rule, f.line, f.unsupported) for f in result.findings]


@pytest.mark.parametrize(
    "source, lines",
    [
        ("from tensorflow.contrib import slim\nnet = slim.conv2d(images, 32, [3, 3])\n", [1]),
        ("import tensorflow as tf\nd = tf.contrib.seq2seq.BasicDecoder(c, h, s)\n"
         "o = tf.contrib.seq2seq.dynamic_decode(d)\n", [2, 3]),
        ("import tensorflow.contrib.seq2seq as s2s\nd = s2s.BasicDecoder(c, h, s)\n", [1]),
        ("import tensorflow.contrib.seq2seq\n", [1]),
        ("from tensorflow.contrib.seq2seq import BasicDecoder, dynamic_decode\n", [1, 1]),
        ("from tensorflow.contrib.seq2seq.python.ops import helper\n", [1]),
        ("from tensorflow.contrib import *\n", [1]),
        ("from tensorflow import contrib\nx = contrib.framework.nest.flatten(y)\n", [2]),
        ("import tensorflow as tf\nmodule = getattr(tf.contrib, name)\n", [2]),
        ("import tensorflow.compat.v1 as tf\nslim = tf.contrib.slim\n", [2]),
    ],
    ids=["slim", "attributes", "import-as", "import", "from-names", "submodule",
         "star", "from-tensorflow-import-contrib", "getattr", "compat-v1"],
)
def test_left_tf_contrib_is_reported_unsupported(assert_unchanged, source, lines):
    result = assert_unchanged(source, ONLY)
    assert _reported(result) == [("contrib-unsupported", line, True) for line in lines]


CRF = "tf.contrib.crf.crf_log_likelihood(u, t, n)"


def test_message_names_the_module():
    result = migrate_code(f"import tensorflow as tf\nll = {CRF}\n", RULES)
    assert result.findings[0].message == (
        "`tf.contrib.crf` is not migrated: TF 2 removed tf.contrib and no selected rule "
        "migrates tensorflow.contrib.crf; migrate it by hand (tf_upgrade_v2 converts a "
        "few tf.contrib names)"
    )


def test_supported_contrib_modules_are_left_to_their_rules(assert_rewrites):
    result = assert_rewrites(
        f"import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(3)\nll = {CRF}\n",
        f"import tensorflow as tf\nimport tf1compat\ncell = tf1compat.nn.rnn_cell.GRUCell(3)\nll = {CRF}\n",
    )
    assert _reported(result) == [("contrib-unsupported", 3, True)]


def test_a_module_is_supported_as_soon_as_a_rule_handles_it(assert_rewrites):
    crf = SymbolMoveRule(
        name="contrib-crf",
        summary="a future rule",
        moves=(ModuleMove(("tensorflow.contrib.crf",), "tf1compat.contrib.crf",
                          frozenset({"crf_log_likelihood"}), whole_module=True),),
        markers=(("crf",),),
    )
    result = migrate_code(f"import tensorflow as tf\nll = {CRF}\n", [*RULES, crf])
    assert result.code == "import tf1compat\nll = tf1compat.contrib.crf.crf_log_likelihood(u, t, n)\n"
    assert result.findings == []


def test_mentions_outside_code_are_not_reported(assert_unchanged):
    result = assert_unchanged('import tensorflow as tf\n# tf.contrib.seq2seq\nname = "tf.contrib.seq2seq"\n', ONLY)
    assert result.findings == []


def test_check_fails_on_unsupported_modules_only(tmp_path, capsys):
    path = tmp_path / "tagger.py"
    path.write_text(f"import tensorflow as tf\nll = {CRF}\n")
    assert cli.main([str(path)]) == cli.EXIT_OK
    assert cli.main(["--check", str(path)]) == cli.EXIT_NOT_MIGRATED
    err = capsys.readouterr().err
    assert f"{path}:2: [contrib-unsupported] `tf.contrib.crf` is not migrated" in err
    assert "0 would change, 1 unchanged, 0 failed; 1 need manual review (1 unsupported)" in err
