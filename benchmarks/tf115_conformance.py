"""TF 1.15's own RNN tests, run on TF 1.15, on the legacy path and on tf1compat.

Reads the test files from a TensorFlow git directory at tag v1.15.0 (never copied into
this project), and runs each file three ways:

- `tf115`: unchanged, on the real TensorFlow 1.15 (the Python 3.7 oracle venv);
- `legacy`: unchanged, on this venv's TensorFlow under `disable_v2_behavior()`, where
  `tensorflow.python.ops.rnn_cell` still holds TF's frozen Keras 2 legacy cells;
- `tf1compat`: imports rewritten by `tf1compat-migrate` and nothing else, same mode.

Prints, per file, how many tests pass each way, then every test that passes on TF 1.15
but fails on tf1compat, with the first line of its error.

    bash tests/tf115/build_oracle.sh      # the TF 1.15 venv, .oracle/tf115
    python benchmarks/tf115_conformance.py --tf-git-dir /path/to/tensorflow/.git \\
        [--only rnn_test] [--keep DIR]
"""

import argparse
import collections
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEST_FILES = (
    "tensorflow/python/kernel_tests/rnn_test.py",
    "tensorflow/python/kernel_tests/rnn_cell_test.py",
    "tensorflow/contrib/rnn/python/kernel_tests/rnn_test.py",
    "tensorflow/contrib/rnn/python/kernel_tests/lstm_ops_test.py",
    "tensorflow/contrib/rnn/python/kernel_tests/gru_ops_test.py",
)

# Installed before the tests import: modules the 1.15 files import that later TensorFlow
# moved or dropped, and contrib's benchmark helper, which no pip package ever shipped.
CONFTEST = '''
import importlib, importlib.abc, importlib.machinery, itertools, os, sys, types
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf

def _module(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)
    return module

_module("tensorflow.contrib.rnn.python.kernel_tests.benchmarking",
        dict_product=lambda d: [dict(zip(d, v)) for v in itertools.product(*d.values())],
        device=lambda use_gpu=False: tf.device("/gpu:0" if use_gpu else "/cpu:0"),
        seconds_per_run=lambda op, sess, num_runs=50: 0.0)

if not tf.__version__.startswith("1."):
    class _Missing(types.ModuleType):
        """A `tensorflow.contrib` name: importable, failing only where a test calls into it."""
        __path__ = []
        def __getattr__(self, attribute):
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            return _Missing(f"{self.__name__}.{attribute}")
        def __call__(self, *args, **kwargs):
            raise NotImplementedError(f"{self.__name__} does not exist on this TensorFlow")

    class _ContribFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, name, path=None, target=None):
            if name == "tensorflow.contrib" or name.startswith("tensorflow.contrib."):
                return importlib.machinery.ModuleSpec(name, self, is_package=True)
        def create_module(self, spec):
            return _Missing(spec.name)
        def exec_module(self, module):
            pass

    sys.meta_path.insert(0, _ContribFinder())
    _module("tensorflow.python.training.tracking")
    _module("tensorflow.python.training.tracking.util",
            **vars(importlib.import_module("tensorflow.python.checkpoint.checkpoint")))
    _module("tensorflow.python.keras.engine.network",
            Network=importlib.import_module("tensorflow.python.keras.engine.functional").Functional)
    # Functions TF 2.x moved out of the modules 1.15's tests reach them through.
    from tensorflow.python.keras import utils as keras_utils
    from tensorflow.python.keras.utils import np_utils
    from tensorflow.python.ops import array_ops, array_ops_stack, cond, control_flow_ops, while_loop
    array_ops.stack, array_ops.unstack = array_ops_stack.stack, array_ops_stack.unstack
    control_flow_ops.cond, control_flow_ops.while_loop = cond.cond, while_loop.while_loop
    keras_utils.to_categorical = np_utils.to_categorical
    tf.compat.v1.disable_v2_behavior()
'''


