"""tf1compat: the TF1 recurrent API (`dynamic_rnn`, `raw_rnn`, `rnn_cell`, `contrib.rnn`)
with TF1's exact semantics, on TensorFlow 2.16+ and Keras 3.

Migrating is an import swap: `tf.nn.dynamic_rnn` -> `tf1compat.nn.dynamic_rnn`,
`tf.contrib.rnn.BasicLSTMCell` -> `tf1compat.contrib.rnn.BasicLSTMCell`,
`tf.layers.dense` -> `tf1compat.layers.dense`. Or no edit at all: `tf1compat.install()`
(zero-edit mode, `python -m tf1compat run script.py`) points TensorFlow's TF1 names at
tf1compat until `tf1compat.uninstall()`; importing tf1compat alone patches nothing.
"""

from tf1compat import checkpoints, contrib, convert, layers, nn
from tf1compat.install import install, uninstall

__version__ = "0.1.0"
__all__ = ["nn", "contrib", "layers", "checkpoints", "convert", "install", "uninstall"]
