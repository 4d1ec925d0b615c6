"""Migrating many files: cheap prefilter, then parsing in a process pool.

Each file is read once in the parent for the text prefilter; only files that may need a
rule are sent to the workers, which re-read, migrate and (in write mode) write them back.
Workers take one file at a time, largest first, so that they finish together.

One file never aborts the run: whatever goes wrong with it (a bad file, a bug of the tool, a
worker process that died) becomes that file's result, and the other files go on.
"""

import concurrent.futures
import dataclasses
import difflib
import multiprocessing
import os
import sys
import traceback

from codemods.migrate import UnparseableSourceError, migrate_code
from codemods.notebook import migrate_notebook
from codemods.registry import select_rules
from codemods.source_file import decode_notebook, decode_python, read_bytes, write_atomically

MODES = ("write", "diff", "check")
# Below this many candidate files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24


@dataclasses.dataclass
class FileResult:
    """What happened to one file.

    Attributes:
        path: the file.
        status: `"changed"` (or would change, in diff/check mode), `"unchanged"`, `"failed"`
            (the file could not be read, decoded or parsed) or `"error"` (an internal error
            of the tool). Failed and errored files are left byte-identical.
        changes: rewrites per rule name.
        findings: `Finding`s needing a manual look.
        error: why the file failed or errored, `None` otherwise.
        error_line: 1-based line of the failure, if known.
        diff: unified diff as bytes in the file's encoding, in diff mode only.
    """

    path: str
    status: str
    changes: dict = dataclasses.field(default_factory=dict)
    findings: list = dataclasses.field(default_factory=list)
    error: object = None
    error_line: object = None
    diff: object = None


def internal_error(path, error):
    """Returns the `"error"` result of a file whose migration raised `error`, a bug.

    The message names the exception and the innermost line of `codemods` it went through.
    """
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if f"{os.sep}codemods{os.sep}" in frame.filename]
    where = ""
    if ours or frames:
        frame = (ours or frames)[-1]
        where = f" at {os.path.basename(frame.filename)}:{frame.lineno}"
    message = f"{type(error).__name__}: {error}"
    return FileResult(path, "error", error=f"internal error{where}: {message}")


def _unified_diff(path, old, new, encoding):
    text = "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=path,
            tofile=path,
        )
    )
    return text.encode("utf-8" if encoding == "utf-8-sig" else encoding, "backslashreplace")


def migrate_file(path, rule_names, mode):
    """Migrates one file.

    Args:
        path: a `.py` file (any other suffix is treated as Python) or `.ipynb` notebook.
        rule_names: names of the rules to run.
        mode: `"write"` rewrites the file, `"diff"` computes a diff, `"check"` only tells.

    Returns:
        A `FileResult`. Never raises: an unreadable, undecodable or unparseable file is a
        `"failed"` result, an internal error an `"error"` result; both stay byte-identical.
    """
    try:
        rules = select_rules(only=rule_names)
        data = read_bytes(path)
        if not any(rule.may_apply(data) for rule in rules):
            return FileResult(path, "unchanged")
        if path.endswith(".ipynb"):
            text, encoding = decode_notebook(data)
            new_text, changes, findings = migrate_notebook(text, rules)
        else:
            text, encoding = decode_python(data)
            result = migrate_code(text, rules)
            new_text, changes, findings = result.code, result.changes, result.findings
        if new_text == text:
            return FileResult(path, "unchanged", findings=findings)
        new_data = new_text.encode(encoding)
        if mode == "write":
            write_atomically(path, new_data)
        diff = _unified_diff(path, text, new_text, encoding) if mode == "diff" else None
        return FileResult(path, "changed", dict(changes), findings, diff=diff)
    except UnparseableSourceError as error:
        return FileResult(path, "failed", error=error.message, error_line=error.line)
    except OSError as error:
        return FileResult(path, "failed", error=f"cannot read or write: {error.strerror}")
    except Exception as error:  # A bug of the tool: that file's failure, not the run's.
        return internal_error(path, error)


def _pool_context():
    # Forked workers inherit the imported modules instead of importing them again.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _in_parallel(paths, rule_names, mode, jobs, results, progress):
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=_pool_context()) as pool:
        futures = {pool.submit(migrate_file, path, rule_names, mode): path for path in paths}
        for future in concurrent.futures.as_completed(futures):
            path = futures[future]
            try:
                results[path] = future.result()
            except Exception as error:  # E.g. the worker process died (BrokenProcessPool).
                results[path] = internal_error(path, error)
            progress(len(results))


def migrate_files(paths, rules, mode="write", jobs=1, on_progress=None):
    """Migrates files, in parallel when there are enough of them.

    Args:
        paths: files to migrate.
        rules: the rules to run.
        mode: one of `MODES`.
        jobs: maximum number of worker processes.
        on_progress: called with the number of files done so far.

    Returns:
        One `FileResult` per path, in the order of `paths`.

    Raises:
        ValueError: for an unknown `mode`.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}. Received: mode={mode!r}")
    rule_names = tuple(rule.name for rule in rules)
    results, sizes = {}, {}
    for path in paths:
        try:
            data = read_bytes(path)
        except OSError as error:
            results[path] = FileResult(path, "failed", error=f"cannot read: {error.strerror}")
            continue
        if any(rule.may_apply(data) for rule in rules):
            sizes[path] = len(data)
        else:
            results[path] = FileResult(path, "unchanged")
    candidates = sorted(sizes, key=sizes.get, reverse=True)
    progress = on_progress or (lambda done: None)
    progress(len(results))
    if jobs > 1 and len(candidates) >= PARALLEL_THRESHOLD:
        _in_parallel(candidates, rule_names, mode, jobs, results, progress)
    else:
        for path in candidates:
            results[path] = migrate_file(path, rule_names, mode)
            progress(len(results))
    return [results[path] for path in paths]
