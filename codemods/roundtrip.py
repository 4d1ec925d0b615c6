"""Putting back the bytes libcst does not print.

libcst prints most code exactly as it was parsed, but not all of it (libcst 1.x, see
`tests/codemods/test_roundtrip.py`): it drops form feeds from the indentation of a statement
(the page break `\\f` before a `def` in older sources), the last line break of a file when
that line break is a lone CR, and blank whitespace after the last line. The rules never mean
to change any of these, so the migrated text gets them back from the original.
"""

import difflib
import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_INDENT = re.compile(r"[ \t\f]*")
_TRAILING_WHITESPACE = " \t\f\r\n"


def _lines(text):
    """Splits after CR, LF or CRLF only (`str.splitlines` also splits at form feeds)."""
    return _LINE.findall(text)


def _restore_form_feeds(original, migrated):
    old = _lines(original)
    printed = [_INDENT.sub(lambda m: m.group().replace("\f", ""), line, count=1) for line in old]
    new = _lines(migrated)
    matcher = difflib.SequenceMatcher(None, printed, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            indent, lost = _INDENT.match(printed[i]).group(), _INDENT.match(old[i]).group()
            if lost != indent and new[j].startswith(indent) and not new[j].startswith(lost):
                new[j] = lost + new[j][len(indent):]
    return "".join(new)


def restore_unprinted_whitespace(original, migrated):
    """Returns `migrated` with the whitespace libcst dropped from `original` put back.

    Args:
        original: the source text as read.
        migrated: libcst's printing of the migrated module.
    """
    if "\f" in original:
        migrated = _restore_form_feeds(original, migrated)
    tail = original[len(original.rstrip(_TRAILING_WHITESPACE)):]
    body = migrated.rstrip(_TRAILING_WHITESPACE)
    return migrated if migrated[len(body):] == tail else body + tail
