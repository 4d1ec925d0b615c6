"""TF1 recurrent cells re-implemented on Keras 3 layers, one module per family."""

from tf1compat.cells.base import LSTMStateTuple, RNNCell
from tf1compat.cells.basic_rnn import BasicRNNCell
from tf1compat.cells.gru import GRUBlockCell, GRUBlockCellV2, GRUCell
from tf1compat.cells.layer_norm_lstm import LayerNormBasicLSTMCell
from tf1compat.cells.lstm import BasicLSTMCell, LSTMBlockCell, LSTMCell
from tf1compat.cells.multi import MultiRNNCell
from tf1compat.cells.wrappers import DeviceWrapper, DropoutWrapper, ResidualWrapper

__all__ = ["RNNCell", "LSTMStateTuple", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
           "MultiRNNCell", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "LSTMBlockCell",
           "GRUBlockCell", "GRUBlockCellV2", "LayerNormBasicLSTMCell"]
