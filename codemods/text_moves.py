"""The symbol-move pass as text edits on the `ast`, for plain files, without libcst.

In most TF1 files the names to move are spelled through plain imports, bound once at the
module level and nowhere else: `tf.layers.dense` and `tf.contrib.rnn.LSTMCell` with `import
tensorflow as tf`, `rnn.LSTMCell` with `from tensorflow.contrib import rnn`.
`codemods.symbol_mover` then replaces each such chain by its `tf1compat` spelling (keeping
its parentheses), respells the module path of the imports it swaps, reports the names
and modules tf1compat lacks, and adds `import tf1compat` after the file's leading TensorFlow imports.
`move_symbols_as_text` gives the same edits and findings from the `ast`'s positions,
visiting the tree as the libcst pass does. It gives up (`None`: the libcst pass decides) on
anything else: a chain through another kind of binding, an import the pass splits or
renames, a module alias used for a name tf1compat lacks, a run-time lookup, an
import left unused (which the pass removes), a chain not spelled on one line as plain
`a.b.c`, statements sharing a line, a file binding or importing `tf1compat` already, CR
line breaks or form feeds, which libcst prints differently.
"""

import ast
import collections
import re

from codemods.ast_bindings import Bindings, children, dotted
from codemods.nesting import MAX_DEPTH
from codemods.move_table import missing_message, value_use_message
from codemods.rule import Finding
from codemods.symbols import is_removed, normalize_tensorflow_name

