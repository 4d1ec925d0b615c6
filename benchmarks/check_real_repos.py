"""Run `tf1compat-migrate` over whole local repositories and check that it did no harm.

For each repository (a directory), a fresh copy is migrated four times, as a new user would:
`--check`, `--diff`, in place, and in place again. Then every file is checked:

- no run crashed: a traceback, an undocumented exit status, a missing `--report` or a run
  that took longer than `--timeout` seconds is a crash;
- every Python file that compiled before still compiles, and no module-level name is now
  used before the statement that binds it (the `NameError` of a statement inserted too
  early);
- every notebook is still JSON, its code cells that parsed before still parse, the same
  use-before-bind check holds over its code cells, and its bytes outside code cells'
  `source` values are unchanged;
- the second in-place run changed no byte.

Prints one row per repository: files and notebooks scanned, files changed, manual-review
findings, unsupported-module findings, files failed (unreadable or unparseable), internal
errors, crashed runs, files broken by the migration, files the second run changed, and
notebooks whose non-code bytes changed. Exits 1 if any of the last four columns or the
internal errors are non-zero.

Usage:
    python benchmarks/check_real_repos.py REPO... [--each] [--jobs N] [--timeout S]
        [--keep DIR] [--json FILE]

With `--each`, every subdirectory of each REPO is one repository. Nothing is written to the
given directories: the runs work on copies.
"""

import argparse
import ast
import builtins
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCUMENTED_EXIT_STATUSES = {0, 1, 2, 3, 4}
COLUMNS = (
    ("files", "files"), ("nb", "notebooks"), ("changed", "changed"), ("findings", "findings"),
    ("unsup", "unsupported"), ("failed", "failed"), ("errors", "errors"),
    ("crashes", "crashes"), ("broken", "broken"), ("2nd-run", "not_idempotent"),
    ("nb-bytes", "notebook_bytes_changed"),
)
HARMFUL = ("errors", "crashes", "broken", "not_idempotent", "notebook_bytes_changed")


# Running the tool.


def _run_tool(args, timeout):
    """Runs `python -m codemods ARGS`; returns `(status or "timeout", stdout bytes, stderr text)`."""
    command = [sys.executable, "-m", "codemods", *map(str, args)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", b"", ""
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def _crashed(status, stderr, report_path=None):
    if status == "timeout" or status not in DOCUMENTED_EXIT_STATUSES:
        return True
    if "Traceback (most recent call last)" in stderr:
        return True
    return report_path is not None and not report_path.exists()


# Checks on one file.


def _python_of_cell(source):
    """A code cell's text with IPython lines blanked out, or `None` for cell magics.

    Deliberately simpler than the tool's own IPython handling: it is only compared before
    and after the migration.
    """
    if source.lstrip().startswith("%%"):
        return None
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("%", "!", "?")) or re.match(r"^\w+\s*=\s*[!%]", stripped):
            line = line[: len(line) - len(line.lstrip())] + "pass"
        elif stripped.endswith("?") and "#" not in stripped:
            line = line[: len(line) - len(line.lstrip())] + "pass"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _parses(code):
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class _ModuleLevelUses(ast.NodeVisitor):
    """Finds names loaded at module level before the first module-level statement binding them.

    Statements run in order; function bodies run later (their loads are not checked), class
    bodies and comprehensions run at once.
    """

    def __init__(self):
        self.bound, self.early = set(), set()

    def _bind(self, name):
        self.bound.add(name)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            if node.id not in self.bound:
                self.early.add(node.id)
        else:
            self._bind(node.id)

    def visit_Import(self, node):
        for alias in node.names:
            self._bind(alias.asname or alias.name.split(".")[0])

    visit_ImportFrom = visit_Import

    def _visit_function(self, node):
        for expression in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
            if expression is not None:
                self.visit(expression)
        self._bind(node.name)

    visit_FunctionDef = visit_AsyncFunctionDef = _visit_function

    def visit_Lambda(self, node):
        for expression in [*node.args.defaults, *node.args.kw_defaults]:
            if expression is not None:
                self.visit(expression)

    def visit_ClassDef(self, node):
        for expression in [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]:
            self.visit(expression)
        saved = set(self.bound)
        for statement in node.body:
            self.visit(statement)
        self.bound = saved | {node.name}

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node):
        self.visit(node.value)
        self.visit(node.target)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node):
        self.visit(node.iter)
        self.visit(node.target)
        for statement in [*node.body, *node.orelse]:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self._bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def _visit_comprehension(self, node):
        saved = set(self.bound)
        for generator in node.generators:
            self.visit(generator.iter)
            self.visit(generator.target)
            for condition in generator.ifs:
                self.visit(condition)
        for part in ("elt", "key", "value"):
            if hasattr(node, part):
                self.visit(getattr(node, part))
        self.bound = saved

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _visit_comprehension


