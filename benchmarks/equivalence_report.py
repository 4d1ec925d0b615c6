"""Max absolute difference between tf1compat and the TF1 oracle over the dynamic_rnn matrix.

Runs every cell case of tests/equivalence/harness.py x {batch-major, time-major} x
{graph, eager, tf.function} (outputs, final states, gradients w.r.t. inputs and every
variable) and prints the largest difference per case and overall.

    python benchmarks/equivalence_report.py
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "equivalence"))

import harness  # noqa: E402


def main():
    inputs = harness.random_inputs()
    overall, compared = 0.0, 0
    print(f"{'case':<34}{'layout':<13}{'graph':>11}{'eager':>11}{'tf.function':>13}")
    for case in harness.CELL_CASES:
        for time_major in (False, True):
            x = inputs.transpose(1, 0, 2) if time_major else inputs
            program = harness.dynamic_rnn_program(case, time_major)
            oracle = harness.run_graph(program, x, harness.LENGTHS, oracle=True)
            runs = [harness.run_graph(program, x, harness.LENGTHS, oracle=False),
                    harness.run_tf2(program, x, harness.LENGTHS, use_function=False),
                    harness.run_tf2(program, x, harness.LENGTHS, use_function=True)]
            differences = [run.max_difference(oracle) for run in runs]
            compared += sum(len(run.values) + len(run.grads) for run in runs)
            overall = max(overall, *differences)
            layout = "time-major" if time_major else "batch-major"
            print(f"{case.name:<34}{layout:<13}" + "".join(f"{d:>11.2e}" for d in differences[:2])
                  + f"{differences[2]:>13.2e}")
    print(f"{compared} tensors compared; max abs difference vs TF1: {overall:.2e}")


if __name__ == "__main__":
    main()
