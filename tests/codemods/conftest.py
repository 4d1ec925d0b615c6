"""Shared helpers for the codemod tests: migrate a snippet and compare exact strings.

Every snippet is also migrated by `migrate_with_libcst`, the path without the `ast`
screens, and both must agree: the screens may only skip work that changes nothing.
"""

import collections
import textwrap

import libcst as cst
import pytest

from codemods.cst_migration import migrate_module
from codemods.migrate import MigrationResult, check_syntax, migrate_code
from codemods.registry import RULES, select_rules
from codemods.roundtrip import restore_unprinted_whitespace


def migrate_with_libcst(code, rules, drop_unused_imports=True):
    """Migrates `code` with every rule its text markers let through, all run by libcst.

    The reference for `migrate_code`, whose `ast` screens skip rules and libcst itself
    (`codemods.migrate.active_rules`). Snippets too deep for libcst raise `RecursionError`.
    """
    active = [rule for rule in rules if rule.may_apply(code)]
    if not active:
        return MigrationResult(code, collections.Counter(), [])
    module, changes, findings = migrate_module(
        cst.parse_module(code), check_syntax(code), active, drop_unused_imports
    )
    new_code = restore_unprinted_whitespace(code, module.code) if changes else code
    return MigrationResult(new_code, changes, findings)


def _assert_same_as_libcst(code, rules, result):
    try:
        expected = migrate_with_libcst(code, rules)
    except RecursionError:
        return  # The nesting tests: libcst needs `codemods.nesting`'s deep stack.
    assert result.code == expected.code
    assert result.changes == expected.changes
    assert result.findings == expected.findings


@pytest.fixture
def assert_same_as_libcst():
    """Returns `check(code, rules, result)`: `migrate_code`'s `result` is what
    `migrate_with_libcst` gives."""
    return _assert_same_as_libcst


def _migrate(source, only=()):
    code, rules = textwrap.dedent(source), select_rules(only=only) if only else RULES
    result = migrate_code(code, rules)
    _assert_same_as_libcst(code, rules, result)
    return result


@pytest.fixture
def migrate():
    """Returns `migrate(source, only=()) -> MigrationResult` on dedented `source`."""
    return _migrate


@pytest.fixture
def assert_rewrites():
    """Returns `check(before, after, only=())`: exact result, and a second run is a no-op."""

    def check(before, after, only=()):
        result = _migrate(before, only)
        assert result.code == textwrap.dedent(after)
        again = _migrate(result.code, only)
        assert again.code == result.code, "second run changed the code"
        assert not again.changes
        return result

    return check


@pytest.fixture
def assert_unchanged():
    """Returns `check(source, only=())`: the code comes back untouched."""

    def check(source, only=()):
        result = _migrate(source, only)
        assert result.code == textwrap.dedent(source)
        assert not result.changes
        return result

    return check