PACKAGE = "tf1compat"
_RUN_TIME_LOOKUP_NAMES = frozenset({"eval", "exec", "__import__", "import_module"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_NESTED_SCOPES = (*_SCOPES, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FROM = re.compile(r"from[ \t]+([\w.]+)[ \t]+import\b")


class _Unsure(Exception):
    """Only the libcst pass can tell what happens to this file."""


class _Mover:
    """Finds what the libcst pass would replace and report, visiting as it does.

    Attributes:
        replacements: `(node, target, rule)` of the chains replaced.
        findings: `(node, rule, message, unsupported)` of the chains reported.
    """

    def __init__(self, bindings, table):
        self._bindings = bindings
        self._table = table
        self.replacements, self.findings = [], []

    def _resolve(self, node):
        """The qualified name libcst gives `node` if it may concern a table, else `None`."""
        name = dotted(node)
        if name is None:
            return None
        base, _, rest = name.partition(".")
        if "tensorflow" not in self._bindings.roots.get(base, ()):
            return None  # libcst only names it after a module that is not TensorFlow.
        plain = self._bindings.plain_import(base, repeated=True)
        if plain is None:
            raise _Unsure(base)
        return normalize_tensorflow_name(f"{plain[1]}.{rest}" if rest else plain[1])

    def _report_missing(self, entry, node, missing):
        message = missing_message(entry, f"`{dotted(node)}`", missing)
        self.findings.append((node, entry.rule, message, is_removed(missing)))

    def _visit_attribute(self, node, attribute_values):
        """Mirrors `SymbolMover.visit_Attribute`; returns whether to visit the children."""
        attribute_values.add(id(node.value))
        name = self._resolve(node)
        if name is None:
            return True
        entry = self._table.module(name)
        if entry is not None:
            if id(node) not in attribute_values and entry.move.whole_module:
                self._module_used_as_value(node, entry, name)
            return False
        found = self._table.member(name)
        if found is None or not found[2]:
            return True
        entry, member, _ = found
        if isinstance(node.value, ast.Name) and entry.move.whole_module and entry.move.target:
            return False
        if member in entry.move.names:
            self.replacements.append((node, entry.move.spelling(member), entry.rule))
        elif entry.move.whole_module:
            self._report_missing(entry, node, name)
        return False

    def _visit_name(self, node, attribute_values):
        """Mirrors `SymbolMover.visit_Name`."""
        if id(node) not in attribute_values:
            name = self._resolve(node)
            entry = self._table.module(name) if name is not None else None
            if entry is not None and entry.move.whole_module:
                self._module_used_as_value(node, entry, name)

    def _module_used_as_value(self, node, entry, name):
        if entry.move.target is None:
            self._report_missing(entry, node, name)
            return
        message = value_use_message(f"`{dotted(node)}`", entry)
        self.findings.append((node, entry.rule, message, False))
        if isinstance(node, ast.Attribute):
            self.replacements.append((node, entry.move.target, entry.rule))

    def _check_call(self, node):
        """Gives up on calls libcst may resolve to `eval`, `exec`, `__import__` or
        `importlib.import_module`, whose strings it reads."""
        name = dotted(node.func)
        if name is None or name.rpartition(".")[2] not in _RUN_TIME_LOOKUP_NAMES:
            return
        base = name.partition(".")[0]
        if self._bindings.imported(base) or base in ("builtins", "importlib"):
            raise _Unsure(name)
        if "." not in name and base not in self._bindings.other:
            raise _Unsure(name)  # The builtin.

    def visit(self, tree):
        attribute_values, stack = set(), [tree]
        while stack:
            node = stack.pop()
            kind = type(node)
            if kind is ast.Attribute:
                if not self._visit_attribute(node, attribute_values):
                    continue
            elif kind is ast.Name:
                self._visit_name(node, attribute_values)
                continue
            elif kind is ast.Call:
                self._check_call(node)
            elif kind in (ast.Import, ast.ImportFrom, ast.Constant):
                continue  # Imports: see `_import_edits`.
            stack += reversed(children(node))


def _first_attribute(dotted):
    name, _, rest = dotted.partition(".")
    return name, rest.partition(".")[0] or None


def blocked_aliases(bindings, module_aliases):
    """Returns the module aliases (`from tensorflow.contrib import rnn`) used for names
    tf1compat lacks (`rnn.WeightNormLSTMCell`): their imports must stay, only their
    supported uses are rewritten.

    Args:
        bindings: the module's `codemods.ast_bindings.Bindings`.
        module_aliases: local name -> the `MoveTable` entry of the whole module it is
            bound to by an import.
    """
    uses = set(bindings.attribute_uses)
    for node in bindings.import_statements:
        if isinstance(node, ast.Import):  # `import rnn.cell` spells `rnn.cell` too.
            uses.update(_first_attribute(alias.name) for alias in node.names)
        elif node.module:
            uses.add(_first_attribute(node.module))
    return {
        name
        for name, attr in uses
        if name in module_aliases and attr is not None and attr not in module_aliases[name].move.names
    }


def _module_aliases(bindings, table):
    """Mirrors `symbol_mover._ImportBindings.module_aliases` on the `ast`."""
    aliases = {}
    for node in bindings.import_statements:
        if isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue
            prefix = node.module + "."
        else:
            prefix = ""
        for alias in node.names:
            local = alias.asname or alias.name
            entry = table.module(normalize_tensorflow_name(prefix + alias.name))
            if entry is not None and entry.move.whole_module and "." not in local:
                aliases[local] = entry
    return aliases


def _swaps(entry):
    return entry.move.whole_module and entry.move.target is not None


def _import_edits(bindings, table, text):
    """Mirrors `SymbolMover.leave_Import` / `leave_ImportFrom` where they only respell the
    module path of an import or report it, for a module without blocked aliases.

    Returns:
        `(edits, rules, findings)`: the `(start, end, text)` edits, the rule of each rewrite
        and the `(alias node, rule, message, unsupported)` of each report.

    Raises:
        _Unsure: for an import the pass splits or renames.
    """
    edits, rules, findings = [], [], []
    for node in bindings.import_statements:
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = normalize_tensorflow_name(alias.name)
                entry = table.module(name)
                if entry is None:
                    _report_missing_module(table, alias, f"`import {alias.name}`", name, findings)
                elif alias.asname is not None and _swaps(entry):
                    start = text.offset(alias.lineno, alias.col_offset)
                    if not text.code.startswith(alias.name, start):
                        raise _Unsure(name)
                    edits.append((start, start + len(alias.name), entry.move.target))
                    rules.append(entry.rule)
        elif node.module and not node.level:
            if node.names[0].name == "*":
                module = normalize_tensorflow_name(node.module)
                if table.module(module) or table.missing_module(module):
                    raise _Unsure(module)  # Swapped or reported.
                continue
            target, moved = _from_import_target(node, table, findings)
            if moved:
                start = text.offset(node.lineno, node.col_offset)
                spelled = _FROM.match(text.code, start)
                if spelled is None or spelled.group(1) != node.module:
                    raise _Unsure(node.module)
                edits.append((spelled.start(1), spelled.end(1), target))
                rules += moved
    return edits, rules, findings


def _report(entry, alias, subject, missing, findings):
    message = missing_message(entry, subject, missing)
    findings.append((alias, entry.rule, message, is_removed(missing)))


def _report_missing_module(table, alias, subject, name, findings):
    entry = table.missing_module(name)
    if entry is not None:
        _report(entry, alias, subject, name, findings)


def _from_import_target(node, table, findings):
    """`(target module, rules)` of a from-import all of whose names move to one module
    under their own names; `(None, [])` if none moves. Reports go to `findings`."""
    module = normalize_tensorflow_name(node.module)
    targets, rules, kept = set(), [], 0
    for alias in node.names:
        entry = table.module(f"{module}.{alias.name}")
        subject = f"`{alias.name}` (from {module})"
        if entry is not None:
            if not _swaps(entry):
                kept += 1
                continue
            target, _, last = entry.move.target.rpartition(".")
            if last != alias.name:
                raise _Unsure(module)  # Renamed (`from tf1compat import nn as rnn`).
        else:
            entry = table.module(module)
            if entry is None:
                _report_missing_module(table, alias, subject, module, findings)
                kept += 1
                continue
            if alias.name not in entry.move.names:
                if entry.move.whole_module:
                    _report(entry, alias, subject, f"{module}.{alias.name}", findings)
                kept += 1
                continue
            target = entry.move.target
        targets.add(target)
        rules.append(entry.rule)
    if not targets:
        return None, []
    if kept or len(targets) > 1:
        raise _Unsure(module)  # Split into several imports.
    return targets.pop(), rules


def _chain_base(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


def _may_leave_unused(tree, bindings, replacements):
    """Whether an import the replaced chains start from may be left with no other use.

    A name imported once keeps its import if it is read elsewhere. A name imported again
    (a notebook's later cell) has each import's uses counted by libcst from that import
    on: each import must be followed by a use at the module level, before the next import,
    that is not replaced.
    """
    rewritten = {id(_chain_base(node)) for node, _, _ in replacements}
    bases = collections.Counter(_chain_base(node).id for node, _, _ in replacements)
    for base, count in bases.items():
        imports = sorted(statement.lineno for statement, _ in bindings.imports[base])
        if len(imports) == 1:
            if bindings.loads[base] == count:
                return True
            continue
        kept = [
            node.lineno for node in _module_level_nodes(tree)
            if isinstance(node, ast.Name) and node.id == base and id(node) not in rewritten
        ]
        for start, end in zip(imports, imports[1:] + [float("inf")]):
            if not any(start < line < end for line in kept):
                return True
    return False


def _module_level_nodes(tree):
    """The nodes of `tree` outside functions, classes, lambdas and comprehensions."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, _NESTED_SCOPES)
        )


def _imported_modules(node):
    """Mirrors `codemods.imports._imported_modules` on the `ast`."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.module and not node.level:
            yield node.module
    elif not isinstance(node, _SCOPES):
        children = ast.iter_child_nodes(node)
        if type(node).__name__ == "TryStar":  # libcst does not look into `except*` blocks.
            children = [*node.body, *node.orelse, *node.finalbody]
        for child in children:
            if isinstance(child, (ast.stmt, ast.excepthandler)):
                yield from _imported_modules(child)


def _import_index(body):
    """Mirrors `codemods.imports._insertion_index` when the module imports TensorFlow."""
    anchor = None
    for index, statement in enumerate(body):
        modules = list(_imported_modules(statement))
        if any(module.split(".")[0] in ("tensorflow", PACKAGE) for module in modules):
            anchor = index + 1
        elif anchor is not None and not modules:
            break
    if anchor is None or not isinstance(body[anchor - 1], (ast.Import, ast.ImportFrom)):
        raise _Unsure("import position")
    for index in range(1, min(anchor + 1, len(body))):
        if body[index].lineno <= body[index - 1].end_lineno:
            raise _Unsure("statements sharing a line")
    return anchor


class _Text:
    """Offsets in a source from `ast` positions (lines from 1, columns in UTF-8 bytes)."""

    def __init__(self, code):
        self.code = code
        self._starts = [0]
        for line in code.split("\n"):
            self._starts.append(self._starts[-1] + len(line) + 1)

    def line_start(self, line):
        return self._starts[line - 1]

    def offset(self, line, column):
        start = self._starts[line - 1]
        if self.code.isascii():
            return start + column
        text = self.code[start:self._starts[line] - 1]
        return start + len(text.encode("utf-8")[:column].decode("utf-8"))


def move_symbols_as_text(code, tree, table):
    """Gives the symbol-move pass's result for a plain file, from its `ast`.

    Args:
        code: the source, ending with a line break.
        tree: `code` parsed by `ast.parse`.
        table: the `MoveTable` of the active symbol-move rules.

    Returns:
        `(edits, changes, findings)`: the `(start, end, text)` replacements that turn `code`
        into what `codemods.symbol_mover.move_symbols` prints, a `Counter` of rewrites per
        rule and the `Finding`s; `None` if only that pass can tell (see the module doc).
    """
    if "\r" in code or "\f" in code or not code.endswith("\n"):
        return None
    bindings = Bindings.of(tree)
    if bindings.depth > MAX_DEPTH or "tensorflow" in bindings.other:
        return None
    if bindings.imported(PACKAGE) or PACKAGE in bindings.other:
        return None
    if any(PACKAGE in roots for roots in bindings.roots.values()):
        return None
    if blocked_aliases(bindings, _module_aliases(bindings, table)):
        return None
    text = _Text(code)
    mover = _Mover(bindings, table)
    try:
        edits, rules, findings = _import_edits(bindings, table, text)
        mover.visit(tree)
        index = _import_index(tree.body) if mover.replacements else None
    except _Unsure:
        return None
    if _may_leave_unused(tree, bindings, mover.replacements):
        return None  # The pass might remove an import whose uses were all rewritten.
    for node, target, _ in mover.replacements:
        start = text.offset(node.lineno, node.col_offset)
        end = text.offset(node.end_lineno, node.end_col_offset)
        if code[start:end] != dotted(node):
            return None
        edits.append((start, end, target))
    if index is not None:
        start = text.line_start(tree.body[index - 1].end_lineno + 1)
        edits.append((start, start, f"import {PACKAGE}\n"))
    findings = [
        Finding(rule, node.lineno, message, unsupported=unsupported)
        for node, rule, message, unsupported in sorted(
            findings + mover.findings, key=lambda finding: (finding[0].lineno, finding[0].col_offset)
        )
    ]
    rules += [rule for _, _, rule in mover.replacements]
    return edits, collections.Counter(rules), findings
