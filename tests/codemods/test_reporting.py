"""Tests of the summary line and of progress output."""

import io

from codemods import reporting
from codemods.rule import Finding
from codemods.runner import FileResult


def test_summary_line_counts_and_rules():
    results = [
        FileResult("a.py", "changed", {"contrib-rnn": 2, "rnn-cell": 1}),
        FileResult("b.py", "changed", {"contrib-rnn": 1}, [Finding("contrib-rnn", 3, "m")]),
        FileResult("c.py", "unchanged"),
        FileResult("d.py", "failed", error="not valid Python 3: x", error_line=4),
    ]
    summary = reporting.summarize(results)
    assert reporting.summary_line(summary, "check") == (
        "tf1compat-migrate: 4 files scanned, 2 would change, 1 unchanged, 1 failed; "
        "rewrites: contrib-rnn: 3, rnn-cell: 1; 1 need manual review"
    )
    assert list(reporting.failure_lines(results)) == [
        "d.py:4: error: not valid Python 3: x (file left unchanged)"
    ]
    assert list(reporting.finding_lines(results)) == ["b.py:3: [contrib-rnn] m"]


def test_summary_counts_internal_errors_and_unsupported_modules():
    results = [
        FileResult("a.py", "unchanged", findings=[
            Finding("contrib-unsupported", 2, "m", unsupported=True), Finding("rnn-cell", 5, "n"),
        ]),
        FileResult("b.py", "error", error="internal error at x.py:1: KeyError: 'k'"),
        FileResult("c.py", "error", error="internal error at x.py:1: KeyError: 'k'"),
    ]
    summary = reporting.summarize(results)
    assert (summary["errors"], summary["unsupported"], summary["manual_review"]) == (2, 1, 2)
    assert reporting.summary_line(summary, "write") == (
        "tf1compat-migrate: 3 files scanned, 0 changed, 1 unchanged, 0 failed, 2 internal errors; "
        "2 need manual review (1 unsupported)"
    )
    assert list(reporting.failure_lines(results))[0] == (
        "b.py: error: internal error at x.py:1: KeyError: 'k' (file left unchanged; please report this bug)"
    )


class _Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self._tty = tty

    def isatty(self):
        return self._tty


def test_progress_is_silent_on_short_runs():
    stream = _Stream(tty=True)
    progress = reporting.Progress(10, stream=stream, delay=60)
    progress(5)
    progress.close()
    assert stream.getvalue() == ""


def test_progress_redraws_on_a_terminal():
    stream = _Stream(tty=True)
    progress = reporting.Progress(10, stream=stream, delay=0, interval=0)
    progress(3)
    progress(7)
    progress.close()
    assert stream.getvalue() == (
        "tf1compat-migrate: 3/10 files\rtf1compat-migrate: 7/10 files\r\n"
    )


def test_progress_prints_lines_in_logs():
    stream = _Stream(tty=False)
    progress = reporting.Progress(4, stream=stream, delay=0, interval=0)
    progress(2)
    progress.close()
    assert stream.getvalue() == "tf1compat-migrate: 2/4 files\n"
