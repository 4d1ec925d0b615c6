"""What a migration rule is: a name, a one-line summary, a text prefilter and a transform."""

import dataclasses
import importlib


@dataclasses.dataclass(frozen=True)
class Finding:
    """Something a rule could not convert and a person must look at.

    Args:
        rule: name of the rule that raised it.
        line: 1-based line in the file (in the cell, for notebooks).
        message: what was found and what to do about it.
        cell: 1-based notebook cell number, `None` for Python files.
        unsupported: the finding is a use of a TensorFlow module that TF 2 removed and
            tf1compat does not provide (`tf.contrib.seq2seq`): the file cannot run until it
            is migrated by hand, so `--check` fails on it.
    """

    rule: str
    line: int
    message: str
    cell: object = None
    unsupported: bool = False

    def location(self, path):
        """Returns `path:line`, or `path:cell_N:line` inside a notebook."""
        if self.cell is None:
            return f"{path}:{self.line}"
        return f"{path}:cell_{self.cell}:{self.line}"


class Rule:
    """A named migration step.

    Args:
        name: stable kebab-case name, used by `--only`/`--skip` and as docs anchor.
        summary: one line for `--list-rules`.
        markers: groups of substrings; the rule can only apply to a text holding at least
            one substring of every group. Checked before parsing, so keep them cheap and
            complete (a missed file is never migrated).
    """

    def __init__(self, name, summary, markers):
        self.name = name
        self.summary = summary
        self.markers = markers

    def may_apply(self, text):
        """Tells whether `text` (str, or bytes of an ASCII-compatible file) may need this rule."""
        if isinstance(text, bytes):
            return all(any(m.encode() in text for m in group) for group in self.markers)
        return all(any(m in text for m in group) for group in self.markers)

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class SymbolMoveRule(Rule):
    """A rule that moves TF1 names to tf1compat, driven by `codemods.symbols` tables.

    All active symbol-move rules run together in one pass of `codemods.symbol_mover`.

    Args:
        moves: the `ModuleMove`s this rule owns.
        **kwargs: see `Rule`.
    """

    def __init__(self, moves, **kwargs):
        super().__init__(**kwargs)
        self.moves = moves


@dataclasses.dataclass(frozen=True)
class InsertionPlan:
    """What an `InsertionRule` adds to a module.

    Args:
        insertions: `(anchor, statement)` pairs: `statement`, a `libcst.SimpleStatementLine`,
            goes after the import block of the import `anchor` (a
            `codemods.insertion.ImportAnchor`) names.
        findings: `Finding`s.
        kept_names: names the statements use: imports binding them are never removed as
            unused by the other rules.
    """

    insertions: tuple = ()
    findings: tuple = ()
    kept_names: frozenset = frozenset()


# What an `InsertionRule`'s `ast_planner` returns when the rule changes and reports nothing.
NO_CHANGE = "no change"


@dataclasses.dataclass(frozen=True)
class TextEdit:
    """Inserts `text` at character `offset` of a source."""

    offset: int
    text: str


def load(reference):
    """Returns the object a rule names by `"package.module:name"`.

    Rules name their libcst parts this way, so that libcst is only imported when a file
    needs it.
    """
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


class InsertionRule(Rule):
    """A rule that adds statements after an import, planned without a walk of its own.

    The plan reads the `ast` tree and the scopes the other rules share, so it costs no
    libcst pass and does not invalidate the scopes; the statements are inserted last.

    Args:
        planner: `"module:function"` naming (see `load`) `planner(rule, module, tree,
            scopes) -> InsertionPlan`.
        ast_planner: `ast_planner(code, tree)`, where `tree` is `code` parsed by `ast`,
            decides the rule without libcst when that is certain: returns `NO_CHANGE`
            (the planner would plan and report nothing), a `TextEdit` giving exactly the
            planner's result, alone among the rules, with no finding, or `None` (ask the
            planner).
        **kwargs: see `Rule`.
    """

    def __init__(self, planner, ast_planner, **kwargs):
        super().__init__(**kwargs)
        self.planner = planner
        self.ast_planner = ast_planner


class TransformRule(Rule):
    """A rule implemented by its own transformer, run as a separate pass.

    Args:
        transformer_class: `"module:class"` naming (see `load`) a
            `codemods.transformer.TransformRuleTransformer` subclass, called with the rule
            name and the module's scopes (see `codemods.scopes`).
        **kwargs: see `Rule`.
    """

    def __init__(self, transformer_class, **kwargs):
        super().__init__(**kwargs)
        self.transformer_class = transformer_class
