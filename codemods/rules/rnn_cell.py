"""`rnn-cell`: `tf.nn.rnn_cell.X` (also `tf.compat.v1.` and `tensorflow.python.ops` spellings)
moves to `tf1compat.nn.rnn_cell`."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import RNN_CELL_MOVE

RULE = SymbolMoveRule(
    name="rnn-cell",
    summary="tf.nn.rnn_cell / tf.compat.v1.nn.rnn_cell cells -> tf1compat.nn.rnn_cell",
    moves=(RNN_CELL_MOVE,),
    markers=(("tensorflow",), ("rnn_cell",)),
)
