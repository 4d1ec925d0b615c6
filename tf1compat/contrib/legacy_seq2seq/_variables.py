"""Where the legacy functions' variables live: in the TF1 graph, or eagerly on the cell passed in.

TF1's legacy functions build a graph once: each call creates its variables
(`get_variable`) and its wrapper cells anew, and a `Saver` finds them by name. Eagerly and
inside `tf.function`, a function called at every training step must instead find the
variables of its first call again. There the outermost legacy call makes its `cell` the
*home* of everything it creates: variables made with `get_variable` (the embeddings,
attention weights) are stored on the home by TF1 name, and the cells the function builds
around it (the encoder's copy, `EmbeddingWrapper`, `OutputProjectionWrapper`) are kept per
variable scope and role and reused by later calls. Their variables are then listed by the
home: `cell.tf1_variable_names`, `cell.trainable_weights`, and so
`tf1compat.checkpoints.restore_tf1_variables(cell, path)` loads a TF1 checkpoint.
"""

import contextlib
import functools
import weakref

import keras
import tensorflow as tf

from tf1compat.cells.base import RNNCell, _stored_variable
from tf1compat.tf1_layer import in_graph_mode

_HOME = []  # the home cell of the legacy call running eagerly, if any
_PARTS = weakref.WeakKeyDictionary()  # home cell -> {(variable scope, role): cell}


@contextlib.contextmanager
def variables_on(cell, argument="cell"):
    """Runs a legacy function whose variables live on `cell` eagerly (see the module doc).

    In a TF1 graph, and inside another legacy call, it does nothing.

    Raises:
        TypeError: eagerly or in `tf.function`, `cell` is not a tf1compat `RNNCell`.
    """
    if in_graph_mode() or _HOME:
        yield
        return
    if not isinstance(cell, RNNCell):
        raise TypeError(
            f"Eagerly and in tf.function, the legacy seq2seq functions keep their variables on "
            f"`{argument}`, which must be a tf1compat RNNCell (a Keras cell works in a TF1 graph "
            f"only). Received: {argument}={cell!r}")
    _HOME.append(cell)
    try:
        with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(),
                                         custom_getter=functools.partial(_stored_on_home, cell)):
            yield
    finally:
        _HOME.pop()
        _list_part_variables(cell)


def part(role, make):
    """The cell `make()` returns: a new one in a graph (as TF1), the first one eagerly.

    Args:
        role: What the cell is for (`"encoder"`, `"decoder"`), unique within a variable scope.
        make: Builds the cell.
    """
    if not _HOME:
        return make()
    parts = _PARTS.setdefault(_HOME[-1], {})
    key = (tf.compat.v1.get_variable_scope().name, role)
    if key not in parts:
        parts[key] = make()
    return parts[key]


def _stored_on_home(home, getter, name, *args, **kwargs):
    # TF1's `reuse` flags only say which names must exist already: the home holds them all.
    kwargs["reuse"] = None
    return _stored_variable(home, getter, name, *args, **kwargs)


def _list_part_variables(home):
    """Lists the variables of the home's parts on the home, under their TF1 names.

    A part's Keras weight is listed as the `tf.Variable` it holds (Keras lets a built
    layer take no new Keras weights); both are the same storage.
    """
    names = home.tf1_variable_names
    for cell in _PARTS.get(home, {}).values():
        for name, variable in cell.tf1_variable_names.items():
            if name not in names:
                names[name] = variable
                home.record_tf1_variable(
                    name, variable.value if isinstance(variable, keras.Variable) else variable)
