"""Every ```python block of README.md and docs/*.md runs, and every docstring example passes.

Blocks of one page run in order in one namespace, like a notebook. A block whose
info string contains `no-run` (legacy TF1 code, shell-only context) is skipped.
"""

import doctest
import importlib
import importlib.util
import pathlib
import pkgutil
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
BLOCK = re.compile(r"^```python([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Every tf1compat module whose docstrings hold examples, found by walking the package.
MODULES = sorted(
    info.name for info in pkgutil.walk_packages([str(ROOT / "tf1compat")], prefix="tf1compat.")
    if ">>>" in importlib.util.find_spec(info.name).loader.get_source(info.name))


def python_blocks(page):
    return [code for info, code in BLOCK.findall(page.read_text()) if "no-run" not in info]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_code_runs(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"docs_{page.stem}"}
    for code in python_blocks(page):
        exec(compile(code, str(page), "exec"), namespace)


def test_modules_with_examples_are_found():
    assert {"tf1compat.nn.rnn", "tf1compat.cells.wrappers", "tf1compat.nn.bidirectional"} <= set(MODULES)


def test_pages_have_code():
    assert sum(len(python_blocks(page)) for page in PAGES) >= 10


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples(module_name):
    import keras
    import numpy as np
    import tensorflow as tf

    import tf1compat
    from tf1compat.nn import rnn_cell

    module = importlib.import_module(module_name)
    globs = {"tf": tf, "np": np, "keras": keras, "tf1compat": tf1compat, **vars(rnn_cell), **vars(module)}
    result = doctest.testmod(module, globs=globs, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
