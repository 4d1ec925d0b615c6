"""The TF1 names tf1compat provides: the single table every rule reads.

Each `ModuleMove` says which TensorFlow 1 module paths (as written in real code, after
`tensorflow.compat.v1.` is folded into `tensorflow.`) move to which `tf1compat` module, and
which of their members tf1compat re-implements. A name missing from these tables is never
rewritten: the rules report it for manual review instead. A name is looked up under the
longest module path of the active tables, so `CONTRIB_REMOVED_MOVE` (all of `tf.contrib`,
nothing provided) only answers for the `tf.contrib` modules no other table covers: a module
becomes supported as soon as a rule's table lists it.
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
        "EmbeddingWrapper",
        "InputProjectionWrapper",
        "OutputProjectionWrapper",
        "LayerRNNCell",
        "NASCell",
        "UGRNNCell",
        "IntersectionRNNCell",
        "CoupledInputForgetGateLSTMCell",
        "IndRNNCell",
        "IndyGRUCell",
        "IndyLSTMCell",
        "SRUCell",
        "GLSTMCell",
        "PhasedLSTMCell",
        "GridLSTMCell",
        "BidirectionalGridLSTMCell",
        "TimeFreqLSTMCell",
        "ConvLSTMCell",
        "Conv1DLSTMCell",
        "Conv2DLSTMCell",
        "Conv3DLSTMCell",
        "HighwayWrapper",
        "AttentionCellWrapper",
        "CompiledWrapper",
        "FusedRNNCell",
        "FusedRNNCellAdaptor",
        "TimeReversedFusedRNN",
        "LSTMBlockWrapper",
        "LSTMBlockFusedCell",
        "best_effort_input_batch_size",
        "transpose_batch_time",
    }
)

STATIC_RNN_FUNCTIONS = frozenset({"static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn"})

CONTRIB_RNN = RNN_CELLS | CONTRIB_RNN_ONLY | STATIC_RNN_FUNCTIONS


@dataclasses.dataclass(frozen=True)
class ModuleMove:
    """TF1 modules whose members move to one tf1compat module.

    Args:
        sources: dotted TensorFlow module paths, e.g. `"tensorflow.contrib.rnn"`.
        target: dotted tf1compat module path the supported members move to.
        target: dotted tf1compat module path the supported members move to, `None` for
            modules tf1compat does not provide.
        names: member names tf1compat provides.
        whole_module: True for modules that tf1compat replaces as a whole: those holding
            nothing but RNN code (`tf.nn.rnn_cell`) and the `tf.contrib` modules, which TF 2
            removed. Imports of such a module are swapped as a whole, its other members
            are reported as unsupported and run-time lookups on it
            (`getattr(tf.contrib.rnn, name)`) are reported. False for shared namespaces
            (`tf.nn`, `tf.layers`) whose other members are none of our business.
        homes: member -> the tf1compat module a fully qualified rewrite spells it from, for
            members with a home other than `target`.
    """

    sources: tuple
    target: object
    names: frozenset
    whole_module: bool
    homes: dict = dataclasses.field(default_factory=dict, compare=False)

    def spelling(self, member):
        """Returns the fully qualified tf1compat name an attribute spelling of `member` becomes."""
        return f"{self.homes.get(member, self.target)}.{member}"


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
    whole_module=True,
    # The names tf.contrib.rnn re-exported from tf.nn: spelled as tf_upgrade_v2 spells them
    # (`tf.compat.v1.nn.rnn_cell.LSTMCell`), so that either order of the tools gives the same.
    homes={name: "tf1compat.nn.rnn_cell" for name in RNN_CELLS}
    | {name: "tf1compat.nn" for name in STATIC_RNN_FUNCTIONS},
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
    whole_module=True,
)

RNN_FUNCTIONS_MOVE = ModuleMove(
    sources=("tensorflow.nn",),
    target="tf1compat.nn",
    names=RNN_FUNCTIONS,
    whole_module=False,
)

RNN_OPS_MOVE = ModuleMove(
    sources=("tensorflow.python.ops.rnn",),
    target="tf1compat.nn",
    names=RNN_FUNCTIONS,
    whole_module=True,
)

CONTRIB_REMOVED_MOVE = ModuleMove(
    sources=("tensorflow.contrib",),
    target=None,
    names=frozenset(),
    whole_module=True,
)

REMOVED_MODULE = "tensorflow.contrib"

COMPAT_V1_PREFIX = "tensorflow.compat.v1."


def is_removed(name):
    """Whether the dotted TensorFlow `name` lies in `tf.contrib`, which TF 2 removed."""
    return name == REMOVED_MODULE or name.startswith(REMOVED_MODULE + ".")


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
