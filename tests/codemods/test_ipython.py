"""IPython syntax is found as IPython finds it (logical lines, cell magics) and put back exactly."""

import ast
import itertools
import re

import pytest

from codemods import ipython


def _mask(source):
    return ipython.mask_cell(source, itertools.count())


@pytest.mark.parametrize(
    "source, masked",
    [
        ("%matplotlib inline\n", "__tf1compat_ipython_0__()\n"),
        ("!pip install tensorflow==1.15\n", "__tf1compat_ipython_0__()\n"),
        ("!!ls\n", "__tf1compat_ipython_0__()\n"),
        ("files = !ls -la\n", "files = __tf1compat_ipython_0__()\n"),
        ("t = %timeit -o f(x)\n", "t = __tf1compat_ipython_0__()\n"),
        ("tf.nn.dynamic_rnn?\n", "__tf1compat_ipython_0__()\n"),
        ("tf.nn.dynamic_rnn??\n", "__tf1compat_ipython_0__()\n"),
        ("?tf.nn\n", "__tf1compat_ipython_0__()\n"),
        ("%time?\n", "__tf1compat_ipython_0__()\n"),
        (",f a b\n/f a\n;f a b\n", "__tf1compat_ipython_0__()\n__tf1compat_ipython_1__()\n__tf1compat_ipython_2__()\n"),
        ("!pip install \\\n    tensorflow\nx = 1\n", "__tf1compat_ipython_0__(\n)\nx = 1\n"),
        ("if x:\n    %time f()\n", "if x:\n    __tf1compat_ipython_0__()\n"),
        ("from __future__ import division\n", "__tf1compat_ipython_0__()\n"),
        ("%%time\nx = 1\n", "__tf1compat_ipython_0__()\nx = 1\n"),
        ("\n%%capture out\n!ls\n", "\n__tf1compat_ipython_0__()\n__tf1compat_ipython_1__()\n"),
        ("%%timeit -n 3\nf()", "__tf1compat_ipython_0__()\nf()"),
        ("%ls\r\nx = 1\r\n", "__tf1compat_ipython_0__()\r\nx = 1\r\n"),
    ],
)
def test_ipython_syntax_is_masked_and_put_back(source, masked):
    cell = _mask(source)
    assert cell.code == masked
    ast.parse(cell.code)
    assert cell.unmask(cell.code) == source


@pytest.mark.parametrize(
    "source",
    [
        "ok = (a\n      != b)\n",
        "x = a if b else c  # why?\n",
        "s = '''\n!not a command\n%nor this?\n'''\n",
        "d = {'a': 1,\n     'b': 2}  # %\n",
        "y = x % 2\nz = (x\n     % 3)\n",
        "print('really?')\n",
        "w = x != y\n",
    ],
)
def test_python_is_not_mistaken_for_ipython(source):
    assert _mask(source) == ipython.MaskedCell(source, [])


@pytest.mark.parametrize("magic", ["bash", "writefile model.py", "html", "javascript", "sh", "script python3"])
def test_cell_magics_whose_body_is_not_python(magic):
    with pytest.raises(ipython.NotPythonError, match=f"cell magic %%{magic.split()[0]}: not Python") as error:
        _mask(f"\n%%{magic}\nimport tensorflow as tf\n")
    assert error.value.line == 2


def test_unmask_refuses_a_changed_placeholder():
    cell = _mask("%ls\nx = 1\n")
    with pytest.raises(ValueError, match="exactly once. Received: 0 times"):
        cell.unmask("x = 1\n")


def test_numbers_are_shared_across_cells():
    numbers = itertools.count()
    assert ipython.mask_cell("%ls\n", numbers).code == "__tf1compat_ipython_0__()\n"
    assert ipython.mask_cell("%ls\n", numbers).code == "__tf1compat_ipython_1__()\n"


def test_cells_without_ipython_text_are_not_tokenized(monkeypatch):
    pieces = ["x = 1", "%time f()", "  !ls", "y = x % 2", "a != b", "s = '?'", "\f%pwd", ",f a",
              "z = \\\n  !ls", "q = %who_ls", "from __future__ import division", "w = (1 ==\n 2)",
              "def f():\n    return 3 / 2", "%%time", "t = a if b else c"]
    cells = ["\n".join(pair) + "\n" for pair in itertools.permutations(pieces, 2)]
    fast = [_mask(cell) for cell in cells]
    monkeypatch.setattr(ipython, "_MAYBE_IPYTHON", re.compile(""))
    assert fast == [_mask(cell) for cell in cells]
    assert sum(not cell.masks for cell in fast) > 20
