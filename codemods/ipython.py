"""IPython syntax in notebook cells, read as IPython reads it and masked for the Python parsers.

The rules are IPython's own (`IPython.core.inputtransformer2`, IPython 7 and later), applied
without IPython:

- A cell whose first non-blank line starts with `%%` is a cell magic. The body of `%%time`,
  `%%timeit`, `%%capture`, `%%prun` and `%%debug` is Python run in the notebook: only the
  magic line is masked. The body of any other (`%%bash`, `%%writefile`, `%%html`, ...) is
  not Python: the cell is left alone (`NotPythonError`).
- Cells are split into *logical* lines with Python's tokenizer, so a line continued inside
  brackets (`ok = (a` / `      != b)`) is not a new line, and text in strings is never
  syntax. A logical line whose first token is `%`, `!`, `?`, `,`, `;` or `/` is an escaped
  command (`%matplotlib inline`, `!pip install x`, `?obj`); `x = %magic ...` and
  `x = !cmd` assign a magic's or a command's output; a logical line ending with `?` or `??`
  asks for help (`obj?`). A command runs to the end of its line and of the lines continued
  with a backslash.

Each piece of IPython syntax is replaced by a placeholder call that spans the same lines,
`__tf1compat_ipython_<n>__()`, and put back by `MaskedCell.unmask`. A `from __future__`
import, legal at the top of any cell but only at the top of a module, is masked the same way,
since the cells of a notebook are migrated as one module.
"""

import dataclasses
import re
import tokenize

from codemods.migrate import UnparseableSourceError

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
_ESCAPES = frozenset({"%", "!", "?", ",", ";", "/"})
_PLACEHOLDER = "__tf1compat_ipython_{}__"
_MAX_PIECES = 500  # IPython's own TRANSFORM_LOOP_LIMIT
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_EOL = re.compile(r"(?:\r\n|\r|\n)$")
_CELL_MAGIC = re.compile(r"%%(\w*)")
_SKIPPED_TOKENS = (tokenize.INDENT, tokenize.DEDENT)
# Text every piece of IPython syntax holds: an escape starting a line, an assigned magic or
# command, a `?`, a `from __future__`. Cells without any are not tokenized.
_MAYBE_IPYTHON = re.compile(r"(?:\A|[\r\n])[ \t\f]*[%!?,;/]|=[\s\\]*[%!]|\?|__future__")


class NotPythonError(UnparseableSourceError):
    """Raised for a cell whose body is not Python (`%%bash`, `%%writefile`, ...)."""


@dataclasses.dataclass
class MaskedCell:
    """A cell's text with its IPython syntax masked.

    Attributes:
        code: the text, Python apart from syntax errors of the cell's own.
        masks: `(placeholder, original)` texts, in the order they were masked.
    """

    code: str
    masks: list

    def unmask(self, code):
        """Returns `code` (this cell's code after migration) with the IPython syntax put back.

        Raises:
            ValueError: if a placeholder is not in `code` exactly once (a rule rewrote it).
        """
        for placeholder, original in self.masks:
            if code.count(placeholder) != 1:
                raise ValueError(
                    f"placeholder of IPython syntax {original!r} must stay in the migrated "
                    f"cell exactly once. Received: {code.count(placeholder)} times"
                )
            code = code.replace(placeholder, original, 1)
        return code


def mask_cell(source, numbers):
    """Masks the IPython syntax of a code cell.

    Args:
        source: the cell's text.
        numbers: an iterator of unique placeholder numbers, shared by a notebook's cells.

    Returns:
        A `MaskedCell`.

    Raises:
        NotPythonError: for a cell magic whose body is not Python.
    """
    if not _MAYBE_IPYTHON.search(source):
        return MaskedCell(source, [])
    lines = _LINE.findall(source)
    masks = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("%%") and not lines[first].rstrip().endswith("?"):
        name = _CELL_MAGIC.match(lines[first]).group(1)
        if name not in PYTHON_CELL_MAGICS:
            raise NotPythonError(f"cell magic %%{name}: not Python", first + 1)
        _mask(lines, (first + 1, 0), first + 1, next(numbers), masks)
    for _ in range(_MAX_PIECES):
        found = _first_piece(_logical_lines(lines), lines)
        if found is None:
            break
        _mask(lines, *found, next(numbers), masks)
    return MaskedCell("".join(lines), masks)


