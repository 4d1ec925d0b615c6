"""Benchmark: `tf1compat-migrate` against `tf_upgrade_v2 --intree` on a TF1 tree.

The tree is generated (`--tree realistic`, shaped like real TF1 projects: most files import
TensorFlow, use a `Session`, placeholders and `tf.layers`, some are notebooks; or `--tree
synthetic`, where 60% of the files never mention TensorFlow), or copied from `--real DIR`, a
directory of repositories (never written to). Each round migrates fresh copies of it in place
with both tools, one command each over the whole tree, in alternating order; `--repeat`
rounds. Prints per tool the median [min-max] over the rounds of the wall time (whole command,
start-up included), files/s and CPU time (user + sys of the tool and its worker processes),
and the ratios tf_upgrade_v2 / tf1compat-migrate of each round's wall and CPU times. Both
speeds count the tree's `.py` files: `tf_upgrade_v2 --intree` ignores notebooks,
tf1compat-migrate also migrates them in that time. The machine's other load shows as a
spread of the wall times; the CPU times are steadier.

`tf_upgrade_v2` aborts the whole tree when pasta fails to annotate one file
(`AnnotationError`); it is run through its own `main()` with each file's exception caught
and counted, so it goes on to the next file as tf1compat-migrate does.

`--profile` adds tf1compat-migrate's per-phase CPU profile on the same tree
(`codemod_profile.py`).

Usage:
    python benchmarks/bench_codemod.py [--tree realistic|synthetic] [--files 300]
        [--real DIR] [--jobs N] [--repeat 5] [--profile] [--keep DIR]
"""

import argparse
import collections
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import codemod_profile
import codemod_trees

sys.path.append(codemod_profile.ROOT)  # codemods, unless installed or on PYTHONPATH

# `tf_upgrade_v2` as its console script runs it, with each file's exception caught.
UPGRADE_DRIVER = """\
import sys
from tensorflow.tools.compatibility import ast_edits, tf_upgrade_v2_main

process_file = ast_edits.ASTCodeUpgrader.process_file

def guarded(self, in_filename, *args, **kwargs):
    try:
        return process_file(self, in_filename, *args, **kwargs)
    except Exception as error:
        print(f"CRASHED\\t{in_filename}\\t{type(error).__name__}", file=sys.stderr)
        return 0, "", [f"{type(error).__name__}: {error}"]

ast_edits.ASTCodeUpgrader.process_file = guarded
sys.argv = ["tf_upgrade_v2", *sys.argv[1:]]
sys.exit(tf_upgrade_v2_main.main())
"""

MIGRATE = "tf1compat-migrate"
UPGRADE = "tf_upgrade_v2 --intree"