def used_before_bound(tree):
    """Names loaded at module level before their first module-level binding (builtins aside)."""
    uses = _ModuleLevelUses()
    for statement in tree.body:
        uses.visit(statement)
    return (uses.early & uses.bound) - set(dir(builtins))


def _code_cells(notebook_text):
    try:
        notebook = json.loads(notebook_text)
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError):
        return None
    sources = []
    for cell in cells:
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            sources.append("".join(source) if isinstance(source, list) else source)
    return sources


_JSON_TOKEN = re.compile(r'\s+|"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def _skip_space(tokens, index):
    while index < len(tokens) and tokens[index].isspace():
        index += 1
    return index


def _value_spans(tokens, index, path, spans):
    """Reads the JSON value starting at token `index`; appends `(path, first, end)` token
    spans for it and every value inside it; returns the index after it."""
    index = _skip_space(tokens, index)
    first = index
    if tokens[index] in "{[":
        closing, member = ("}", 0) if tokens[index] == "{" else ("]", 0)
        index = _skip_space(tokens, index + 1)
        while tokens[index] != closing:
            if closing == "}":
                key = json.loads(tokens[index])
                index = _skip_space(tokens, index + 1) + 1  # the colon
            else:
                key, member = member, member + 1
            index = _skip_space(tokens, _value_spans(tokens, index, (*path, key), spans))
            if tokens[index] == ",":
                index = _skip_space(tokens, index + 1)
        index += 1
    else:
        index += 1
    spans.append((path, first, index))
    return index


def _without_code_sources(text):
    """The notebook's JSON text with the `source` value of each code cell replaced by a mark.

    A small scanner of its own (not the tool's), so it checks the tool independently.
    """
    tokens = _JSON_TOKEN.findall(text)
    try:
        cells = json.loads(text)["cells"]
        code = {number for number, cell in enumerate(cells) if cell.get("cell_type") == "code"}
        spans = []
        _value_spans(tokens, 0, (), spans)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return text
    cut = [
        (first, end) for path, first, end in spans
        if len(path) == 3 and path[0] == "cells" and path[1] in code and path[2] == "source"
    ]
    pieces, position = [], 0
    for first, end in sorted(cut):
        pieces += [*tokens[position:first], "<source>"]
        position = end
    return "".join(pieces + tokens[position:])


def check_file(before, after, suffix):
    """Returns the problems the migration caused in one file, as short strings."""
    if before == after:
        return []
    if suffix == ".ipynb":
        return _check_notebook(before, after)
    return _check_python(before, after)


def _check_python(before, after):
    old, new = _parses(before), _parses(after)
    if old is None:
        return ["unparseable file was changed"]
    if new is None:
        return ["no longer parses"]
    early = used_before_bound(new) - used_before_bound(old)
    return [f"used before bound: {', '.join(sorted(early))}"] if early else []


def _check_notebook(before, after):
    try:
        old_text, new_text = before.decode("utf-8-sig"), after.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ["not UTF-8 after migration"]
    old_cells, new_cells = _code_cells(old_text), _code_cells(new_text)
    if new_cells is None or old_cells is None or len(old_cells) != len(new_cells):
        return ["no longer a notebook"]
    problems = []
    if _without_code_sources(old_text) != _without_code_sources(new_text):
        problems.append("bytes outside code cells changed")
    old_python, new_python = [], []
    for number, (old, new) in enumerate(zip(old_cells, new_cells), start=1):
        old_code, new_code = _python_of_cell(old), _python_of_cell(new)
        if old_code is None or _parses(old_code) is None:
            continue
        if new_code is None or _parses(new_code) is None:
            problems.append(f"cell {number} no longer parses")
            continue
        old_python.append(old_code)
        new_python.append(new_code)
    old_tree, new_tree = _parses("".join(old_python)), _parses("".join(new_python))
    if old_tree is not None and new_tree is not None:
        early = used_before_bound(new_tree) - used_before_bound(old_tree)
        if early:
            problems.append(f"used before bound: {', '.join(sorted(early))}")
    return problems


# One repository.


def _snapshot(tree):
    return {
        path.relative_to(tree).as_posix(): path.read_bytes()
        for path in sorted(tree.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def check_repository(source, work, jobs, timeout):
    """Migrates a copy of `source` under `work`; returns the row of counts and the problems."""
    tree = work / "tree"
    shutil.copytree(source, tree, symlinks=True)
    original = _snapshot(tree)
    jobs_args = ["--jobs", jobs]
    row = dict.fromkeys((key for _, key in COLUMNS), 0)
    problems = []

    def run(name, *args, report=True):
        report_path = work / f"{name}.json" if report else None
        extra = ["--report", report_path] if report else []
        status, stdout, stderr = _run_tool([*args, *extra, *jobs_args, tree], timeout)
        if _crashed(status, stderr, report_path):
            row["crashes"] += 1
            tail = stderr.strip().splitlines()[-1:] or [f"status {status}"]
            problems.append(f"{name} run crashed: {tail[0][:200]}")
        loaded = None
        if report_path is not None and report_path.exists():
            loaded = json.loads(report_path.read_text(encoding="utf-8"))
        return status, stdout, loaded

    run("check", "--check", "--quiet")
    run("diff", "--diff", "--quiet", report=False)
    if _snapshot(tree) != original:
        problems.append("--check or --diff wrote files")
        row["crashes"] += 1
    _, _, report = run("write", "--quiet")
    first = _snapshot(tree)
    run("second", "--quiet", report=False)
    second = _snapshot(tree)

    row["files"] = sum(name.endswith((".py", ".ipynb")) for name in original)
    row["notebooks"] = sum(name.endswith(".ipynb") for name in original)
    if report is not None:
        summary = report["summary"]
        row["changed"] = summary["changed"]
        row["findings"] = summary["manual_review"]
        row["unsupported"] = summary.get("unsupported", 0)
        row["failed"] = summary["failed"]
        row["errors"] = summary.get("errors", 0)
        for entry in report["files"]:
            if entry["status"] in ("failed", "error"):
                problems.append(f"{entry['path']}: {entry['status']}: {entry['error']['message'][:160]}")
    else:
        row["changed"] = sum(first[name] != original[name] for name in original)
    for name, data in original.items():
        new = first.get(name)
        if new is None:
            row["broken"] += 1
            problems.append(f"{name}: deleted")
            continue
        if name.endswith((".py", ".ipynb")):
            for problem in check_file(data, new, pathlib.PurePath(name).suffix):
                key = "notebook_bytes_changed" if "outside code cells" in problem else "broken"
                row[key] += 1
                problems.append(f"{name}: {problem}")
        if second.get(name) != new:
            row["not_idempotent"] += 1
            problems.append(f"{name}: changed again by a second run")
    return row, problems


def _repositories(paths, each):
    for path in map(pathlib.Path, paths):
        if each:
            yield from sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
        else:
            yield path


def _print_table(rows):
    width = max([len("repository")] + [len(name) for name in rows])
    header = f"{'repository':<{width}} " + " ".join(f"{title:>8}" for title, _ in COLUMNS)
    print(header)
    print("-" * len(header))
    totals = dict.fromkeys((key for _, key in COLUMNS), 0)
    for name, row in rows.items():
        print(f"{name:<{width}} " + " ".join(f"{row[key]:>8}" for _, key in COLUMNS))
        for key in totals:
            totals[key] += row[key]
    print("-" * len(header))
    print(f"{'total':<{width}} " + " ".join(f"{totals[key]:>8}" for _, key in COLUMNS))
    return totals


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="+", metavar="REPO")
    parser.add_argument("--each", action="store_true", help="every subdirectory of REPO is a repository")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run before it counts as a crash")
    parser.add_argument("--keep", metavar="DIR", help="keep the migrated copies and reports here")
    parser.add_argument("--json", metavar="FILE", help="also write the rows and problems as JSON")
    args = parser.parse_args(argv)
    rows, all_problems = {}, {}
    with tempfile.TemporaryDirectory(prefix="tf1compat-real-") as scratch:
        base = pathlib.Path(args.keep or scratch)
        for repository in _repositories(args.repos, args.each):
            work = base / repository.name
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            row, problems = check_repository(repository, work, args.jobs, args.timeout)
            rows[repository.name] = row
            all_problems[repository.name] = problems
            print(f"{repository.name}: {len(problems)} problem(s)", file=sys.stderr, flush=True)
    totals = _print_table(rows)
    for name, problems in all_problems.items():
        for problem in problems:
            print(f"{name}: {problem}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"rows": rows, "problems": all_problems}, indent=1))
    return 1 if any(totals[key] for key in HARMFUL) else 0


if __name__ == "__main__":
    sys.exit(main())
