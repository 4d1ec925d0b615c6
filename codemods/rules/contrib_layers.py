"""`contrib-layers`: `tf.contrib.layers.fully_connected` moves to `tf1compat.contrib.layers`;
other `tf.contrib.layers` names are reported as unsupported (TF 2 removed `tf.contrib`)."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import CONTRIB_LAYERS_MOVE

RULE = SymbolMoveRule(
    name="contrib-layers",
    summary="tf.contrib.layers.fully_connected -> tf1compat.contrib.layers.fully_connected; "
    "reports the other tf.contrib.layers names",
    moves=(CONTRIB_LAYERS_MOVE,),
    markers=(("tensorflow",), ("layers",)),
)
