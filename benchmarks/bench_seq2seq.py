"""Greedy and beam-search decoding: tf1compat against the real TensorFlow 1.15, in one run.

The same TF 1.x program (`programs/nmt_decode.py`: a Luong-attention LSTM decoder, batch 32,
vocabulary 1000, 128 units, 20 steps, beam width 4) runs unchanged on TF 1.15 and, migrated
by `tf1compat-migrate` and `tf_upgrade_v2`, on tf1compat in graph mode. Rounds alternate the
two processes; each process reports the median of its timed `session.run`s. Prints the
medians over rounds with their min-max and the ratio tf1compat / TF 1.15.

    bash tests/tf115/build_oracle.sh
    python benchmarks/bench_seq2seq.py [--rounds 7] [--repeats 20]
"""

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = pathlib.Path(sys.executable).parent


def migrated_copy(work):
    source = work / "source"
    source.mkdir()
    shutil.copy(HERE / "programs" / "nmt_decode.py", source)
    subprocess.run([BIN / "tf1compat-migrate", "--quiet", source], check=True)
    subprocess.run([BIN / "tf_upgrade_v2", "--intree", source, "--outtree", work / "migrated",
                    "--reportfile", work / "report.txt"], check=True, capture_output=True)
    return work / "migrated" / "nmt_decode.py"


def timed(python, program, out, repeats):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    subprocess.run([str(python), str(program), str(out), "-", str(repeats)], check=True,
                   capture_output=True, env=env)
    return json.loads(out.read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--oracle-python", default=str(ROOT / ".oracle" / "tf115" / "bin" / "python"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        sides = {"TF 1.15": (args.oracle_python, HERE / "programs" / "nmt_decode.py"),
                 "tf1compat": (sys.executable, migrated_copy(work))}
        runs = {side: [] for side in sides}
        for round_ in range(args.rounds):
            for side, (python, program) in sides.items():
                runs[side].append(timed(python, program, work / "out.json", args.repeats))
            print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    print(f"{'decode':<8}{'TF 1.15 ms':>24}{'tf1compat ms':>24}{'ratio':>22}")
    for task in ("greedy", "beam"):
        cells = []
        for side in sides:
            values = [run[task] * 1e3 for run in runs[side]]
            cells.append(f"{statistics.median(values):7.2f} [{min(values):.2f}-{max(values):.2f}]")
        ratios = [ours[task] / theirs[task] for ours, theirs in zip(runs["tf1compat"], runs["TF 1.15"])]
        cells.append(f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
        print(f"{task:<8}" + "".join(f"{c:>24}" for c in cells))


if __name__ == "__main__":
    main()