def read_sources(git_dir, tag):
    """`{target file name: source}` for each test file at `tag`."""
    sources = {}
    for path in TEST_FILES:
        source = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{tag}:{path}"],
                                check=True, capture_output=True, text=True).stdout
        prefix = "contrib_" if "/contrib/" in path else ""
        sources[f"{prefix}{pathlib.Path(path).name}"] = source
    return sources


def prepare(workdir, sources, migrate):
    workdir.mkdir(parents=True)
    (workdir / "conftest.py").write_text(CONFTEST)
    for name, source in sources.items():
        (workdir / name).write_text(source)
    if migrate:
        subprocess.run([str(pathlib.Path(sys.executable).with_name("tf1compat-migrate")), "-q",
                        str(workdir)], check=True)


def run_pytest(python, workdir, names):
    """Runs pytest over `names` in `workdir`; returns `{test id: (outcome, message)}`."""
    report = workdir / "junit.xml"
    subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                    "--continue-on-collection-errors",
                    f"--junitxml={report}", *names], cwd=workdir, capture_output=True)
    results = {}
    for case in ElementTree.parse(report).iter("testcase"):
        classname = case.get("classname")
        if classname:
            module, test_class = classname.split(".")[0], classname.split(".")[-1]
            test_id = f"{module}::{test_class}::{case.get('name')}"
        else:  # the file did not import: pytest reports one error named after it
            test_id = f"{case.get('name').split('.')[-1]}::<import>"
        outcome, message = "passed", ""
        for tag in ("failure", "error", "skipped"):
            element = case.find(tag)
            if element is not None:
                outcome = "skipped" if tag == "skipped" else "failed"
                message = (element.get("message") or "").strip().splitlines()[:1]
                message = message[0][:200] if message else ""
                break
        results[test_id] = (outcome, message)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf-git-dir", required=True, help="a TensorFlow git dir holding tag v1.15.0")
    parser.add_argument("--tag", default="v1.15.0")
    parser.add_argument("--oracle-python", default=str(ROOT / ".oracle" / "tf115" / "bin" / "python"),
                        help="python of the TF 1.15 venv (default: tests/tf115/build_oracle.sh's)")
    parser.add_argument("--only", help="run only test files whose name contains this")
    parser.add_argument("--keep", type=pathlib.Path, help="work here and keep the files")
    args = parser.parse_args()

    sources = read_sources(args.tf_git_dir, args.tag)
    if args.only:
        sources = {k: v for k, v in sources.items() if args.only in k}
    root = args.keep or pathlib.Path(tempfile.mkdtemp(prefix="tf115-conformance-"))
    if root.exists():
        shutil.rmtree(root)
    setups = {"tf115": (args.oracle_python, False), "legacy": (sys.executable, False),
              "tf1compat": (sys.executable, True)}
    results = {}
    for variant, (python, migrate) in setups.items():
        prepare(root / variant, sources, migrate)
        results[variant] = run_pytest(python, root / variant, list(sources))
        print(f"ran {variant}", file=sys.stderr)

    counts = collections.defaultdict(collections.Counter)
    for variant, by_test in results.items():
        for test_id, (outcome, _) in by_test.items():
            counts[test_id.split("::")[0]][(variant, outcome)] += 1
    print(f"{'file':<28}" + "".join(f"{v:>12}" for v in setups) + "   (passed / collected)")
    for name in sorted(counts):
        cells = []
        for variant in setups:
            total = sum(n for (v, _), n in counts[name].items() if v == variant)
            cells.append(f"{counts[name][(variant, 'passed')]}/{total}")
        print(f"{name:<28}" + "".join(f"{c:>12}" for c in cells))
    print("\nPassing on TF 1.15, not on tf1compat (legacy-path outcome in brackets):")
    for test_id, (outcome, _) in sorted(results["tf115"].items()):
        shim_outcome, message = results["tf1compat"].get(test_id, ("missing", ""))
        if outcome == "passed" and shim_outcome != "passed":
            legacy = results["legacy"].get(test_id, ("missing", ""))[0]
            print(f"  {test_id} [{legacy}]: {shim_outcome}: {message}")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
