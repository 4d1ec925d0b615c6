"""`rnn-functions`: `tf.nn.dynamic_rnn` and the other TF1 RNN drivers move to `tf1compat.nn`."""

from codemods.rule import SymbolMoveRule
from codemods.symbols import RNN_FUNCTIONS_MOVE, RNN_OPS_MOVE

RULE = SymbolMoveRule(
    name="rnn-functions",
    summary="tf.nn.dynamic_rnn, raw_rnn, bidirectional_dynamic_rnn, static_*rnn -> tf1compat.nn",
    moves=(RNN_FUNCTIONS_MOVE, RNN_OPS_MOVE),
    markers=(("tensorflow",), ("rnn",)),
)
