"""tf1compat: the TF1 recurrent API (`dynamic_rnn`, `raw_rnn`, `rnn_cell`, `contrib.rnn`)
with TF1's exact semantics, on TensorFlow 2.16+ and Keras 3.

Migrating is an import swap: `tf.nn.dynamic_rnn` -> `tf1compat.nn.dynamic_rnn`,
`tf.contrib.rnn.BasicLSTMCell` -> `tf1compat.contrib.rnn.BasicLSTMCell`,
`tf.layers.dense` -> `tf1compat.layers.dense`.
"""

from tf1compat import checkpoints, contrib, convert, layers, nn

__version__ = "0.1.0"
__all__ = ["nn", "contrib", "layers", "checkpoints", "convert"]
