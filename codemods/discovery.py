"""Finding the files to migrate under the paths given on the command line.

Directories are walked without following symlinks; symlinked files are skipped, so nothing
outside the given paths is ever touched. Hidden directories, `__pycache__`, `node_modules`
and virtual environments (a directory holding `pyvenv.cfg`) are not entered. Only regular
files are taken: a named pipe called `x.py` would block the run that reads it.
"""

import fnmatch
import os
import stat

SOURCE_SUFFIXES = (".py", ".ipynb")
SKIPPED_DIRECTORIES = frozenset({"__pycache__", "node_modules", "site-packages"})


def is_excluded(relative_path, patterns):
    """Tells whether a path matches one of the `--exclude` globs.

    A glob matches the path relative to the walked root (`third_party/*`) or any single
    component of it (`*_pb2.py`, `vendor`), like a `.gitignore` line.

    Args:
        relative_path: path with `/` separators.
        patterns: glob patterns.
    """
    parts = relative_path.split("/")
    return any(
        fnmatch.fnmatch(relative_path, pattern.strip("/"))
        or any(fnmatch.fnmatch(part, pattern.strip("/")) for part in parts)
        for pattern in patterns
    )


def _skipped_directory(path, name):
    return (
        name.startswith(".")
        or name in SKIPPED_DIRECTORIES
        or os.path.exists(os.path.join(path, "pyvenv.cfg"))
    )


def _not_regular(path):
    """Why `path` (not followed if a symlink) is not a regular file, or `None` if it is one."""
    mode = os.lstat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "not a regular file (named pipe)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (socket)"
    return "not a regular file (device)"


def discover(paths, exclude=()):
    """Lists the Python files and notebooks to migrate.

    Args:
        paths: files and directories. A file given explicitly is taken whatever its suffix
            (pre-commit passes files that way); directories contribute `.py` and `.ipynb`.
        exclude: glob patterns, see `is_excluded`.

    Returns:
        `(files, skipped)`: sorted file paths, each file once even when reached through two
        given paths, and `(path, reason)` for the paths that were skipped: symlinks given
        explicitly, and named pipes, sockets or devices given or found.

    Raises:
        FileNotFoundError: if a path does not exist.
    """
    files, skipped = {}, []
    for root in paths:
        if not os.path.lexists(root):
            raise FileNotFoundError(f"no such file or directory: {root}")
        if os.path.isdir(root) and not os.path.islink(root):
            _walk(root, exclude, files, skipped)
            continue
        reason = _not_regular(root)
        if reason is not None:
            skipped.append((root, reason))
        elif not is_excluded(root.replace(os.sep, "/"), exclude):
            files.setdefault(os.path.realpath(root), os.path.normpath(root))
    return sorted(files.values()), skipped


def _walk(root, exclude, files, skipped):
    """Adds the Python files and notebooks under directory `root` to `files`, and the named
    pipes, sockets and devices among them to `skipped`."""
    for directory, dirnames, filenames in os.walk(root):
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not _skipped_directory(os.path.join(directory, name), name)
            and not os.path.islink(os.path.join(directory, name))
            and not is_excluded(prefix + name, exclude)
        )
        for name in filenames:
            path = os.path.join(directory, name)
            if not name.endswith(SOURCE_SUFFIXES) or is_excluded(prefix + name, exclude):
                continue
            reason = _not_regular(path)
            if reason is None:
                files.setdefault(os.path.realpath(path), os.path.normpath(path))
            elif reason != "symlink":
                skipped.append((path, reason))
