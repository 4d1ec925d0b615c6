"""`tf-layers`: `tf.layers` (dense, convolutions, pooling, batch normalization, dropout,
flatten) moves to `tf1compat.layers`; other `tf.layers` names are left to `tf_upgrade_v2`.

The rule holds its own table: the module paths real code imports `tf.layers` by, and the
names tf1compat provides.
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

LAYERS = frozenset({
    "Dense", "dense", "Dropout", "dropout", "Flatten", "flatten",
    "Conv1D", "Conv2D", "Conv3D", "conv1d", "conv2d", "conv3d",
    "SeparableConv1D", "SeparableConv2D", "separable_conv1d", "separable_conv2d",
    "Conv2DTranspose", "Conv3DTranspose", "conv2d_transpose", "conv3d_transpose",
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "max_pooling1d", "max_pooling2d",
    "max_pooling3d", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "average_pooling1d", "average_pooling2d", "average_pooling3d",
    "BatchNormalization", "batch_normalization",
})

LAYERS_MOVE = ModuleMove(
    sources=("tensorflow.layers",) + tuple(
        f"tensorflow.python.layers.{module}"
        for module in ("core", "convolutional", "pooling", "normalization")),
    target="tf1compat.layers",
    names=LAYERS,
    whole_module=False,
)

RULE = SymbolMoveRule(
    name="tf-layers",
    summary="tf.layers dense / conv* / pooling / batch_normalization / dropout / flatten "
    "-> tf1compat.layers",
    moves=(LAYERS_MOVE,),
    markers=(("tensorflow",), ("layers",)),
)
