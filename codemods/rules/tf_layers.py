"""`tf-layers`: `tf.layers.dense`, `tf.layers.Dense` and `tf.layers.dropout` move to
`tf1compat.layers`; other `tf.layers` names are left to `tf_upgrade_v2`."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import LAYERS_MOVE

RULE = SymbolMoveRule(
    name="tf-layers",
    summary="tf.layers.dense / Dense / dropout -> tf1compat.layers",
    moves=(LAYERS_MOVE,),
    markers=(("tensorflow",), ("layers",)),
)
