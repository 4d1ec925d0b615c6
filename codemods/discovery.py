"""Finding the files to migrate under the paths given on the command line.

Directories are walked without following symlinks; symlinked files are skipped, so nothing
outside the given paths is ever touched. Hidden directories, `__pycache__`, `node_modules`
and virtual environments (a directory holding `pyvenv.cfg`) are not entered.
"""

import fnmatch
import os

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


def discover(paths, exclude=()):
    """Lists the Python files and notebooks to migrate.

    Args:
        paths: files and directories. A file given explicitly is taken whatever its suffix
            (pre-commit passes files that way); directories contribute `.py` and `.ipynb`.
        exclude: glob patterns, see `is_excluded`.

    Returns:
        `(files, skipped)`: sorted file paths, each file once even when reached through two
        given paths, and the explicitly given paths that were skipped because they are
        symlinks.

    Raises:
        FileNotFoundError: if a path does not exist.
    """
    files, skipped = {}, []
    for root in paths:
        if os.path.islink(root):
            skipped.append(root)
            continue
        if os.path.isfile(root):
            if not is_excluded(root.replace(os.sep, "/"), exclude):
                files.setdefault(os.path.realpath(root), os.path.normpath(root))
            continue
        if not os.path.isdir(root):
            raise FileNotFoundError(f"no such file or directory: {root}")
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
                if (
                    name.endswith(SOURCE_SUFFIXES)
                    and not os.path.islink(path)
                    and not is_excluded(prefix + name, exclude)
                ):
                    files.setdefault(os.path.realpath(path), os.path.normpath(path))
    return sorted(files.values()), skipped
