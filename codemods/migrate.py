"""Migrating one piece of source code: parse, run the active rules, return code and findings.

Files the `ast` decides are migrated by text edits; only the others are handed to libcst
(`codemods.cst_migration`), which is imported then.
"""

import ast
import collections
import dataclasses

from codemods import nesting
from codemods.move_table import MoveTable
from codemods.prescreen import may_need_symbol_moves
from codemods.rule import NO_CHANGE, InsertionRule, SymbolMoveRule, TextEdit, TransformRule
from codemods.text_moves import move_symbols_as_text


class UnparseableSourceError(Exception):
    """Raised for source code that is not valid Python 3 (or not decodable).

    Args:
        message: what is wrong.
        line: 1-based line of the problem, `None` if unknown.
    """

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclasses.dataclass
class MigrationResult:
    """Outcome of migrating one source text.

    Attributes:
        code: the new source (the input itself when nothing changed).
        changes: `Counter` of rewrites per rule name.
        findings: `Finding`s to review by hand.
    """

    code: str
    changes: collections.Counter
    findings: list


def check_syntax(code):
    """Parses code with the running Python's own parser.

    Much faster than libcst, with better messages and lines, and it rejects Python 2 forms
    that libcst's more lenient grammar accepts (`except Exception, e:`).

    Returns:
        The `ast.Module`.

    Raises:
        UnparseableSourceError: on a syntax error (e.g. Python 2 `print x`).
    """
    try:
        return ast.parse(code)
    except SyntaxError as error:
        raise UnparseableSourceError(f"not valid Python 3: {error.msg}", error.lineno) from None


def active_rules(code, rules):
    """Finds the rules that may change or report something in `code`.

    First the text markers of each rule; then, on the `ast` (which also checks the syntax of
    every file that got that far), the prescreen of the symbol-move rules and the
    `ast_planner` of the insertion rules.

    Returns:
        `(rules, tree, edits)`: the active rules; if there are any, `code` parsed by `ast`;
        and the `TextEdit` of each insertion rule whose `ast_planner` gave one.

    Raises:
        UnparseableSourceError: if `code` passes the text markers and is not valid Python 3.
    """
    active = [rule for rule in rules if rule.may_apply(code)]
    if not active:
        return active, None, {}
    tree = check_syntax(code)
    move_rules = [rule for rule in active if isinstance(rule, SymbolMoveRule)]
    if move_rules and not may_need_symbol_moves(tree, MoveTable(move_rules)):
        active = [rule for rule in active if rule not in move_rules]
    edits, padded = {}, code if code.endswith("\n") else code + "\n"
    for rule in active:
        if isinstance(rule, InsertionRule):
            edits[rule] = rule.ast_planner(padded, tree)
    active = [rule for rule in active if edits.get(rule) is not NO_CHANGE]
    return active, tree, {rule: edit for rule, edit in edits.items() if isinstance(edit, TextEdit)}


def _migrate_on_ast(code, tree, rules, edits):
    """Migrates `code` by text edits when the `ast` tells what the libcst path would give.

    The symbol moves (`codemods.text_moves`) and the insertions the rules' `ast_planner`s
    planned are applied together: an insertion goes after the `import tf1compat` the moves
    add at the same place, as the libcst path inserts it after the moves.

    Args:
        code: the source.
        tree: `code` parsed by `ast.parse`.
        rules: the active rules.
        edits: the `TextEdit`s `active_rules` planned.

    Returns:
        A `MigrationResult`, or `None` when libcst must decide.
    """
    if any(isinstance(rule, TransformRule) for rule in rules):
        return None
    padded = code if code.endswith("\n") else code + "\n"  # As libcst parses it.
    changes, findings, replacements = collections.Counter(), [], []
    move_rules = [rule for rule in rules if isinstance(rule, SymbolMoveRule)]
    if move_rules:
        moved = move_symbols_as_text(padded, tree, MoveTable(move_rules))
        if moved is None:
            return None
        replacements, changes, findings = moved
    for rule in rules:
        if isinstance(rule, InsertionRule):
            if rule not in edits:
                return None
            replacements.append((edits[rule].offset, edits[rule].offset, edits[rule].text))
            changes[rule.name] += 1
    if not changes:
        return MigrationResult(code, changes, findings)
    parts, position = [], 0
    for start, end, text in sorted(replacements, key=lambda edit: (edit[0], edit[0] != edit[1])):
        parts += [padded[position:start], text]
        position = end
    new_code = "".join(parts) + padded[position:]
    return MigrationResult(new_code if padded is code else new_code[:-1], changes, findings)


def migrate_code(code, rules, drop_unused_imports=True):
    """Migrates Python source text.

    Code nested too deeply for Python's default recursion limit is migrated in a thread with
    a larger stack (see `codemods.nesting`); the bytes libcst does not print back are put
    back (see `codemods.roundtrip`).

    Args:
        code: the source, as text.
        rules: the selected rules; rules that cannot apply (see `active_rules`) are skipped
            without parsing with libcst, and so is the whole file when the only rule left
            is an insertion rule that decided it on the `ast`.
        drop_unused_imports: see `migrate_module`.

    Returns:
        A `MigrationResult`.

    Raises:
        UnparseableSourceError: if `code` needs parsing and is not valid Python 3, or is
            nested more than `nesting.MAX_DEPTH` levels deep.
    """
    try:
        return _migrate_code(code, rules, drop_unused_imports, deep=False)
    except RecursionError:
        return nesting.call_with_deep_stack(_migrate_code, code, rules, drop_unused_imports, True)


def _migrate_code(code, rules, drop_unused_imports, deep):
    active, tree, edits = active_rules(code, rules)
    if not active:
        return MigrationResult(code, collections.Counter(), [])
    if deep:
        depth, line = nesting.deepest_node(tree)
        if depth > nesting.MAX_DEPTH:
            raise UnparseableSourceError(
                f"code nested {depth} levels deep; tf1compat-migrate handles up to "
                f"{nesting.MAX_DEPTH} (CPython itself compiles about 1,500)", line
            )
    result = _migrate_on_ast(code, tree, active, edits)
    if result is not None:
        return result
    from codemods import cst_migration  # libcst, imported by the first file that needs it.

    return cst_migration.migrate_with_libcst(code, tree, active, drop_unused_imports)
