"""`legacy-seq2seq`: `tf.contrib.legacy_seq2seq.X` and its imports move to
`tf1compat.contrib.legacy_seq2seq`.

The rule holds its own table: the module paths real code imports `tf.contrib.legacy_seq2seq`
by (the package and its one implementation module, `python.ops.seq2seq`), and the names
tf1compat provides (every public name of TF 1.15's module).
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

LEGACY_SEQ2SEQ = frozenset({
    "rnn_decoder", "basic_rnn_seq2seq", "tied_rnn_seq2seq",
    "embedding_rnn_decoder", "embedding_rnn_seq2seq", "embedding_tied_rnn_seq2seq",
    "attention_decoder", "embedding_attention_decoder", "embedding_attention_seq2seq",
    "one2many_rnn_seq2seq", "sequence_loss_by_example", "sequence_loss", "model_with_buckets",
})

LEGACY_SEQ2SEQ_MOVE = ModuleMove(
    sources=("tensorflow.contrib.legacy_seq2seq",
             "tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq"),
    target="tf1compat.contrib.legacy_seq2seq",
    names=LEGACY_SEQ2SEQ,
    whole_module=True,
)

RULE = SymbolMoveRule(
    name="legacy-seq2seq",
    summary="tf.contrib.legacy_seq2seq (seq2seq models, attention decoders, buckets, losses) -> "
    "tf1compat.contrib.legacy_seq2seq",
    moves=(LEGACY_SEQ2SEQ_MOVE,),
    markers=(("tensorflow",), ("legacy_seq2seq",)),
)
