"""`contrib-layers`: `tf.contrib.layers.fully_connected` moves to `tf1compat.contrib.layers`;
other `tf.contrib.layers` names are left alone."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import CONTRIB_LAYERS_MOVE

RULE = SymbolMoveRule(
    name="contrib-layers",
    summary="tf.contrib.layers.fully_connected -> tf1compat.contrib.layers.fully_connected",
    moves=(CONTRIB_LAYERS_MOVE,),
    markers=(("tensorflow",), ("fully_connected",)),
)
