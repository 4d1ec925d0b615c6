"""Migrating a module with libcst: parse it, analyse its scopes, run the rules' passes, print it.

For the files the `ast` cannot decide (see `codemods.migrate.migrate_code`).
"""

import collections

import libcst as cst

from codemods.insertion import insert_after_import
from codemods.migrate import MigrationResult, UnparseableSourceError, check_syntax
from codemods.roundtrip import restore_unprinted_whitespace
from codemods.rule import InsertionRule, SymbolMoveRule, TransformRule, load
from codemods.scopes import resolve_scopes
from codemods.symbol_mover import move_symbols


def parse_cst(code):
    """Parses `code` with libcst.

    Raises:
        UnparseableSourceError: if libcst's grammar refuses it.
    """
    try:
        return cst.parse_module(code)
    except cst.ParserSyntaxError as error:
        raise UnparseableSourceError(
            f"not valid Python 3: {error.message.splitlines()[0]}", error.editor_line
        ) from None


def migrate_module(module, tree, rules, drop_unused_imports=True):
    """Runs `rules` on a parsed module.

    Insertion rules are planned first (no pass of their own), transform rules run next, each
    in its own pass; then all symbol-move rules run together in one pass, and the planned
    statements are inserted after their imports. The scopes are analysed once, and again
    only after a pass changed the module.

    Args:
        module: a `libcst.Module`.
        tree: its source parsed by `ast.parse`.
        rules: the rules that may apply to it.
        drop_unused_imports: remove imports whose uses were all rewritten. Turned off when
            code the module cannot see (a notebook cell that is not Python) may use them.

    Returns:
        `(module, changes, findings)` as in `MigrationResult`.
    """
    changes, findings, scopes, insertions, kept = collections.Counter(), [], None, [], set()
    for rule in rules:
        if isinstance(rule, InsertionRule):
            tree = tree or check_syntax(module.code)
            scopes = scopes or resolve_scopes(module)
            plan = load(rule.planner)(rule.name, module, tree, scopes)
            findings.extend(plan.findings)
            insertions += [(rule.name, anchor, statement) for anchor, statement in plan.insertions]
            kept.update(plan.kept_names)
    for rule in rules:
        if not isinstance(rule, TransformRule):
            continue
        scopes = scopes or resolve_scopes(module)
        transformer = load(rule.transformer_class)(rule.name, scopes)
        rewritten = module.visit(transformer)
        findings.extend(transformer.findings(module))
        if transformer.changes:
            module, tree, scopes = rewritten, None, None
            changes.update(transformer.changes)
    move_rules = [rule for rule in rules if isinstance(rule, SymbolMoveRule)]
    if move_rules:
        tree = tree or check_syntax(module.code)
        scopes = scopes or resolve_scopes(module)
        module, moved, move_findings = move_symbols(
            module, tree, scopes, move_rules, drop_unused_imports, kept
        )
        changes.update(moved)
        findings.extend(move_findings)
    for rule_name, anchor, statement in insertions:
        inserted = insert_after_import(module, anchor, statement)
        if inserted is None:
            raise AssertionError(f"the import {anchor} planned by {rule_name} is gone")
        module = inserted
        changes[rule_name] += 1
    findings.sort(key=lambda finding: finding.line)
    return module, changes, findings


def migrate_with_libcst(code, tree, rules, drop_unused_imports=True):
    """Migrates `code` with `rules`, all run by libcst.

    Args:
        code: the source.
        tree: `code` parsed by `ast.parse`.
        rules: the rules that may apply to it.
        drop_unused_imports: see `migrate_module`.

    Returns:
        A `MigrationResult`.

    Raises:
        UnparseableSourceError: if libcst's grammar refuses `code`.
    """
    module, changes, findings = migrate_module(parse_cst(code), tree, rules, drop_unused_imports)
    if not changes:
        return MigrationResult(code, changes, findings)
    return MigrationResult(restore_unprinted_whitespace(code, module.code), changes, findings)
