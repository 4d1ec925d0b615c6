"""Per-phase CPU profile of `tf1compat-migrate` on a tree, in one process (`--jobs 1`).

The functions of each phase are wrapped with a timer that counts CPU time (`process_time`)
exclusive of the wrapped functions it calls, so the phases add up to the total: reading,
decoding, the text markers, the `ast` parse and screens, libcst's parse, its scope analysis,
the `ast` fast paths, each libcst pass (named by its visitor), the statements inserted,
printing, notebook cell handling and writing. What no wrapper covers is "other" (discovery, the runner's bookkeeping).
"""

import collections
import contextlib
import functools
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PhaseTimer:
    """CPU seconds and calls per phase, each phase exclusive of the phases it calls."""

    def __init__(self):
        self.seconds = collections.Counter()
        self.calls = collections.Counter()
        self._children = []

    def timed(self, phase, function):
        """Returns `function` wrapped to count its calls and its own CPU time under `phase`."""

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            name = phase(*args) if callable(phase) else phase
            self._children.append(0.0)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                self.seconds[name] += elapsed - self._children.pop()
                self.calls[name] += 1
                if self._children:
                    self._children[-1] += elapsed

        return wrapper


def _pass_phase(module, visitor):
    name = type(visitor).__name__
    if name in ("ExpressionContextVisitor", "ScopeVisitor"):
        return "libcst scope analysis"
    return f"libcst pass: {name}"


def _patches():
    """`(owner, attribute, phase)` of every function the profile wraps."""
    import libcst

    from codemods import cst_migration, migrate, notebook, registry, rule, runner
    from codemods.rules import graph_mode_plan
    from codemods.rule import InsertionRule

    patches = [
        (runner, "read_bytes", "read"),
        (runner, "decode_python", "decode"),
        (runner, "decode_notebook", "decode"),
        (rule.Rule, "may_apply", "text markers"),
        (migrate, "check_syntax", "ast parse"),
        (notebook, "check_syntax", "ast parse (notebook cells)"),
        (migrate, "may_need_symbol_moves", "ast screen: symbol moves"),
        (migrate, "move_symbols_as_text", "ast: symbol moves as text edits"),
        (cst_migration, "parse_cst", "libcst parse"),
        (cst_migration, "resolve_scopes", "libcst scope analysis"),
        (cst_migration, "move_symbols", "symbol-move rules: tables, imports"),
        (libcst.Module, "visit", _pass_phase),
        (cst_migration, "insert_after_import", "statements inserted"),
        (cst_migration, "restore_unprinted_whitespace", "print: whitespace put back"),
        (graph_mode_plan, "plan_graph_mode", "rule graph-mode: libcst plan"),
        (runner, "migrate_notebook", "notebook cells (JSON, IPython masking)"),
        (runner, "write_atomically", "write"),
    ]
    for rule_ in registry.RULES:
        if isinstance(rule_, InsertionRule):
            patches.append((rule_, "ast_planner", f"ast: rule {rule_.name} planned"))
    return patches


@contextlib.contextmanager
def _wrapped(timer):
    import libcst

    saved = []
    for owner, attribute, phase in _patches():
        original = vars(owner).get(attribute, getattr(owner, attribute))
        saved.append((owner, attribute, original))
        setattr(owner, attribute, timer.timed(phase, original))
    code = vars(libcst.Module)["code"]
    libcst.Module.code = property(timer.timed("print: libcst", code.fget))
    try:
        yield
    finally:
        libcst.Module.code = code
        for owner, attribute, original in saved:
            setattr(owner, attribute, original)


def start_up_cpu():
    """CPU seconds of `python -c "import codemods.cli"` (median of 3)."""
    seconds = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", "import codemods.cli"], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return sorted(seconds)[1]


def profile_tree(tree):
    """Migrates `tree` in place in this process and returns its profile.

    Returns:
        `(timer, total CPU seconds, statuses)`: the `PhaseTimer`, the CPU time of the whole
        run and a `Counter` of the files' statuses.
    """
    from codemods.discovery import discover
    from codemods.registry import select_rules
    from codemods.runner import migrate_files

    timer = PhaseTimer()
    with _wrapped(timer):
        start = time.process_time()
        files, _ = discover([tree])
        results = migrate_files(files, select_rules(), "write", jobs=1)
        total = time.process_time() - start
    return timer, total, collections.Counter(result.status for result in results)


def print_profile(timer, total, statuses, start_up):
    """Prints the phases, largest first, with their share of the run."""
    files = sum(statuses.values())
    print(f"per-phase CPU profile, --jobs 1, in process: {files} files, "
          + ", ".join(f"{count} {status}" for status, count in sorted(statuses.items())))
    print(f"  {'start-up (import codemods.cli, own process)':48s} {start_up:7.3f} s")
    rows = sorted(timer.seconds.items(), key=lambda item: -item[1])
    rows.append(("other (discovery, runner)", total - sum(timer.seconds.values())))
    for phase, seconds in rows:
        calls = timer.calls.get(phase)
        calls = f"{calls:7d} calls" if calls else ""
        print(f"  {phase:48s} {seconds:7.3f} s {seconds / total:6.1%}  {calls}")
    print(f"  {'total (without start-up)':48s} {total:7.3f} s")
