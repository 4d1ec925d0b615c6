"""Tests of `codemods.ast_bindings`: the names a module binds, read in one walk."""

import ast

import pytest

from codemods import nesting
from codemods.ast_bindings import Bindings

SOURCE = """\
import tensorflow as tf
import os.path
from tensorflow.keras import layers as L
from . import local
import tensorflow as tf

def build(x, *args, tf1=None, **kw):
    import numpy as np
    global counter
    y = [z for z in x]
    return tf.layers.dense(x, 2), lambda w: w

class Model:
    pass

try:
    pass
except ValueError as error:
    del x
"""


def test_bindings_are_classified():
    bindings = Bindings(ast.parse(SOURCE))
    assert [path for _, path in bindings.imports["tf"]] == ["tensorflow", "tensorflow"]
    assert bindings.imports["os"][0][1] is None and bindings.imports["L"][0][1] == (
        "tensorflow.keras.layers"
    )
    assert bindings.other_imports == {"np", "local"}
    assert {"build", "x", "args", "tf1", "kw", "counter", "y", "z", "w", "Model", "error"} <= (
        bindings.other
    )
    assert bindings.plain_import("tf") is None
    assert bindings.plain_import("tf", repeated=True)[0].lineno == 5
    assert bindings.roots["L"] == {"tensorflow"} and bindings.roots["local"] == {"."}
    assert ("tf", "layers") in bindings.attribute_uses and bindings.loads["tf"] == 1


@pytest.mark.parametrize(
    "source",
    [SOURCE, "x = " + "+".join(["a"] * 300), "x = " + "-" * 200 + "1", "f(" * 40 + ")" * 40,
     "a.b.c[1][2](3)", "pass", ""],
)
def test_depth_is_the_depth_of_the_deepest_node(source):
    tree = ast.parse(source)
    assert Bindings(tree).depth == nesting.deepest_node(tree)[0]
