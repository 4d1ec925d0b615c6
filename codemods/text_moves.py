"""The symbol-move pass as text edits on the `ast`, for plain files, without libcst.

In most TF1 files the names to move are spelled through one plain import:
`tf.layers.dense`, `tf.nn.dynamic_rnn`, `tf.contrib.rnn.LSTMCell` with `import tensorflow
as tf` bound once at the module level and nowhere else. `codemods.symbol_mover` then
replaces each such chain by its `tf1compat` spelling, keeps its parentheses, and adds
`import tf1compat` after the file's leading TensorFlow imports. `move_symbols_as_text`
makes the same edits in the text, by the `ast`'s positions, visiting the chains as the
libcst pass does. It gives up (`None`, the libcst pass decides) on anything else: an import
the pass rewrites or reports, a chain through another kind of binding, a name the pass
would report, a run-time lookup, an import left unused (which the pass removes), a chain
not spelled on one line as plain `a.b.c`, statements sharing a line, a file already binding or
importing `tf1compat`, CR line breaks, form feeds or no final line break, which libcst prints
differently.
"""

import ast
import collections

from codemods.ast_bindings import Bindings, dotted
from codemods.nesting import MAX_DEPTH
from codemods.prescreen import imports_are_targets
from codemods.symbols import normalize_tensorflow_name

PACKAGE = "tf1compat"
_RUN_TIME_LOOKUP_NAMES = frozenset({"eval", "exec", "__import__", "import_module"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class _Unsure(Exception):
    """Only the libcst pass can tell what happens to this file."""


class _Mover:
    """Finds the chains the libcst pass would replace: `(node, target, rule)` each."""

    def __init__(self, bindings, table):
        self._bindings = bindings
        self._table = table
        self.replacements = []

    def _resolve(self, node):
        """The qualified name libcst gives `node` if it may concern a table, else `None`."""
        name = dotted(node)
        if name is None:
            return None
        base, _, rest = name.partition(".")
        if "tensorflow" not in self._bindings.roots.get(base, ()):
            return None  # libcst only names it after a module that is not TensorFlow.
        plain = self._bindings.plain_import(base)
        if plain is None:
            raise _Unsure(base)
        return normalize_tensorflow_name(f"{plain[1]}.{rest}" if rest else plain[1])

    def _visit_attribute(self, node, attribute_values):
        """Mirrors `SymbolMover.visit_Attribute`; returns whether to visit the children."""
        attribute_values.add(id(node.value))
        name = self._resolve(node)
        if name is None:
            return True
        entry = self._table.module(name)
        if entry is not None:
            if id(node) not in attribute_values and entry.move.whole_module:
                raise _Unsure(name)  # A module used as a value: reported.
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
            raise _Unsure(name)  # A name tf1compat lacks: reported.
        return False

    def visit(self, tree):
        attribute_values, stack = set(), [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Attribute):
                if not self._visit_attribute(node, attribute_values):
                    continue
            elif isinstance(node, ast.Call):
                name = dotted(node.func)
                if name is not None and name.rpartition(".")[2] in _RUN_TIME_LOOKUP_NAMES:
                    raise _Unsure(name)
            stack.extend(reversed(list(ast.iter_child_nodes(node))))


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
        code: the source.
        tree: `code` parsed by `ast.parse`.
        table: the `MoveTable` of the active symbol-move rules.

    Returns:
        `(new code, Counter of rewrites per rule)`, exactly what
        `codemods.symbol_mover.move_symbols` prints, with no finding; `None` if only that
        pass can tell (see the module doc).
    """
    if "\r" in code or "\f" in code or not code.endswith("\n"):
        return None
    bindings = Bindings(tree)
    if bindings.depth > MAX_DEPTH or "tensorflow" in bindings.other or bindings.star:
        return None
    if bindings.imported(PACKAGE) or PACKAGE in bindings.other:
        return None
    if any(PACKAGE in roots for roots in bindings.roots.values()):
        return None
    if imports_are_targets(tree, table):
        return None
    mover = _Mover(bindings, table)
    try:
        mover.visit(tree)
        if not mover.replacements:
            return code, collections.Counter()
        index = _import_index(tree.body)
    except _Unsure:
        return None
    bases = collections.Counter(dotted(node).partition(".")[0] for node, _, _ in mover.replacements)
    if any(bindings.loads[base] == count for base, count in bases.items()):
        return None  # The pass would remove the import it came from.
    text = _Text(code)
    edits = []
    for node, target, _ in mover.replacements:
        start = text.offset(node.lineno, node.col_offset)
        end = text.offset(node.end_lineno, node.end_col_offset)
        if code[start:end] != dotted(node):
            return None
        edits.append((start, end, target))
    line = tree.body[index - 1].end_lineno + 1
    start = text.line_start(line)
    edits.append((start, start, f"import {PACKAGE}\n"))
    for start, end, new in sorted(edits, reverse=True):
        code = code[:start] + new + code[end:]
    return code, collections.Counter(rule for _, _, rule in mover.replacements)
