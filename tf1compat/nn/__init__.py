"""`tf1compat.nn`: TF1's `tf.nn` recurrent drivers and the `rnn_cell` module."""

from tf1compat.nn import rnn_cell
from tf1compat.nn.rnn import dynamic_rnn, raw_rnn

__all__ = ["dynamic_rnn", "raw_rnn", "rnn_cell"]
