"""Shared helpers for the codemod tests: migrate a snippet and compare exact strings."""

import textwrap

import pytest

from codemods.migrate import migrate_code
from codemods.registry import RULES, select_rules


def _migrate(source, only=()):
    return migrate_code(textwrap.dedent(source), select_rules(only=only) if only else RULES)


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
