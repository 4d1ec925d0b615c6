"""The libcst transformers of the rules: rewrites counted per rule, findings with their lines."""

import collections

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.rule import Finding


class MigrationTransformer(cst.CSTTransformer):
    """Base transformer: counts rewrites per rule and collects findings.

    Positions are only computed when something was reported, so a clean file pays nothing
    for line numbers.
    """

    def __init__(self):
        super().__init__()
        self.changes = collections.Counter()
        self._reports = []

    def record_change(self, rule):
        self.changes[rule] += 1

    def report(self, rule, node, message, unsupported=False):
        """Queues a finding about `node` (a node of the tree being visited); see `Finding`."""
        self._reports.append((rule, node, message, unsupported))

    def findings(self, module):
        """Returns the queued findings with line numbers.

        Args:
            module: the `libcst.Module` this transformer visited.
        """
        if not self._reports:
            return []
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        return [
            Finding(rule, positions[node].start.line, message, unsupported=unsupported)
            for rule, node, message, unsupported in self._reports
        ]


class TransformRuleTransformer(MigrationTransformer):
    """Base of the transformers of `TransformRule`s: knows its rule name and the scopes.

    Args:
        rule: the rule name to count changes and findings under.
        scopes: the module's `ScopeProvider` metadata (`codemods.scopes.resolve_scopes`).
    """

    def __init__(self, rule, scopes):
        super().__init__()
        self._rule = rule
        self._scopes = scopes
