"""The shared engine of the symbol-move rules: one libcst pass moving TF1 names to tf1compat.

Attribute spellings (`tf.contrib.rnn.LSTMCell`, `tf1.nn.dynamic_rnn`) become fully qualified
`tf1compat...` names plus one `import tf1compat` after the TensorFlow imports; imports
(`from tensorflow.contrib.rnn import LSTMCell`, `from tensorflow.contrib import rnn`) are
swapped in place so the code using them stays as it is. Names are resolved with libcst's
`ScopeProvider` (qualified names through the file's imports), so any alias of `tensorflow` or
of its submodules is recognised. Qualified names are only computed for expressions whose
leftmost name is bound by an import, which keeps big files cheap.
"""

import libcst as cst
from libcst.metadata import ImportAssignment

from codemods import imports
from codemods.ast_bindings import Bindings
from codemods.cst_names import chain_base, dotted_name, dotted_node, resolve
from codemods.move_table import MoveTable, missing_message, value_use_message
from codemods.package_name import PACKAGE, package_name
from codemods.transformer import MigrationTransformer
from codemods.symbols import is_removed, normalize_tensorflow_name
from codemods.text_moves import blocked_aliases

# Calls whose string arguments can name a module at run time.
RUN_TIME_LOOKUP_CALLS = frozenset(
    {"builtins.eval", "builtins.exec", "builtins.__import__", "importlib.import_module"}
)
_RUN_TIME_LOOKUP_NAMES = frozenset(name.rpartition(".")[2] for name in RUN_TIME_LOOKUP_CALLS)


class _ImportBindings:
    """The import bindings of a module, read from its scopes.

    Attributes:
        names: first components of every name bound by an import (`tf`, `rnn`, `tensorflow`).
        module_aliases: local name -> source-module entry, for names bound to a whole
            module (`from tensorflow.contrib import rnn`, `import tensorflow.contrib.rnn as r`).
        assignments: every `ImportAssignment`, to find imports left unused.
        scopes: the module's distinct scopes.
    """

    def __init__(self, scopes, table):
        self.names, self.module_aliases, self.assignments, self.scopes = set(), {}, [], []
        seen = set()
        for scope in scopes:
            if scope is None or id(scope) in seen:
                continue
            seen.add(id(scope))
            self.scopes.append(scope)
            for assignment in scope.assignments:
                if isinstance(assignment, ImportAssignment):
                    self.assignments.append(assignment)
                    self.names.add(assignment.name.split(".")[0])
                    self._record_module_alias(assignment, table)

    def _record_module_alias(self, assignment, table):
        statement = assignment.node
        if isinstance(statement, cst.ImportFrom):
            if statement.relative or statement.module is None or isinstance(statement.names, cst.ImportStar):
                return
            prefix = dotted_name(statement.module) + "."
        else:
            prefix = ""
        for alias in statement.names:
            if (alias.evaluated_alias or alias.evaluated_name) == assignment.name:
                entry = table.module(normalize_tensorflow_name(prefix + alias.evaluated_name))
                if entry is not None and entry.move.whole_module and "." not in assignment.name:
                    self.module_aliases[assignment.name] = entry


