"""Migrating Jupyter notebooks: code cells only, the rest of the JSON left as it was.

All code cells are migrated together as one module, so an `import tensorflow as tf` in the
first cell resolves names in later cells: the cells are joined with a boundary statement
between them, migrated, and split again at the boundaries. IPython lines (`%matplotlib
inline`, `!pip install ...`, `obj?`) are swapped for placeholder statements and restored
afterwards; cells that are still not Python (cell magics such as `%%bash`, `x = !ls`) are
left untouched.
"""

import collections
import json

import libcst as cst

from codemods.migrate import UnparseableSourceError, migrate_module, parse
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


def migrate_notebook(text, rules):
    """Migrates the code cells of a notebook.

    Args:
        text: the notebook JSON.
        rules: the selected rules.

    Returns:
        `(text, changes, findings)`: the new JSON (the input itself if no cell changed), a
        `Counter` of rewrites per rule and the `Finding`s, located by cell and line.

    Raises:
        UnparseableSourceError: if the file is not notebook JSON.
    """
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError) as error:
        raise UnparseableSourceError(f"not a notebook: {error}") from None
    sources, findings = {}, []
    masked_lines = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        original = _cell_source(cell)
        if original.lstrip().startswith("%%"):
            continue
        masked = _mask_ipython_lines(original, masked_lines)
        if masked and not masked.endswith("\n"):
            masked += "\n"
        try:
            parse(masked)
        except UnparseableSourceError as error:
            if any(rule.may_apply(original) for rule in rules):
                findings.append(
                    Finding("notebook", error.line or 1, f"cell left unchanged: {error.message}", number)
                )
            continue
        sources[number] = (original, masked)
    active = [rule for rule in rules if any(rule.may_apply(m) for _, m in sources.values())]
    if not active:
        return text, collections.Counter(), findings
    joined, starts = [], []
    line = 1
    for original, masked in sources.values():
        joined.append(CELL_BOUNDARY + "\n")
        starts.append(line + 1)
        line += 1 + masked.count("\n")
        joined.append(masked)
    joined.append(CELL_BOUNDARY + "\n")
    module, changes, module_findings = migrate_module(parse("".join(joined)), active)
    numbers = list(sources)
    for finding in module_findings:
        index = max(i for i, start in enumerate(starts) if start <= finding.line)
        findings.append(
            Finding(finding.rule, finding.line - starts[index] + 1, finding.message, numbers[index])
        )
    if not changes:
        return text, changes, findings
    for number, new in zip(numbers, _split_at_boundaries(module)):
        original, masked = sources[number]
        if new == masked:
            continue
        new = _unmask_ipython_lines(new, masked_lines)
        if not original.endswith("\n") and new.endswith("\n"):
            new = new[:-1]
        _set_cell_source(cells[number - 1], new)
    return _dump_like(notebook, text), changes, findings
