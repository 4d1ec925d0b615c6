"""`tf1compat.nn`: TF1's `tf.nn` recurrent drivers and the `rnn_cell` module."""

from tf1compat.nn import rnn_cell
from tf1compat.nn.bidirectional import bidirectional_dynamic_rnn, static_bidirectional_rnn
from tf1compat.nn.rnn import dynamic_rnn, raw_rnn
from tf1compat.nn.static_rnn import static_rnn, static_state_saving_rnn

__all__ = ["dynamic_rnn", "raw_rnn", "bidirectional_dynamic_rnn", "static_rnn",
           "static_bidirectional_rnn", "static_state_saving_rnn", "rnn_cell"]
