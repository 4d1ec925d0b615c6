"""Migrating Jupyter notebooks: code cells only, every other byte of the file kept.

All code cells are migrated together as one module, so an `import tensorflow as tf` in the
first cell resolves names in later cells: the cells are joined with a boundary line between
them, migrated, and split again at the boundaries. IPython syntax is masked the way IPython
reads it and put back afterwards (`codemods.ipython`); code cells that are still not Python
(`%%bash` cells, syntax errors) are left untouched and reported, and imports they might use
are kept. Only the `source` values of the cells that changed are rewritten in the file's
text (`codemods.notebook_json`).
"""

import dataclasses
import itertools

from codemods import ipython, notebook_json
from codemods.migrate import UnparseableSourceError, check_syntax, migrate_code
from codemods.rule import Finding

CELL_BOUNDARY = "__tf1compat_cell_boundary__()\n"


class _Cells:
    """The code cells of a notebook, split into Python ones (masked) and skipped ones.

    Attributes:
        python: cell index -> `(MaskedCell, its code ending with a newline)` for the code
            cells that parse.
        skipped: `(cell number, line, reason)` for the code cells that do not.
    """

    def __init__(self, cells):
        self.python, self.skipped = {}, []
        numbers = itertools.count()
        for index, cell in enumerate(cells):
            if cell.cell_type != "code":
                continue
            try:
                masked = ipython.mask_cell(cell.source, numbers)
                code = masked.code
                if code and not code.endswith("\n"):
                    code += "\n"
                check_syntax(code)
            except UnparseableSourceError as error:  # Including `ipython.NotPythonError`.
                self.skipped.append((index + 1, error.line or 1, error.message))
            except UnicodeEncodeError as error:
                line = code[: error.start].count("\n") + 1
                reason = "holds a lone surrogate, which no parser reads"
                self.skipped.append((index + 1, line, reason))
            else:
                self.python[index] = (masked, code)

    def joined(self):
        """Returns `(module text, first line of each Python cell in it)`."""
        parts, starts, line = [], [], 1
        for _, code in self.python.values():
            parts += [CELL_BOUNDARY, code]
            starts.append(line + 1)
            line += 1 + code.count("\n")
        parts.append(CELL_BOUNDARY)
        return "".join(parts), starts

    def locate(self, finding, starts):
        """Moves a finding from a line of the joined module to a cell and line in it."""
        index = max(i for i, start in enumerate(starts) if start <= finding.line)
        number = list(self.python)[index] + 1
        return dataclasses.replace(finding, line=finding.line - starts[index] + 1, cell=number)

    def new_sources(self, migrated, cells):
        """Returns `{cell index: new source}` of the cells the migrated module changed.

        Raises:
            ValueError: if the cell boundaries or the IPython placeholders were changed.
        """
        parts = migrated.split(CELL_BOUNDARY)
        if len(parts) != len(self.python) + 2:
            raise ValueError(
                f"the migrated notebook must keep its {len(self.python) + 1} cell boundaries. "
                f"Received: {len(parts) - 1}"
            )
        if self.python:  # Text a rule put before the first or after the last boundary.
            parts[1], parts[-2] = parts[0] + parts[1], parts[-2] + parts[-1]
        sources = {}
        for (index, (masked, code)), new in zip(self.python.items(), parts[1:-1]):
            if new == code:
                continue
            new = masked.unmask(new)
            if not cells[index].source.endswith("\n") and new.endswith("\n"):
                new = new[:-1]
            sources[index] = new
        return sources


def migrate_notebook(text, rules):
    """Migrates the code cells of a notebook.

    Args:
        text: the notebook JSON.
        rules: the selected rules.

    Returns:
        `(text, changes, findings)`: the new JSON (the input itself if no cell changed), a
        `Counter` of rewrites per rule and the `Finding`s, located by cell and line. Every
        code cell that is not Python is one of the findings.

    Raises:
        UnparseableSourceError: if the file is not notebook JSON.
    """
    try:
        cells = notebook_json.read_cells(text)
    except notebook_json.NotebookFormatError as error:
        raise UnparseableSourceError(f"not a notebook: {error}") from None
    python = _Cells(cells)
    joined, starts = python.joined()
    result = migrate_code(joined, rules, drop_unused_imports=not python.skipped)
    findings = [python.locate(finding, starts) for finding in result.findings]
    findings += [
        Finding("notebook", line, f"cell not migrated ({reason}); check it by hand", number)
        for number, line, reason in python.skipped
    ]
    findings.sort(key=lambda finding: (finding.cell, finding.line))
    if not result.changes:
        return text, result.changes, findings
    sources = python.new_sources(result.code, cells)
    new_text = notebook_json.write_sources(text, cells, sources)
    written = notebook_json.read_cells(new_text)
    expected = [sources.get(index, cell.source) for index, cell in enumerate(cells)]
    if [cell.source for cell in written] != expected:
        raise ValueError("the rewritten notebook must read back as the migrated cells")
    return new_text, result.changes, findings