class SymbolMover(MigrationTransformer):
    """Rewrites references and imports of the table's source modules.

    Args:
        table: `MoveTable` of the active rules.
        bindings: the module's `_ImportBindings`.
        blocked: local names of module aliases whose imports must not be swapped.
        scopes: the module's `ScopeProvider` metadata.
        package: the local name of `tf1compat` in the module (see `codemods.package_name`).
    """

    def __init__(self, table, bindings, blocked, scopes, package):
        super().__init__()
        self._table = table
        self._scopes = scopes
        self._package = package
        self._import_names = bindings.names
        self._blocked = blocked
        self._replacements = {}
        self._attribute_values = set()
        self._split_imports = []
        self.rewritten_references = set()
        self.rewritten_imports = {}

    def _resolve(self, node):
        """Returns the TensorFlow-normalized qualified name of an expression, or `None`.

        `None` also when the name is ambiguous (bound differently on two branches) or when the
        leftmost name of the expression is not bound by an import.
        """
        base = chain_base(node)
        if base is None or base.value not in self._import_names:
            return None
        return resolve(self._scopes, node)

    def _swaps(self, local_name, entry):
        return (
            entry.move.whole_module
            and entry.move.target is not None
            and local_name not in self._blocked
        )

    def _report_missing(self, entry, node, subject, missing):
        """Reports `subject` (text naming `node`) as the TF name `missing`, which tf1compat
        does not provide; `Finding.unsupported` for the `tf.contrib` modules TF 2 removed."""
        message = missing_message(entry, subject, missing)
        self.report(entry.rule, node, message, unsupported=is_removed(missing))

    def _report_missing_module(self, node, subject, name):
        """Reports the import of module `name` if it lies in a whole module tf1compat lacks."""
        entry = self._table.missing_module(name)
        if entry is not None:
            self._report_missing(entry, node, subject, name)

    def _replace(self, node, target, rule):
        """Replaces `node` by the `tf1compat.`-prefixed `target`, spelled with the package name."""
        target = self._package + target[len(PACKAGE):]
        self._replacements[id(node)] = dotted_node(target).with_changes(
            lpar=node.lpar, rpar=node.rpar
        )
        while isinstance(node, cst.Attribute):
            self.rewritten_references.add(id(node))
            node = node.value
        self.rewritten_references.add(id(node))
        self.record_change(rule)

    # References.

    def visit_Attribute(self, node):
        self._attribute_values.add(id(node.value))
        name = self._resolve(node)
        if name is None:
            return True
        entry = self._table.module(name)
        if entry is not None:
            if id(node) not in self._attribute_values:
                self._module_used_as_value(node, entry)
            return False
        found = self._table.member(name)
        if found is None or not found[2]:
            return True
        entry, member, _ = found
        if isinstance(node.value, cst.Name) and self._swaps(node.value.value, entry):
            return False  # `rnn.LSTMCell` with `rnn` imported from a module whose import is swapped.
        if member in entry.move.names:
            self._replace(node, entry.move.spelling(member), entry.rule)
        elif entry.move.whole_module:
            self._report_missing(entry, node, f"`{dotted_name(node)}`", name)
        return False

    def leave_Attribute(self, original_node, updated_node):
        return self._replacements.pop(id(original_node), updated_node)

    def visit_Name(self, node):
        if id(node) not in self._attribute_values:
            entry = self._table.module(self._resolve(node))
            if entry is not None:
                self._module_used_as_value(node, entry)

    def _module_used_as_value(self, node, entry):
        if not entry.move.whole_module:
            return
        if entry.move.target is None:
            self._report_missing(entry, node, f"`{dotted_name(node)}`", self._resolve(node))
            return
        self.report(entry.rule, node, value_use_message(f"`{dotted_name(node)}`", entry))
        if isinstance(node, cst.Attribute):
            self._replace(node, entry.move.target, entry.rule)

    def visit_Call(self, node):
        name = dotted_name(node.func)
        if name is None or name.rpartition(".")[2] not in _RUN_TIME_LOOKUP_NAMES:
            return
        scope = self._scopes.get(node.func)
        if scope is None or not {
            q.name for q in scope.get_qualified_names_for(node.func)
        } & RUN_TIME_LOOKUP_CALLS:
            return
        for arg in node.args:
            for text in _literal_texts(arg.value):
                entry = self._table.module_named_in(text)
                if entry is not None:
                    self.report(
                        entry.rule,
                        node,
                        "a TF1 module tf1compat replaces is named in a string evaluated "
                        "at run time; migrate it by hand",
                    )
                    return

    # Imports.

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def leave_Import(self, original_node, updated_node):
        names, changed = [], False
        for alias in updated_node.names:
            name = normalize_tensorflow_name(dotted_name(alias.name))
            entry = self._table.module(name)
            if entry is None:
                self._report_missing_module(alias, f"`import {dotted_name(alias.name)}`", name)
            elif alias.asname is not None:
                if self._swaps(alias.asname.name.value, entry):
                    alias = alias.with_changes(name=dotted_node(entry.move.target))
                    self.record_change(entry.rule)
                    changed = True
            names.append(alias)
        return self._rewritten_import(original_node, updated_node.with_changes(names=names)) if changed else updated_node

    def _rewritten_import(self, original_node, new_node):
        self.rewritten_imports[id(original_node)] = new_node
        return new_node

    def leave_ImportFrom(self, original_node, updated_node):
        if updated_node.relative or updated_node.module is None:
            return updated_node
        module = normalize_tensorflow_name(dotted_name(updated_node.module))
        if isinstance(updated_node.names, cst.ImportStar):
            new_node = self._swap_star_import(original_node, module)
            return updated_node if new_node is original_node else self._rewritten_import(original_node, new_node)
        kept, moved = [], {}
        for alias in original_node.names:
            target = self._from_import_target(module, alias)
            if target is None:
                kept.append(alias)
            else:
                target_module, new_alias = target
                moved.setdefault(target_module, []).append(new_alias)
        if not moved:
            return updated_node
        groups = list(moved.items())
        if kept:
            first = updated_node.with_changes(names=_keep_last_comma(kept, original_node.names))
        else:
            (target_module, aliases), *groups = groups
            first = updated_node.with_changes(
                module=dotted_node(target_module),
                names=_keep_last_comma(aliases, original_node.names),
            )
        self._split_imports.extend(
            cst.ImportFrom(module=dotted_node(target_module), names=_single_line(aliases))
            for target_module, aliases in groups
        )
        return self._rewritten_import(original_node, first)

    def _from_import_target(self, module, alias):
        """Returns `(target module, alias)` for a moved from-import alias, else `None`."""
        name = alias.name.value
        local = alias.evaluated_alias or name
        entry = self._table.module(f"{module}.{name}")
        if entry is not None:
            if not self._swaps(local, entry):
                return None
            self.record_change(entry.rule)
            parent, _, last = entry.move.target.rpartition(".")
            if last != name:
                alias = alias.with_changes(
                    name=cst.Name(last),
                    asname=None if local == last else cst.AsName(name=cst.Name(local)),
                )
            return parent, alias
        entry = self._table.module(module)
        if entry is None:
            self._report_missing_module(alias, f"`{name}` (from {module})", module)
            return None
        if name in entry.move.names:
            self.record_change(entry.rule)
            return entry.move.target, alias
        if entry.move.whole_module:
            self._report_missing(entry, alias, f"`{name}` (from {module})", f"{module}.{name}")
        return None

    def _swap_star_import(self, original_node, module):
        entry = self._table.module(module)
        if entry is None:
            self._report_missing_module(original_node, f"star import from {module}", module)
            return original_node
        if not entry.move.whole_module:
            return original_node
        if entry.move.target is None:
            self._report_missing(entry, original_node, f"star import from {module}", module)
            return original_node
        self.record_change(entry.rule)
        self.report(
            entry.rule,
            original_node,
            f"star import from {module}: check by hand that {entry.move.target} "
            "provides every name this file uses",
        )
        return original_node.with_changes(module=dotted_node(entry.move.target))

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not self._split_imports:
            return updated_node
        extra = [cst.SimpleStatementLine(body=[stmt]) for stmt in self._split_imports]
        self._split_imports = []
        return cst.FlattenSentinel([updated_node, *extra])


