"""Migrating Jupyter notebooks: code cells only, the rest of the JSON left as it was.

All code cells are migrated together as one module, so an `import tensorflow as tf` in the
first cell resolves names in later cells: the cells are joined with a boundary statement
between them, migrated, and split again at the boundaries. IPython lines (`%matplotlib
inline`, `!pip install ...`, `obj?`) are swapped for placeholder statements and restored
afterwards; cells that are still not Python (cell magics such as `%%bash`, `x = !ls`) are
left untouched, and imports they might use are kept.
"""

import collections
import dataclasses
import json

import libcst as cst

from codemods.migrate import UnparseableSourceError, active_rules, migrate_module, parse
from codemods.rule import Finding

CELL_BOUNDARY = "__tf1compat_cell_boundary__()"
_IPYTHON_PLACEHOLDER = "__tf1compat_ipython_line_{}__()"


def _is_ipython_line(line):
    stripped = line.strip()
    return stripped.startswith(("%", "!")) or (stripped.endswith("?") and "#" not in stripped)


def _mask_ipython_lines(source, masked_lines):
    """Replaces IPython lines by placeholders, appending the originals to `masked_lines`."""
    lines = source.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if _is_ipython_line(line):
            body = line.rstrip("\r\n")
            indent = body[: len(body) - len(body.lstrip())]
            placeholder = indent + _IPYTHON_PLACEHOLDER.format(len(masked_lines))
            masked_lines.append(body)
            lines[index] = placeholder + line[len(body) :]
    return "".join(lines)


def _unmask_ipython_lines(source, masked_lines):
    for index, original in enumerate(masked_lines):
        placeholder = _IPYTHON_PLACEHOLDER.format(index)
        if placeholder in source:
            indent = original[: len(original) - len(original.lstrip())]
            source = source.replace(indent + placeholder, original, 1)
    return source


def _cell_source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _set_cell_source(cell, text):
    if isinstance(cell.get("source"), list):
        cell["source"] = text.splitlines(keepends=True)
    else:
        cell["source"] = text


def _is_boundary(statement):
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.Call)
        and isinstance(statement.body[0].value.func, cst.Name)
        and statement.body[0].value.func.value == CELL_BOUNDARY[:-2]
    )


def _split_at_boundaries(module):
    """Returns the text of each cell of a joined module, in order."""
    cells, current = [], None
    for statement in module.body:
        if _is_boundary(statement):
            if current is not None:
                trailing = "".join(module.code_for_node(line) for line in statement.leading_lines)
                cells.append("".join(current) + trailing)
            current = []
        else:
            current.append(module.code_for_node(statement))
    return cells


def _dump_like(notebook, original_text):
    """Serialises `notebook` with the indentation and escaping style of `original_text`."""
    second_line = original_text.split("\n", 2)[1] if "\n" in original_text else ""
    indent = len(second_line) - len(second_line.lstrip(" ")) or None
    ensure_ascii = "\\u" in original_text and original_text.isascii()
    text = json.dumps(notebook, indent=indent, ensure_ascii=ensure_ascii)
    return text + "\n" if original_text.endswith("\n") else text


class _Cells:
    """The code cells of a notebook, split into Python ones (masked) and skipped ones.

    Attributes:
        python: cell number -> `(original source, masked source)` for cells that parse.
        skipped: `(cell number, line, reason)` for code cells that are not Python.
        masked_lines: original IPython lines, indexed by placeholder number.
    """

    def __init__(self, cells):
        self.python, self.skipped, self.masked_lines = {}, [], []
        for number, cell in enumerate(cells, start=1):
            if cell.get("cell_type") != "code":
                continue
            original = _cell_source(cell)
            if original.lstrip().startswith("%%"):
                self.skipped.append((number, 1, "cell magic"))
                continue
            masked = _mask_ipython_lines(original, self.masked_lines)
            if masked and not masked.endswith("\n"):
                masked += "\n"
            try:
                parse(masked)
            except UnparseableSourceError as error:
                self.skipped.append((number, error.line or 1, error.message))
                continue
            self.python[number] = (original, masked)

    def joined(self):
        """Returns `(module text, first line of each Python cell in it)`."""
        parts, starts, line = [], [], 1
        for _, masked in self.python.values():
            parts += [CELL_BOUNDARY + "\n", masked]
            starts.append(line + 1)
            line += 1 + masked.count("\n")
        parts.append(CELL_BOUNDARY + "\n")
        return "".join(parts), starts

    def locate(self, finding, starts):
        """Moves a finding from a line of the joined module to a cell and line in it."""
        index = max(i for i, start in enumerate(starts) if start <= finding.line)
        number = list(self.python)[index]
        return dataclasses.replace(finding, line=finding.line - starts[index] + 1, cell=number)

    def write_back(self, module, cells):
        """Stores the migrated text of each changed Python cell into `cells`."""
        for number, new in zip(self.python, _split_at_boundaries(module)):
            original, masked = self.python[number]
            if new == masked:
                continue
            new = _unmask_ipython_lines(new, self.masked_lines)
            if not original.endswith("\n") and new.endswith("\n"):
                new = new[:-1]
            _set_cell_source(cells[number - 1], new)


def migrate_notebook(text, rules):
    """Migrates the code cells of a notebook.

    Args:
        text: the notebook JSON.
        rules: the selected rules.

    Returns:
        `(text, changes, findings)`: the new JSON (the input itself if no cell changed), a
        `Counter` of rewrites per rule and the `Finding`s, located by cell and line. Code
        cells that are not Python are reported when the notebook needs migrating.

    Raises:
        UnparseableSourceError: if the file is not notebook JSON.
    """
    try:
        notebook = json.loads(text)
        cells = _Cells(notebook["cells"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnparseableSourceError(f"not a notebook: {error}") from None
    joined, starts = cells.joined()
    active, tree = active_rules(joined, rules)
    if not active:
        return text, collections.Counter(), []
    module, changes, findings = migrate_module(
        parse(joined), tree, active, drop_unused_imports=not cells.skipped
    )
    findings = [cells.locate(finding, starts) for finding in findings]
    if changes or findings:
        findings += [
            Finding("notebook", line, f"cell not migrated ({reason}); check it by hand", number)
            for number, line, reason in cells.skipped
        ]
    if not changes:
        return text, changes, findings
    cells.write_back(module, notebook["cells"])
    return _dump_like(notebook, text), changes, findings
