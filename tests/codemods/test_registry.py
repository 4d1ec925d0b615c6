"""Tests of rule selection and of the supported-names table."""

import ast
import pathlib

import pytest

from codemods import registry, symbols
from codemods.rules import (contrib_cudnn_rnn, contrib_layers, contrib_seq2seq, legacy_seq2seq,
                            tf_layers)

REPO = pathlib.Path(__file__).resolve().parents[2]


def test_rule_names_are_kebab_case_and_match_modules():
    for rule in registry.RULES:
        assert rule.name == rule.name.lower().replace("_", "-")
        module = REPO / "codemods" / "rules" / (rule.name.replace("-", "_") + ".py")
        assert module.exists(), module
        assert (REPO / "tests" / "codemods" / f"test_{module.stem}.py").exists()


def test_rules_are_documented():
    rules_doc = (REPO / "docs" / "rules.md").read_text()
    for rule in registry.RULES:
        assert f'<a id="{rule.name}"></a>' in rules_doc or f"## `{rule.name}`" in rules_doc


def test_select_only_and_skip():
    assert [r.name for r in registry.select_rules(only=("rnn-cell", "contrib-rnn"))] == [
        "contrib-rnn",
        "rnn-cell",
    ]
    names = [r.name for r in registry.select_rules(skip=("tf-layers",))]
    assert "tf-layers" not in names and len(names) == len(registry.RULES) - 1


def test_unknown_rule_lists_valid_names():
    with pytest.raises(registry.UnknownRuleError, match="contrib-rnn") as error:
        registry.select_rules(only=("contrib_rnn",))
    assert "unknown rule(s): contrib_rnn" in str(error.value)


def _runtime_exports(relative_path):
    path = REPO / relative_path
    if not path.exists():
        return None
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return None


@pytest.mark.parametrize(
    "relative_path, table",
    [
        ("tf1compat/contrib/rnn.py", symbols.CONTRIB_RNN),
        ("tf1compat/nn/rnn_cell.py", symbols.RNN_CELLS),
        ("tf1compat/nn/__init__.py", symbols.RNN_FUNCTIONS | {"rnn_cell"}),
        ("tf1compat/layers/__init__.py", tf_layers.LAYERS),
        ("tf1compat/contrib/layers/__init__.py", contrib_layers.CONTRIB_LAYERS),
        ("tf1compat/contrib/seq2seq/__init__.py", contrib_seq2seq.CONTRIB_SEQ2SEQ),
        ("tf1compat/contrib/legacy_seq2seq/__init__.py", legacy_seq2seq.LEGACY_SEQ2SEQ),
        ("tf1compat/contrib/cudnn_rnn/__init__.py", contrib_cudnn_rnn.CONTRIB_CUDNN_RNN),
    ],
)
def test_codemod_table_matches_runtime_exports(relative_path, table):
    """The codemod rewrites exactly the names the runtime provides: no more (the migrated
    code would fail to import), no fewer (they would be reported as unsupported)."""
    exports = _runtime_exports(relative_path)
    assert exports is not None, f"{relative_path} has no __all__"
    assert exports <= table, f"add {sorted(exports - table)} to codemods/symbols.py"
    assert table <= exports, f"tf1compat lacks {sorted(table - exports)}, which the codemod rewrites"


@pytest.mark.parametrize("move", [m for rule in registry.RULES for m in getattr(rule, "moves", ())],
                         ids=lambda move: move.sources[0])
def test_homes_of_canonical_spellings_export_their_names(move):
    """A name spelled from another home (`tf1compat.nn.rnn_cell.LSTMCell` for
    `tf.contrib.rnn.LSTMCell`) must exist there."""
    for member, home in move.homes.items():
        relative = home.replace(".", "/")
        path = f"{relative}.py" if (REPO / f"{relative}.py").exists() else f"{relative}/__init__.py"
        assert member in _runtime_exports(path), f"{home} lacks {member}"
