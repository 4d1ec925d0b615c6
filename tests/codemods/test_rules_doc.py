"""The before/after examples of docs/rules.md are exactly what each rule produces."""

import pathlib
import re

import pytest

from codemods.migrate import migrate_code
from codemods.registry import RULES, select_rules

RULES_DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "rules.md"
SECTION = re.compile(r"^## `([a-z0-9-]+)`\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
BLOCK = re.compile(r"^```python no-run\n# (before|after)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples():
    for name, body in SECTION.findall(RULES_DOC.read_text()):
        blocks = BLOCK.findall(body)
        for (kind_before, before), (kind_after, after) in zip(blocks[::2], blocks[1::2]):
            assert (kind_before, kind_after) == ("before", "after"), name
            yield pytest.param(name, before, after, id=name)


EXAMPLES = list(_examples())


def test_every_rule_has_an_example():
    assert sorted({example.values[0] for example in EXAMPLES}) == sorted(r.name for r in RULES)


@pytest.mark.parametrize("rule, before, after", EXAMPLES)
def test_example(rule, before, after):
    assert migrate_code(before, select_rules(only=(rule,))).code == after
