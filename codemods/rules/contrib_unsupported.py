"""`contrib-unsupported`: the `tf.contrib` modules no rule migrates are reported.

TF 2 removed `tf.contrib`; the rules migrate `tf.contrib.rnn` (`contrib-rnn`),
`tf.contrib.seq2seq` (`contrib-seq2seq`), `tf.contrib.legacy_seq2seq` (`legacy-seq2seq`) and
`tf.contrib.layers.fully_connected` (`contrib-layers`) onto tf1compat. Every other `tf.contrib` name left in a file
(`tf.contrib.crf.crf_log_likelihood`, `from tensorflow.contrib import learn`,
`import tensorflow.contrib.slim as slim`, ...) is reported with its line as
unsupported, and `--check` fails on it. This rule's table covers `tensorflow.contrib` as a
whole and provides nothing; names are looked up under the longest module path of the active
tables, so a module is supported as soon as a rule handles it.
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import CONTRIB_REMOVED_MOVE

RULE = SymbolMoveRule(
    name="contrib-unsupported",
    summary="reports the tf.contrib modules no rule migrates (crf, slim, learn, ...); "
    "--check fails on them",
    moves=(CONTRIB_REMOVED_MOVE,),
    markers=(("tensorflow",), ("contrib",)),
)
