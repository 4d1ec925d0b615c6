"""Import bookkeeping after a rewrite: add `import tf1compat` once, drop imports left unused."""

import libcst as cst

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


def is_leading_statement(statement, index):
    """Docstring, `from __future__` or import lines: the block new imports go after."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return all(
        isinstance(small, (cst.Import, cst.ImportFrom))
        or (index == 0 and isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString))
        for small in statement.body
    )


def _insertion_index(body):
    """After the last TensorFlow import of the block of imports holding the first one.

    Not after a later TensorFlow import: a notebook imports `tensorflow` again in later cells,
    and the rewritten code between must already see `tf1compat`.
    """
    anchor = None
    for index, statement in enumerate(body):
        modules = list(_imported_modules(statement))
        if any(m.split(".")[0] in _ANCHOR_ROOTS for m in modules):
            anchor = index + 1
        elif anchor is not None and not modules:
            break
    if anchor is not None:
        return anchor
    index = 0
    while index < len(body) and is_leading_statement(body[index], index):
        index += 1
    return index


def add_import(module, name, asname=None):
    """Adds `import <name> [as <asname>]` after the module's TensorFlow imports, unless present.

    Args:
        module: a `libcst.Module`.
        name: the module to import, e.g. `"tf1compat"`.
        asname: the alias to import it as, `None` for none.

    Returns:
        The module with the import (the same object if it was already imported).
    """
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    dotted_name(alias.name) == name
                    and (alias.asname.name.value if alias.asname else None) == asname
                    for alias in small.names
                ):
                    return module
    index = _insertion_index(module.body)
    alias = cst.ImportAlias(
        name=cst.Name(name), asname=cst.AsName(name=cst.Name(asname)) if asname else None
    )
    new_line = cst.SimpleStatementLine(body=[cst.Import(names=[alias])])
    return module.with_changes(body=[*module.body[:index], new_line, *module.body[index:]])


class _ImportRemover(cst.CSTTransformer):
    """Removes given import aliases; walks statements only, never expressions.

    Comments and blank lines above a removed statement move to the next statement; a block
    left empty gets a `pass`.

    Args:
        bindings: `{id of Import/ImportFrom node: names it binds that must go}`.
    """

    def __init__(self, bindings):
        super().__init__()
        self._bindings = bindings
        self._carried_lines = []
        self._carry_target = None

    def on_visit(self, node):
        if self._carried_lines and self._carry_target is None and isinstance(node, cst.BaseStatement):
            self._carry_target = node
        if isinstance(node, (cst.Import, cst.ImportFrom)):
            return False
        return not isinstance(node, (cst.BaseExpression, cst.BaseSmallStatement))

    def on_leave(self, original_node, updated_node):
        if isinstance(original_node, (cst.Import, cst.ImportFrom)):
            updated_node = self._prune(original_node)
        else:
            updated_node = super().on_leave(original_node, updated_node)
        if original_node is self._carry_target:
            self._carry_target = None
            if isinstance(updated_node, cst.BaseStatement):
                updated_node = updated_node.with_changes(
                    leading_lines=[*self._carried_lines, *updated_node.leading_lines]
                )
                self._carried_lines = []
        return updated_node

    def _prune(self, node):
        unused = self._bindings.get(id(node))
        if not unused or isinstance(node.names, cst.ImportStar):
            return node
        kept = [
            alias for alias in node.names
            if (alias.evaluated_alias or alias.evaluated_name) not in unused
        ]
        if len(kept) == len(node.names):
            return node
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=node.names[-1].comma)
        return node.with_changes(names=kept)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if updated_node.body:
            return updated_node
        self._carried_lines.extend(updated_node.leading_lines)
        return cst.RemoveFromParent()

    def leave_IndentedBlock(self, original_node, updated_node):
        if updated_node.body:
            return updated_node
        return updated_node.with_changes(body=[cst.SimpleStatementLine(body=[cst.Pass()])])

    def leave_Module(self, original_node, updated_node):
        if not self._carried_lines:
            return updated_node
        return updated_node.with_changes(footer=[*self._carried_lines, *updated_node.footer])


def remove_imports(module, bindings):
    """Removes import aliases from a module.

    Args:
        module: a `libcst.Module`.
        bindings: `{id of an Import/ImportFrom node of module: names bound by it to remove}`,
            e.g. names whose references were all rewritten.

    Returns:
        The module without those aliases (and without statements left empty).
    """
    if not bindings:
        return module
    return module.visit(_ImportRemover(bindings))
