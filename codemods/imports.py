"""Import bookkeeping after a rewrite: add `import tf1compat` once, drop imports left unused."""

import libcst as cst
from libcst.metadata import MetadataWrapper, ScopeProvider

from codemods.cst_names import dotted_name

# Compound statements whose blocks may hold module-level imports (`try: import ...`).
_IMPORT_CONTAINERS = (
    cst.SimpleStatementLine,
    cst.BaseCompoundStatement,
    cst.BaseSuite,
    cst.ExceptHandler,
    cst.Else,
    cst.Finally,
)
_ANCHOR_ROOTS = ("tensorflow", "tf1compat")


def _imported_modules(node):
    """Yields the modules imported by a statement, looking into try/if/with blocks only."""
    if isinstance(node, cst.Import):
        for alias in node.names:
            yield dotted_name(alias.name)
    elif isinstance(node, cst.ImportFrom):
        if node.module is not None and not node.relative:
            yield dotted_name(node.module)
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return
    elif isinstance(node, _IMPORT_CONTAINERS) or isinstance(node, cst.BaseSmallStatement):
        for child in node.children:
            yield from _imported_modules(child)


def _is_leading_statement(statement, index):
    """Docstring, `from __future__` or import lines: the block new imports go after."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return all(
        isinstance(small, (cst.Import, cst.ImportFrom))
        or (index == 0 and isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString))
        for small in statement.body
    )


def _insertion_index(body):
    anchor = None
    for index, statement in enumerate(body):
        if any(m.split(".")[0] in _ANCHOR_ROOTS for m in _imported_modules(statement)):
            anchor = index + 1
    if anchor is not None:
        return anchor
    index = 0
    while index < len(body) and _is_leading_statement(body[index], index):
        index += 1
    return index


def add_import(module, name):
    """Adds `import <name>` after the module's last TensorFlow import, unless present.

    Args:
        module: a `libcst.Module`.
        name: the module to import, e.g. `"tf1compat"`.

    Returns:
        The module with the import (the same object if it was already imported).
    """
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    alias.asname is None and dotted_name(alias.name) == name
                    for alias in small.names
                ):
                    return module
    index = _insertion_index(module.body)
    new_line = cst.SimpleStatementLine(
        body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(name))])]
    )
    return module.with_changes(body=[*module.body[:index], new_line, *module.body[index:]])


class _UnusedImportRemover(cst.CSTTransformer):
    """Removes import aliases binding one of `names` that nothing references any more.

    Comments and blank lines above a removed statement move to the next statement.
    """

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, names):
        super().__init__()
        self._names = names
        self._removed_lines = set()
        self._carried_lines = []
        self._carry_target = None

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def leave_Import(self, original_node, updated_node):
        return self._prune(original_node, updated_node)

    def leave_ImportFrom(self, original_node, updated_node):
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        return self._prune(original_node, updated_node)

    def _prune(self, original_node, updated_node):
        scope = self.get_metadata(ScopeProvider, original_node, None)
        kept = [
            alias
            for alias in updated_node.names
            if not self._is_unused(scope, original_node, alias)
        ]
        if len(kept) == len(updated_node.names):
            return updated_node
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=updated_node.names[-1].comma)
        return updated_node.with_changes(names=kept)

    def _is_unused(self, scope, statement, alias):
        binding = alias.evaluated_alias or alias.evaluated_name
        if scope is None or binding.split(".")[0] not in self._names:
            return False
        assignments = [
            a for a in scope.assignments[binding] if getattr(a, "node", None) is statement
        ]
        return bool(assignments) and not any(a.references for a in assignments)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if updated_node.body:
            return updated_node
        self._carried_lines.extend(updated_node.leading_lines)
        return cst.RemoveFromParent()

    def on_visit(self, node):
        if self._carried_lines and self._carry_target is None and isinstance(node, cst.BaseStatement):
            self._carry_target = node
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        updated_node = super().on_leave(original_node, updated_node)
        if original_node is self._carry_target:
            self._carry_target = None
            if isinstance(updated_node, cst.BaseStatement):
                updated_node = updated_node.with_changes(
                    leading_lines=[*self._carried_lines, *updated_node.leading_lines]
                )
                self._carried_lines = []
        return updated_node

    def leave_IndentedBlock(self, original_node, updated_node):
        if updated_node.body:
            return updated_node
        return updated_node.with_changes(body=[cst.SimpleStatementLine(body=[cst.Pass()])])

    def leave_Module(self, original_node, updated_node):
        if not self._carried_lines:
            return updated_node
        return updated_node.with_changes(footer=[*self._carried_lines, *updated_node.footer])


def remove_unused_imports(module, names):
    """Removes the imports binding `names` (or `names.x.y`) that have no references left.

    Args:
        module: a `libcst.Module`.
        names: local names whose references a rule rewrote, e.g. `{"tf", "rnn"}`.

    Returns:
        The module without those imports.
    """
    return MetadataWrapper(module, unsafe_skip_copy=True).visit(_UnusedImportRemover(names))
