"""`contrib-rnn`: `tf.contrib.rnn.X` and its imports move to `tf1compat.contrib.rnn`."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import CONTRIB_RNN_MOVE

RULE = SymbolMoveRule(
    name="contrib-rnn",
    summary="tf.contrib.rnn cells and drivers -> tf1compat.contrib.rnn; reports names tf1compat lacks",
    moves=(CONTRIB_RNN_MOVE,),
    markers=(("tensorflow",), ("rnn",)),
)
