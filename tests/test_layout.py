"""The test tree itself: pytest's default import mode needs unique basenames."""
import collections
import pathlib


def test_test_module_basenames_are_unique():
    root = pathlib.Path(__file__).parent
    by_name = collections.defaultdict(list)
    for path in root.rglob("test_*.py"):
        by_name[path.name].append(str(path.relative_to(root)))
    assert {n: p for n, p in by_name.items() if len(p) > 1} == {}
