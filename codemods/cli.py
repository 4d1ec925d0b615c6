"""`tf1compat-migrate`: rewrite TF1 RNN code in files and directories to use tf1compat."""

import argparse
import os
import sys

from codemods import registry, reporting
from codemods.discovery import discover
from codemods.runner import migrate_files

EXIT_OK = 0
EXIT_NOT_MIGRATED = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_INTERNAL_ERROR = 4

DESCRIPTION = """\
Rewrite legacy TensorFlow 1 RNN code (tf.nn.dynamic_rnn, tf.contrib.rnn, tf.nn.rnn_cell,
tf.layers.dense, ...) to use tf1compat, so that it runs on TensorFlow 2.16+ with Keras 3.
Files are rewritten in place. Works before or after tf_upgrade_v2. Names tf1compat does
not provide and run-time lookups are reported as file:line for manual review, never guessed.
Files that do not parse (e.g. Python 2) are reported and left byte-identical.
"""

EPILOG = """\
exit status (the largest that applies):
  0  success (files rewritten in place, or nothing to do)
  1  --check only: a file would change, or uses a TensorFlow module tf1compat lacks
  2  usage error, or the --report file cannot be written
  3  some files could not be read, decoded or parsed (left unchanged)
  4  internal error on some files (left unchanged; please report it)

examples:
  tf1compat-migrate my_project/                 rewrite in place
  tf1compat-migrate --diff my_project/          show what would change
  tf1compat-migrate --check --quiet src/        for CI
  tf1compat-migrate --only contrib-rnn,rnn-cell model.py
  tf1compat-migrate --exclude 'third_party' --report report.json .
"""


class UsageError(Exception):
    """A bad command line; reported with exit status `EXIT_USAGE`."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _rule_list(text):
    return tuple(name.strip() for name in text.split(",") if name.strip())


def build_parser():
    """Returns the `argparse` parser of `tf1compat-migrate`."""
    parser = _Parser(
        prog="tf1compat-migrate",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files or directories; directories are searched for .py and .ipynb files",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--diff", action="store_true", help="print a unified diff to stdout, write nothing"
    )
    output.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 if any file would change",
    )
    parser.add_argument(
        "--only", type=_rule_list, action="extend", default=[], metavar="RULE,...",
        help="run only these rules (see --list-rules); repeatable",
    )
    parser.add_argument(
        "--skip", type=_rule_list, action="extend", default=[], metavar="RULE,...",
        help="do not run these rules; repeatable",
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument(
        "--report", metavar="FILE", help="write a JSON report (summary and one entry per file)"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
        help="worker processes for large runs (default: number of CPUs)",
    )
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="skip paths matching this .gitignore-style glob; repeatable",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true",
        help="print only errors (and the diff with --diff)",
    )
    return parser


def _list_rules():
    width = max(len(name) for name in registry.RULES_BY_NAME)
    for rule in registry.RULES:
        print(f"{rule.name:<{width}}  {rule.summary}")


def exit_status(summary, mode):
    """Returns the exit status of a run from its `reporting.summarize` counts.

    Args:
        summary: the counts.
        mode: `"write"`, `"diff"` or `"check"`.
    """
    if summary["errors"]:
        return EXIT_INTERNAL_ERROR
    if summary["failed"]:
        return EXIT_FAILED
    if mode == "check" and (summary["changed"] or summary["unsupported"]):
        return EXIT_NOT_MIGRATED
    return EXIT_OK


def main(argv=None):
    """Runs `tf1compat-migrate`.

    Args:
        argv: command-line arguments without the program name; `sys.argv[1:]` if `None`.

    Returns:
        The exit status, see `exit_status`; `EXIT_USAGE` for a bad command line.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.list_rules:
            _list_rules()
            return EXIT_OK
        if not args.paths:
            raise UsageError("no PATH given")
        if args.jobs < 1:
            raise UsageError(f"--jobs must be at least 1. Received: --jobs {args.jobs}")
        rules = registry.select_rules(only=args.only, skip=args.skip)
        files, skipped = discover(args.paths, args.exclude)
    except (UsageError, registry.UnknownRuleError, FileNotFoundError) as error:
        parser.print_usage(sys.stderr)
        print(f"tf1compat-migrate: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    mode = "diff" if args.diff else "check" if args.check else "write"
    progress = None if args.quiet else reporting.Progress(len(files))
    results = migrate_files(files, rules, mode, args.jobs, on_progress=progress)
    if progress is not None:
        progress.close()
    status = exit_status(reporting.summarize(results), mode)
    try:
        _print_results(results, skipped, mode, args.quiet)
    except Exception as error:  # A bug in the output: say so, still write the report.
        print(f"tf1compat-migrate: internal error: {type(error).__name__}: {error}",
              file=sys.stderr)
        status = EXIT_INTERNAL_ERROR
    if args.report:
        status = _write_report(args.report, results, mode, rules, skipped) or status
    return status


def _write_report(path, results, mode, rules, skipped):
    """Writes the JSON report; returns `EXIT_USAGE` if it cannot be written, else `None`."""
    try:
        reporting.write_report(path, results, mode, [rule.name for rule in rules], skipped)
    except OSError as error:
        print(f"tf1compat-migrate: error: cannot write --report {path}: {error.strerror}",
              file=sys.stderr)
        return EXIT_USAGE
    return None


def _write_diffs(results):
    """Writes the diffs to stdout as bytes, each in its file's encoding, whatever stdout's is."""
    sys.stdout.flush()
    stream = sys.stdout.buffer
    try:
        for result in results:
            if result.diff:
                stream.write(result.diff)
        stream.flush()
    except BrokenPipeError:  # `--diff | head`: the reader left; the outcome of the run stands.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _print_results(results, skipped, mode, quiet):
    _write_diffs(results)
    for line in reporting.failure_lines(results):
        print(line, file=sys.stderr)
    if quiet:
        return
    for path, reason in skipped:
        print(f"{path}: skipped: {reason}", file=sys.stderr)
    verb = "rewrote" if mode == "write" else "would rewrite"
    for result in results:
        if result.status == "changed":
            print(f"{verb} {result.path}", file=sys.stderr)
    for line in reporting.finding_lines(results):
        print(line, file=sys.stderr)
    print(reporting.summary_line(reporting.summarize(results), mode), file=sys.stderr)
