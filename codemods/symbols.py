"""The TF1 names tf1compat provides: the single table every rule reads.

Each `ModuleMove` says which TensorFlow 1 module paths (as written in real code, after
`tensorflow.compat.v1.` is folded into `tensorflow.`) move to which `tf1compat` module, and
which of their members tf1compat re-implements. A name missing from these tables is never
rewritten: the rules report it for manual review instead.
"""

import dataclasses

RNN_FUNCTIONS = frozenset(
    {
        "dynamic_rnn",
        "raw_rnn",
        "bidirectional_dynamic_rnn",
        "static_rnn",
        "static_bidirectional_rnn",
        "static_state_saving_rnn",
    }
)

RNN_CELLS = frozenset(
    {
        "RNNCell",
        "BasicRNNCell",
        "BasicLSTMCell",
        "LSTMCell",
        "GRUCell",
        "MultiRNNCell",
        "DropoutWrapper",
        "ResidualWrapper",
        "DeviceWrapper",
        "LSTMStateTuple",
    }
)

# `tf.contrib.rnn` exported the static drivers and the core cells, plus these contrib-only names.
CONTRIB_RNN_ONLY = frozenset(
    {
        "stack_bidirectional_dynamic_rnn",
        "stack_bidirectional_rnn",
        "LayerNormBasicLSTMCell",
        "GRUBlockCell",
        "GRUBlockCellV2",
        "LSTMBlockCell",
    }
)

CONTRIB_RNN = (
    RNN_CELLS
    | CONTRIB_RNN_ONLY
    | {"static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn"}
)

LAYERS = frozenset({"dense", "Dense", "dropout"})

CONTRIB_LAYERS = frozenset({"fully_connected"})


@dataclasses.dataclass(frozen=True)
class ModuleMove:
    """TF1 modules whose members move to one tf1compat module.

    Args:
        sources: dotted TensorFlow module paths, e.g. `"tensorflow.contrib.rnn"`.
        target: dotted tf1compat module path the supported members move to.
        names: member names tf1compat provides.
        rnn_specific: True for modules that hold nothing but RNN code (`tf.contrib.rnn`,
            `tf.nn.rnn_cell`). Imports of such a module are swapped as a whole, their other
            members are reported as unsupported and run-time lookups on them
            (`getattr(tf.contrib.rnn, name)`) are reported. False for shared namespaces
            (`tf.nn`, `tf.layers`) whose other members are none of our business.
    """

    sources: tuple
    target: str
    names: frozenset
    rnn_specific: bool


CONTRIB_RNN_MOVE = ModuleMove(
    sources=(
        "tensorflow.contrib.rnn",
        "tensorflow.contrib.rnn.python.ops.core_rnn_cell",
        "tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl",
        "tensorflow.contrib.rnn.python.ops.fused_rnn_cell",
        "tensorflow.contrib.rnn.python.ops.gru_ops",
        "tensorflow.contrib.rnn.python.ops.lstm_ops",
        "tensorflow.contrib.rnn.python.ops.rnn",
        "tensorflow.contrib.rnn.python.ops.rnn_cell",
    ),
    target="tf1compat.contrib.rnn",
    names=CONTRIB_RNN,
    rnn_specific=True,
)

RNN_CELL_MOVE = ModuleMove(
    sources=(
        "tensorflow.nn.rnn_cell",
        "tensorflow.python.ops.rnn_cell",
        "tensorflow.python.ops.rnn_cell_impl",
        "tensorflow.python.keras.layers.legacy_rnn.rnn_cell_impl",
    ),
    target="tf1compat.nn.rnn_cell",
    names=RNN_CELLS,
    rnn_specific=True,
)

RNN_FUNCTIONS_MOVE = ModuleMove(
    sources=("tensorflow.nn",),
    target="tf1compat.nn",
    names=RNN_FUNCTIONS,
    rnn_specific=False,
)

RNN_OPS_MOVE = ModuleMove(
    sources=("tensorflow.python.ops.rnn",),
    target="tf1compat.nn",
    names=RNN_FUNCTIONS,
    rnn_specific=True,
)

LAYERS_MOVE = ModuleMove(
    sources=("tensorflow.layers", "tensorflow.python.layers.core"),
    target="tf1compat.layers",
    names=LAYERS,
    rnn_specific=False,
)

CONTRIB_LAYERS_MOVE = ModuleMove(
    sources=("tensorflow.contrib.layers",),
    target="tf1compat.contrib.layers",
    names=CONTRIB_LAYERS,
    rnn_specific=False,
)

COMPAT_V1_PREFIX = "tensorflow.compat.v1."


def normalize_tensorflow_name(qualified_name):
    """Folds `tensorflow.compat.v1.X` into `tensorflow.X`.

    Args:
        qualified_name: dotted name as resolved from the imports of a file.

    Returns:
        The name with the `compat.v1` segment removed, unchanged otherwise.
    """
    if qualified_name.startswith(COMPAT_V1_PREFIX):
        return "tensorflow." + qualified_name[len(COMPAT_V1_PREFIX) :]
    return qualified_name
