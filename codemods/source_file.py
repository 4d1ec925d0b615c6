"""Reading and writing source files without ever corrupting them.

Only regular files are read: opening a named pipe would block until something writes to it.
Text is decoded with the file's own encoding (PEP 263 cookie or BOM, as Python itself does)
and written back with it; newlines are never translated, so CRLF files stay CRLF. Writes go
to a temporary file in the same directory, keep the original mode bits and replace the file
atomically.
"""

import codecs
import errno
import io
import os
import stat
import tempfile
import tokenize

from codemods.migrate import UnparseableSourceError


def read_bytes(path):
    """Returns the content of the regular file `path`.

    Raises:
        OSError: if it cannot be read, or is not a regular file (a named pipe, socket or
            device: opened without blocking and refused).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        return file.read()


def decode_python(data):
    """Decodes the bytes of a Python file.

    Args:
        data: the raw file content.

    Returns:
        `(text, encoding)`; `encoding` is `"utf-8-sig"` for a file with a BOM so that
        `encode(text, encoding)` gives the same bytes back.

    Raises:
        UnparseableSourceError: for an unknown encoding or bytes invalid in it.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise UnparseableSourceError(f"cannot decode: {error}") from None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnparseableSourceError(
            f"cannot decode as {encoding}: {error.reason}", line
        ) from None


def decode_notebook(data):
    """Decodes the bytes of a notebook (UTF-8, with or without a BOM).

    Returns:
        `(text, encoding)` as in `decode_python`.

    Raises:
        UnparseableSourceError: for bytes that are not UTF-8.
    """
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnparseableSourceError(f"cannot decode as utf-8: {error.reason}", line) from None


def write_atomically(path, data):
    """Replaces the content of `path` with `data` in one step, keeping its mode bits.

    Args:
        path: an existing regular file.
        data: the new bytes.
    """
    mode = os.stat(path).st_mode & 0o7777
    directory, name = os.path.split(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tf1compat", dir=directory)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
