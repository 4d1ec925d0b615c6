"""What the CLI tells the user: per-file lines, the summary line, progress and the JSON report."""

import collections
import json
import sys
import time

REPORT_VERSION = 2


def summarize(results):
    """Counts results.

    Args:
        results: `FileResult`s.

    Returns:
        A dict with `scanned`, `changed`, `unchanged`, `failed` (unreadable or unparseable
        files), `errors` (internal errors), `manual_review` (findings) and `unsupported`
        (the findings about TensorFlow modules tf1compat does not provide) counts, and
        `changes_by_rule` (rule name -> number of rewrites).
    """
    statuses = collections.Counter(result.status for result in results)
    by_rule = collections.Counter()
    for result in results:
        by_rule.update(result.changes)
    findings = [finding for result in results for finding in result.findings]
    return {
        "scanned": len(results),
        "changed": statuses["changed"],
        "unchanged": statuses["unchanged"],
        "failed": statuses["failed"],
        "errors": statuses["error"],
        "manual_review": len(findings),
        "unsupported": sum(finding.unsupported for finding in findings),
        "changes_by_rule": dict(sorted(by_rule.items())),
    }


def summary_line(summary, mode):
    """Formats the one-line summary printed at the end of a run."""
    changed = "changed" if mode == "write" else "would change"
    line = (
        f"tf1compat-migrate: {summary['scanned']} files scanned, {summary['changed']} {changed}, "
        f"{summary['unchanged']} unchanged, {summary['failed']} failed"
    )
    if summary["errors"]:
        line += f", {summary['errors']} internal error{'s' if summary['errors'] > 1 else ''}"
    if summary["changes_by_rule"]:
        per_rule = ", ".join(f"{rule}: {n}" for rule, n in summary["changes_by_rule"].items())
        line += f"; rewrites: {per_rule}"
    if summary["manual_review"]:
        line += f"; {summary['manual_review']} need manual review"
        if summary["unsupported"]:
            line += f" ({summary['unsupported']} unsupported)"
    return line


def failure_lines(results):
    """Yields `path[:line]: error: message` for each failed or errored file."""
    for result in results:
        if result.status == "failed":
            location = result.path if result.error_line is None else f"{result.path}:{result.error_line}"
            yield f"{location}: error: {result.error} (file left unchanged)"
        elif result.status == "error":
            yield f"{result.path}: error: {result.error} (file left unchanged; please report this bug)"


def finding_lines(results):
    """Yields `path:line: [rule] message` for each manual-review finding."""
    for result in results:
        for finding in result.findings:
            yield f"{finding.location(result.path)}: [{finding.rule}] {finding.message}"


def write_report(path, results, mode, rule_names, skipped=()):
    """Writes the JSON report: the summary plus one entry per scanned file.

    Args:
        path: where to write it.
        results: `FileResult`s.
        mode: `"write"`, `"diff"` or `"check"`.
        rule_names: the rules that ran.
        skipped: `(path, reason)` of the paths not scanned (symlinks, named pipes, ...).

    Raises:
        OSError: if the file cannot be written.
    """
    report = {
        "version": REPORT_VERSION,
        "mode": mode,
        "rules": list(rule_names),
        "summary": summarize(results),
        "files": [
            {
                "path": result.path,
                "status": result.status,
                "changes": result.changes,
                "manual_review": [
                    {"line": f.line, "cell": f.cell, "rule": f.rule, "message": f.message,
                     "unsupported": f.unsupported}
                    for f in result.findings
                ],
                "error": None
                if result.error is None
                else {"line": result.error_line, "message": result.error},
            }
            for result in results
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in skipped],
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(report, file, indent=2)
        file.write("\n")


class Progress:
    """Shows `done/total files` on stderr once a run has lasted `delay` seconds.

    On a terminal the line is redrawn in place at most every `interval` seconds; otherwise
    a new line is printed every `5 * interval` seconds, which keeps CI logs short.

    Args:
        total: number of files.
        stream: where to write, `sys.stderr` by default.
        delay: seconds before the first update.
        interval: minimum seconds between updates.
    """

    def __init__(self, total, stream=None, delay=2.0, interval=0.5):
        self._total = total
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._start = time.monotonic()
        self._next = self._start + delay
        self._interval = interval if self._tty else 5 * interval
        self._shown = False

    def __call__(self, done):
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + self._interval
        self._shown = True
        end = "\r" if self._tty else "\n"
        self._stream.write(f"tf1compat-migrate: {done}/{self._total} files{end}")
        self._stream.flush()

    def close(self):
        """Ends a redrawn progress line so later output starts on a fresh line."""
        if self._shown and self._tty:
            self._stream.write("\n")
