"""`contrib-layers`: the layer parts of `tf.contrib.layers` (fully_connected, conv2d,
batch_norm, layer_norm, embed_sequence, dropout, flatten, initializers, regularizers,
optimize_loss) move to `tf1compat.contrib.layers`; its other names are reported as
unsupported (TF 2 removed `tf.contrib`).

The rule holds its own table: the module paths real code imports `tf.contrib.layers` by,
and the names tf1compat provides.
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

CONTRIB_LAYERS = frozenset({
    "fully_connected", "convolution", "convolution1d", "convolution2d", "convolution3d",
    "conv1d", "conv2d", "conv3d", "dropout", "flatten", "batch_norm", "layer_norm",
    "embed_sequence", "xavier_initializer", "xavier_initializer_conv2d",
    "variance_scaling_initializer", "l1_regularizer", "l2_regularizer", "optimize_loss",
    "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES",
})

CONTRIB_LAYERS_MOVE = ModuleMove(
    sources=("tensorflow.contrib.layers",) + tuple(
        f"tensorflow.contrib.layers.python.layers{module}"
        for module in ("", ".layers", ".initializers", ".regularizers", ".optimizers",
                       ".encoders")),
    target="tf1compat.contrib.layers",
    names=CONTRIB_LAYERS,
    whole_module=True,
)

RULE = SymbolMoveRule(
    name="contrib-layers",
    summary="tf.contrib.layers fully_connected / conv2d / batch_norm / layer_norm / "
    "embed_sequence / initializers / regularizers / optimize_loss -> "
    "tf1compat.contrib.layers; reports the other tf.contrib.layers names",
    moves=(CONTRIB_LAYERS_MOVE,),
    markers=(("tensorflow",), ("layers",)),
)