def _literal_texts(expression):
    """Yields the literal text pieces of a string expression (`"a." + name`, f-strings)."""
    if isinstance(expression, cst.SimpleString):
        yield str(expression.evaluated_value)
    elif isinstance(expression, cst.FormattedString):
        for part in expression.parts:
            if isinstance(part, cst.FormattedStringText):
                yield part.value
    elif isinstance(expression, (cst.BinaryOperation, cst.ConcatenatedString)):
        yield from _literal_texts(expression.left)
        yield from _literal_texts(expression.right)


def _keep_last_comma(aliases, original_aliases):
    """Gives the new last alias the original last alias's comma (none, or a trailing one)."""
    last = original_aliases[-1]
    if aliases[-1] is last:
        return aliases
    return [*aliases[:-1], aliases[-1].with_changes(comma=last.comma)]


def _single_line(aliases):
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [
        alias.with_changes(comma=comma if i < len(aliases) - 1 else cst.MaybeSentinel.DEFAULT)
        for i, alias in enumerate(aliases)
    ]


def _unused_imports(bindings, mover, kept_names):
    """Returns `{id of import statement: binding names}` of the imports whose references
    were all rewritten (and that had references to begin with), except those of
    `kept_names`."""
    unused = {}
    for assignment in bindings.assignments:
        if assignment.name.split(".")[0] in kept_names:
            continue
        references = [access.node for access in assignment.references]
        if references and all(id(node) in mover.rewritten_references for node in references):
            statement = mover.rewritten_imports.get(id(assignment.node), assignment.node)
            unused.setdefault(id(statement), set()).add(assignment.name)
    return unused


def move_symbols(module, tree, scopes, rules, drop_unused_imports=True, kept_names=frozenset()):
    """Runs the symbol-move rules on a module.

    Args:
        module: a parsed `libcst.Module`.
        tree: the same source parsed by `ast.parse`.
        scopes: the module's `ScopeProvider` metadata (`codemods.scopes.resolve_scopes`).
        rules: active `SymbolMoveRule`s (at least one).
        drop_unused_imports: remove the imports whose references were all rewritten.
        kept_names: never remove imports binding these names (statements other rules will
            insert use them).

    Returns:
        `(module, changes, findings)`: the rewritten module (the same object if nothing
        changed), a `Counter` of rewrites per rule and the list of `Finding`s.
    """
    table = MoveTable(rules)
    bindings = _ImportBindings(scopes.values(), table)
    blocked = (
        blocked_aliases(Bindings.of(tree), bindings.module_aliases) if bindings.module_aliases else set()
    )
    package = package_name(module, bindings.scopes)
    mover = SymbolMover(table, bindings, blocked, scopes, package)
    rewritten = module.visit(mover)
    findings = mover.findings(module)
    if not mover.changes:
        return module, mover.changes, findings
    if mover.rewritten_references:
        rewritten = imports.add_import(rewritten, PACKAGE, None if package == PACKAGE else package)
        if drop_unused_imports:
            rewritten = imports.remove_imports(rewritten, _unused_imports(bindings, mover, kept_names))
    return rewritten, mover.changes, findings