def _logical_lines(lines):
    """The tokens of `lines`, grouped by logical line, as far as Python's tokenizer gets."""
    groups, depth = [[]], 0
    try:
        for token in tokenize.generate_tokens(iter(lines).__next__):
            groups[-1].append(token)
            if token.type == tokenize.NEWLINE or (token.type == tokenize.NL and depth == 0):
                groups.append([])
            elif token.type == tokenize.OP and token.string in ("(", "[", "{"):
                depth += 1
            elif token.type == tokenize.OP and token.string in (")", "]", "}"):
                depth = max(depth - 1, 0)
    except (tokenize.TokenError, SyntaxError):  # An unclosed bracket or string, a bad dedent.
        pass
    return [group for group in groups if group]


def _continued_end(lines, row):
    """The last row (1-based) of the line at `row` continued with backslashes."""
    while row < len(lines) and lines[row - 1].rstrip("\r\n").endswith("\\"):
        row += 1
    return row


def _assignment(tokens):
    """Index of the first `=` outside brackets, or `None`."""
    depth = 0
    for index, token in enumerate(tokens):
        if token.string == "=" and depth == 0:
            return index
        if token.string in ("(", "[", "{"):
            depth += 1
        elif token.string in (")", "]", "}"):
            depth = max(depth - 1, 0)
    return None


def _significant(token):
    # The tokenizer reports the blank before an error token (`x = !ls`) as an error token.
    return token.type not in _SKIPPED_TOKENS and not (
        token.type == tokenize.ERRORTOKEN and token.string.isspace()
    )


def _pieces(group, lines):
    """Yields `(start, last row, priority)` of the IPython syntax in one logical line."""
    tokens = [token for token in group if _significant(token)]
    if not tokens:
        return
    first = tokens[0]
    if first.string in _ESCAPES:
        yield first.start, _continued_end(lines, first.start[0]), 10
    if first.string == "from" and len(tokens) > 1 and tokens[1].string == "__future__":
        yield first.start, tokens[-1].start[0], 10
    equal = _assignment(tokens)
    if equal is not None and equal + 1 < len(tokens):
        value = tokens[equal + 1]
        magic = (
            value.string == "%" and equal + 2 < len(tokens) and tokens[equal + 2].type == tokenize.NAME
        )
        if magic or value.string == "!":
            yield value.start, _continued_end(lines, value.start[0]), 10
    if len(tokens) > 2 and tokens[-2].string == "?":
        yield first.start, tokens[-2].start[0], 5  # Before escapes, so that `%magic?` is help.


def _first_piece(groups, lines):
    """`(start, last row)` of the first IPython syntax of a cell, or `None`."""
    found = [piece for group in groups for piece in _pieces(group, lines)]
    if not found:
        return None
    start, last_row, _ = min(found, key=lambda piece: (piece[0], piece[2]))
    return start, last_row


def _mask(lines, start, last_row, number, masks):
    """Replaces the text from `start` (row, column) to the end of `last_row` by a placeholder
    call spanning as many lines, and records it in `masks`."""
    row, column = start
    name = _PLACEHOLDER.format(number)
    span = lines[row - 1 : last_row]
    ends = [_EOL.search(line) for line in span]
    eols = [end.group() if end else "" for end in ends]
    bodies = [line[: len(line) - len(eol)] for line, eol in zip(span, eols)]
    original = bodies[0][column:] + "".join(eol + body for eol, body in zip(eols, bodies[1:]))
    if len(span) == 1:
        placeholder = f"{name}()"
    else:
        placeholder = f"{name}(" + "".join(eols[:-1]) + ")"
    masked = bodies[0][:column] + placeholder + eols[-1]
    lines[row - 1 : last_row] = _LINE.findall(masked)
    masks.append((placeholder, original))
