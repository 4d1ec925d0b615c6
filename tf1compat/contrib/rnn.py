"""`tf1compat.contrib.rnn`: the names of TF1's `tf.contrib.rnn` module that tf1compat provides."""

from tf1compat.cells import (BasicLSTMCell, BasicRNNCell, DeviceWrapper, DropoutWrapper,
                             GRUBlockCell, GRUBlockCellV2, GRUCell, LayerNormBasicLSTMCell,
                             LSTMBlockCell, LSTMCell, LSTMStateTuple, MultiRNNCell,
                             ResidualWrapper, RNNCell)
from tf1compat.cells.projection_wrappers import (EmbeddingWrapper, InputProjectionWrapper,
                                                 OutputProjectionWrapper)
from tf1compat.nn.bidirectional import static_bidirectional_rnn
from tf1compat.nn.stack_bidirectional import (stack_bidirectional_dynamic_rnn,
                                              stack_bidirectional_rnn)
from tf1compat.nn.static_rnn import static_rnn, static_state_saving_rnn

__all__ = ["RNNCell", "LSTMStateTuple", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
           "MultiRNNCell", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "static_rnn",
           "static_bidirectional_rnn", "static_state_saving_rnn", "stack_bidirectional_dynamic_rnn",
           "stack_bidirectional_rnn", "LSTMBlockCell", "GRUBlockCell", "GRUBlockCellV2",
           "LayerNormBasicLSTMCell", "EmbeddingWrapper", "InputProjectionWrapper",
           "OutputProjectionWrapper"]