def _timed(command):
    """Runs `command`; returns `(wall seconds, CPU seconds of it and its children, stderr)`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1, 3):  # 3: tf1compat-migrate's unparseable files.
        sys.exit(f"{command[:3]} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, completed.stderr


def _count(tree, suffix):
    return sum(name.endswith(suffix) for _, _, names in os.walk(tree) for name in names)


def _spread(values, digits=2):
    values = sorted(values)
    return (f"{statistics.median(values):.{digits}f} "
            f"[{values[0]:.{digits}f}-{values[-1]:.{digits}f}]")


def _source_tree(args, work):
    """Writes or copies the benchmark tree; returns `(path, description lines)`."""
    source = os.path.join(work, "source")
    if args.real:
        shutil.copytree(args.real, source, symlinks=True)
        repos = sum(entry.is_dir() for entry in os.scandir(source))
        return source, [f"real repositories: {repos} in {args.real}"]
    if args.tree == "realistic":
        composition = codemod_trees.generate_realistic_repo(source, args.files)
    else:
        composition = codemod_trees.generate_repo(source, args.files)
    lines = sum(kind_lines for _, kind_lines in composition.values())
    description = [f"{args.tree} TF1 tree: {args.files} files, {lines} lines:"]
    for kind, (kind_files, kind_lines) in composition.items():
        description.append(f"  {kind_files:4d} {kind} ({kind_lines} lines, {kind_lines / lines:.0%})")
    return source, description


def _commands(args, work):
    """`{tool: (tree it works on, command)}`."""
    ours, theirs = os.path.join(work, "ours"), os.path.join(work, "theirs")
    local = os.path.join(os.path.dirname(sys.executable), "tf1compat-migrate")
    migrate = [local] if os.path.exists(local) else [sys.executable, "-m", "codemods"]
    return {
        MIGRATE: (ours, [*migrate, "--quiet", "--jobs", str(args.jobs),
                         "--report", os.path.join(work, "report.json"), ours]),
        UPGRADE: (theirs, [sys.executable, "-c", UPGRADE_DRIVER, "--intree", theirs,
                           "--inplace", "--reportfile", os.path.join(work, "upgrade.txt")]),
    }


def _run_rounds(source, commands, repeat):
    """Alternates the tools over `repeat` rounds; returns `({tool: [(wall, cpu)]}, crashes)`."""
    runs, crashes = collections.defaultdict(list), []
    for round_ in range(repeat):
        order = list(commands) if round_ % 2 == 0 else list(commands)[::-1]
        for name in order:
            tree, command = commands[name]
            shutil.rmtree(tree, ignore_errors=True)
            shutil.copytree(source, tree, symlinks=True)
            wall, cpu, stderr = _timed(command)
            runs[name].append((wall, cpu))
            if name == UPGRADE:
                crashes = [line.split("\t")[1:] for line in stderr.splitlines()
                           if line.startswith("CRASHED\t")]
    return runs, crashes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", choices=("realistic", "synthetic"), default="realistic")
    parser.add_argument("--files", type=int, default=300, help="files of a generated tree")
    parser.add_argument("--real", metavar="DIR", help="benchmark on a copy of these repositories")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--repeat", type=int, default=5, help="rounds (medians reported)")
    parser.add_argument("--profile", action="store_true", help="also profile the phases")
    parser.add_argument("--keep", help="also leave the trees and reports in this directory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        source, description = _source_tree(args, work)
        python_files, notebooks = _count(source, ".py"), _count(source, ".ipynb")
        commands = _commands(args, work)
        runs, crashes = _run_rounds(source, commands, args.repeat)
        with open(os.path.join(work, "report.json")) as file:
            summary = json.load(file)["summary"]
        profile = None
        if args.profile:
            tree = os.path.join(work, "profiled")
            shutil.copytree(source, tree, symlinks=True)
            profile = codemod_profile.profile_tree(tree)
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    print(*description, sep="\n")
    print(f"{python_files} .py files, {notebooks} notebooks; tf1compat-migrate changed "
          f"{summary['changed']}, {summary['manual_review']} findings, {summary['failed']} failed")
    print(f"tf_upgrade_v2 crashed on {len(crashes)} files (caught, it went on):")
    for path, error in crashes:
        print(f"  {os.path.relpath(path, commands[UPGRADE][0])}: {error}")
    print(f"{args.repeat} interleaved rounds, median [min-max]; whole command, start-up included;"
          f" files/s over the {python_files} .py files:")
    for name, measured in runs.items():
        label = f"{name} --jobs {args.jobs}" if name == MIGRATE else name
        walls = [wall for wall, _ in measured]
        print(f"  {label:26s} wall {_spread(walls)} s  "
              f"{_spread([python_files / wall for wall in walls], 0)} files/s  "
              f"CPU {_spread([cpu for _, cpu in measured])} s")
    pairs = list(zip(runs[UPGRADE], runs[MIGRATE]))
    print(f"speed-up (tf_upgrade_v2 / tf1compat-migrate, per round): "
          f"files/s {_spread([theirs[0] / ours[0] for theirs, ours in pairs], 1)}x, "
          f"per CPU second {_spread([theirs[1] / ours[1] for theirs, ours in pairs], 1)}x")
    if profile is not None:
        codemod_profile.print_profile(*profile, codemod_profile.start_up_cpu())


if __name__ == "__main__":
    main()
