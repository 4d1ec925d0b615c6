"""A notebook's cells read from its JSON text, and changed sources written back in place.

Only the `source` values of the cells that changed are rewritten in the original text, so
every other byte of the file stays as it was: metadata numbers (`1.10`, `1E5`), escapes
(`\\u2603`), CRLF line breaks, duplicate keys, hand-made indentation, and outputs, which may
hold anything (a lone surrogate `\\ud83d` cannot even be re-encoded). In a changed cell, the
lines that did not change keep their original JSON text; new lines follow the layout and the
escaping of the cell's other lines.

Values are read with `json.JSONDecoder.raw_decode`; only the objects and arrays leading to
the cells' sources are walked by hand. Duplicate keys resolve like `json.loads` (last wins).
"""

import dataclasses
import json
import re

_SPACE = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DECODER = json.JSONDecoder()


class NotebookFormatError(ValueError):
    """Raised for text that is not an nbformat 4 notebook."""


@dataclasses.dataclass(frozen=True)
class Cell:
    """A cell of a notebook.

    Attributes:
        cell_type: its `cell_type` (`"code"`, `"markdown"`, ...), `None` if missing.
        source: its source, as one text.
        span: `(start, end)` offsets of its `source` value in the JSON text, `None` if missing.
    """

    cell_type: object
    source: str
    span: object


class _Reader:
    """Reads JSON text from left to right."""

    def __init__(self, text, position=0):
        self.text = text
        self.position = position

    def _punctuation(self, allowed):
        self.position = _SPACE.match(self.text, self.position).end()
        char = self.text[self.position : self.position + 1]
        if not char or char not in allowed:
            raise NotebookFormatError(
                f"expected {' or '.join(map(repr, allowed))} at offset {self.position}. "
                f"Received: {char!r}"
            )
        self.position += 1
        return char

    def value(self):
        """Reads a value; returns `(value, start offset)`."""
        self.position = _SPACE.match(self.text, self.position).end()
        start = self.position
        try:
            value, self.position = _DECODER.raw_decode(self.text, start)
        except json.JSONDecodeError as error:
            raise NotebookFormatError(str(error)) from None
        return value, start

    def _after_opening(self, opening, closing):
        self._punctuation(opening)
        self.position = _SPACE.match(self.text, self.position).end()
        if self.text.startswith(closing, self.position):
            self.position += 1
            return False
        return True

    def members(self):
        """Reads an object member by member: yields each key, the caller reads its value."""
        if not self._after_opening("{", "}"):
            return
        while True:
            key, start = self.value()
            if not isinstance(key, str):
                raise NotebookFormatError(f"expected a string key at offset {start}")
            self._punctuation(":")
            yield key
            if self._punctuation(",}") == "}":
                return

    def elements(self):
        """Reads an array element by element: yields before each, the caller reads it."""
        if not self._after_opening("[", "]"):
            return
        while True:
            yield
            if self._punctuation(",]") == "]":
                return

    def end(self):
        self.position = _SPACE.match(self.text, self.position).end()
        if self.position != len(self.text):
            raise NotebookFormatError(f"extra data at offset {self.position}")


def _read_cell(reader):
    cell_type, source, span = None, "", None
    for key in reader.members():
        value, start = reader.value()
        if key == "cell_type":
            cell_type = value
        elif key == "source":
            if isinstance(value, list) and all(isinstance(line, str) for line in value):
                value = "".join(value)
            if not isinstance(value, str):
                raise NotebookFormatError(
                    f"a cell source must be text or a list of texts, at offset {start}"
                )
            source, span = value, (start, reader.position)
    return Cell(cell_type, source, span)


def read_cells(text):
    """Reads the cells of a notebook.

    Args:
        text: the notebook's JSON text.

    Returns:
        The list of `Cell`s.

    Raises:
        NotebookFormatError: if `text` is not JSON, or not an nbformat 4 notebook.
    """
    reader, cells = _Reader(text), None
    for key in reader.members():
        if key == "cells":
            cells = [_read_cell(reader) for _ in reader.elements()]
        else:
            reader.value()
    reader.end()
    if cells is None:
        raise NotebookFormatError(
            "no top-level 'cells' list (nbformat 3 notebooks are not supported: convert them "
            "with `jupyter nbconvert --to notebook --nbformat 4`)"
        )
    return cells


def write_sources(text, cells, sources):
    """Returns `text` with the sources of some cells replaced, every other byte kept.

    Args:
        text: the notebook's JSON text.
        cells: its `Cell`s, from `read_cells(text)`.
        sources: `{index of a cell with a source: its new source}`.
    """
    pieces, position = [], 0
    for index in sorted(sources):
        start, end = cells[index].span
        pieces += [text[position:start], _encode(text, start, end, sources[index])]
        position = end
    return "".join(pieces + [text[position:]])


def _dump(value, ensure_ascii):
    dumped = json.dumps(value, ensure_ascii=ensure_ascii)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def _escapes_non_ascii(raw, text):
    """Whether to write non-ASCII characters as `\\u` escapes, as this value (or the file) does."""
    for sample in (raw, text):
        if not sample.isascii():
            return False
        if "\\u" in sample:
            return True
    return False


def _list_layout(text, start):
    """`(raw element texts, text after "[", separator, text before "]")` of the array at `start`."""
    reader, elements, gaps = _Reader(text, start), [], []
    position = start + 1
    for _ in reader.elements():
        value, element_start = reader.value()
        gaps.append(text[position:element_start])
        elements.append((value, text[element_start : reader.position]))
        position = reader.position
    if not elements:
        return [], "", ", ", ""
    closing = text[position : reader.position - 1]
    separator = gaps[1] if len(gaps) > 1 else "," + gaps[0]
    return elements, gaps[0], separator, closing


def _split_like(source, old_lines):
    """Splits `source` into lines the way the old list was split (nbformat uses
    `str.splitlines`, other writers split after each newline only)."""
    if "".join(old_lines).splitlines(keepends=True) == old_lines:
        return source.splitlines(keepends=True)
    return re.findall(r"[^\n]*\n|[^\n]+$", source)


def _encode(text, start, end, source):
    """The JSON text of a new source, in the style of the value at `text[start:end]`."""
    ensure_ascii = _escapes_non_ascii(text[start:end], text)
    if text[start] == '"':
        return _dump(source, ensure_ascii)
    elements, opening, separator, closing = _list_layout(text, start)
    raw_by_value = {}
    for value, raw in elements:
        raw_by_value.setdefault(value, raw)
    lines = _split_like(source, [value for value, _ in elements])
    encoded = [raw_by_value.get(line) or _dump(line, ensure_ascii) for line in lines]
    return "[" + opening + separator.join(encoded) + closing + "]" if encoded else "[]"
