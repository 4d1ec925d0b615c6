"""`tf1compat.contrib.rnn`: the names of TF1's `tf.contrib.rnn` module."""

from tf1compat.cells import (BasicLSTMCell, BasicRNNCell, GRUCell, LSTMCell, LSTMStateTuple,
                             MultiRNNCell, RNNCell)

__all__ = ["RNNCell", "LSTMStateTuple", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
           "MultiRNNCell"]
