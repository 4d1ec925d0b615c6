"""Migrating many files: cheap prefilter, then parsing in a process pool.

Each file is read once in the parent for the text prefilter; only files that may need a
rule are sent to the workers, which re-read, migrate and (in write mode) write them back.
Workers take one file at a time, largest first, so that they finish together.
"""

import codecs
import concurrent.futures
import dataclasses
import difflib
import multiprocessing
import sys

from codemods.migrate import UnparseableSourceError, migrate_code
from codemods.notebook import migrate_notebook
from codemods.registry import select_rules
from codemods.source_file import decode_python, write_atomically

MODES = ("write", "diff", "check")
# Below this many candidate files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24


@dataclasses.dataclass
class FileResult:
    """What happened to one file.

    Attributes:
        path: the file.
        status: `"changed"` (or would change, in diff/check mode), `"unchanged"` or `"failed"`.
        changes: rewrites per rule name.
        findings: `Finding`s needing a manual look.
        error: why the file failed, `None` otherwise.
        error_line: 1-based line of the failure, if known.
        diff: unified diff, in diff mode only.
    """

    path: str
    status: str
    changes: dict = dataclasses.field(default_factory=dict)
    findings: list = dataclasses.field(default_factory=list)
    error: object = None
    error_line: object = None
    diff: object = None


def _read(path):
    with open(path, "rb") as file:
        return file.read()


def _decode_notebook(data):
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnparseableSourceError(f"cannot decode as utf-8: {error.reason}", line) from None


def _unified_diff(path, old, new):
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=path,
            tofile=path,
        )
    )


def migrate_file(path, rule_names, mode):
    """Migrates one file.

    Args:
        path: a `.py` file (any other suffix is treated as Python) or `.ipynb` notebook.
        rule_names: names of the rules to run.
        mode: `"write"` rewrites the file, `"diff"` computes a diff, `"check"` only tells.

    Returns:
        A `FileResult`. Never raises for a bad file: an unreadable, undecodable or
        unparseable file is a `"failed"` result and stays byte-identical.
    """
    rules = select_rules(only=rule_names)
    try:
        data = _read(path)
        if not any(rule.may_apply(data) for rule in rules):
            return FileResult(path, "unchanged")
        if path.endswith(".ipynb"):
            text, encoding = _decode_notebook(data)
            new_text, changes, findings = migrate_notebook(text, rules)
        else:
            text, encoding = decode_python(data)
            result = migrate_code(text, rules)
            new_text, changes, findings = result.code, result.changes, result.findings
        if new_text == text:
            return FileResult(path, "unchanged", findings=findings)
        if mode == "write":
            write_atomically(path, new_text.encode(encoding))
        diff = _unified_diff(path, text, new_text) if mode == "diff" else None
        return FileResult(path, "changed", dict(changes), findings, diff=diff)
    except UnparseableSourceError as error:
        return FileResult(path, "failed", error=error.message, error_line=error.line)
    except OSError as error:
        return FileResult(path, "failed", error=f"{type(error).__name__}: {error.strerror}")


def _pool_context():
    # Forked workers inherit the already imported libcst instead of importing it again.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


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
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}. Received: mode={mode!r}")
    rule_names = tuple(rule.name for rule in rules)
    results, sizes = {}, {}
    for path in paths:
        try:
            data = _read(path)
        except OSError as error:
            results[path] = FileResult(path, "failed", error=f"{type(error).__name__}: {error.strerror}")
            continue
        if any(rule.may_apply(data) for rule in rules):
            sizes[path] = len(data)
        else:
            results[path] = FileResult(path, "unchanged")
    candidates = sorted(sizes, key=sizes.get, reverse=True)
    progress = on_progress or (lambda done: None)
    progress(len(results))
    if jobs > 1 and len(candidates) >= PARALLEL_THRESHOLD:
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=_pool_context()) as pool:
            futures = [pool.submit(migrate_file, path, rule_names, mode) for path in candidates]
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                results[result.path] = result
                progress(len(results))
    else:
        for path in candidates:
            results[path] = migrate_file(path, rule_names, mode)
            progress(len(results))
    return [results[path] for path in paths]
