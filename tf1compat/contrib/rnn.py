"""`tf1compat.contrib.rnn`: the names of TF1's `tf.contrib.rnn` module that tf1compat provides."""

from tf1compat.cells import (BasicLSTMCell, BasicRNNCell, DeviceWrapper, DropoutWrapper,
                             GRUBlockCell, GRUBlockCellV2, GRUCell, LayerNormBasicLSTMCell,
                             LSTMBlockCell, LSTMCell, LSTMStateTuple, MultiRNNCell,
                             ResidualWrapper, RNNCell)
from tf1compat.cells.base import LayerRNNCell
from tf1compat.cells.contrib_wrappers import AttentionCellWrapper, CompiledWrapper, HighwayWrapper
from tf1compat.cells.conv_lstm import Conv1DLSTMCell, Conv2DLSTMCell, Conv3DLSTMCell, ConvLSTMCell
from tf1compat.cells.coupled_lstm import CoupledInputForgetGateLSTMCell
from tf1compat.cells.fused import (FusedRNNCell, FusedRNNCellAdaptor, LSTMBlockFusedCell,
                                   LSTMBlockWrapper, TimeReversedFusedRNN)
from tf1compat.cells.glstm import GLSTMCell
from tf1compat.cells.grid_lstm import BidirectionalGridLSTMCell, GridLSTMCell
from tf1compat.cells.independent import IndRNNCell, IndyGRUCell, IndyLSTMCell, SRUCell
from tf1compat.cells.nas import NASCell
from tf1compat.cells.phased_lstm import PhasedLSTMCell
from tf1compat.cells.projection_wrappers import (EmbeddingWrapper, InputProjectionWrapper,
                                                 OutputProjectionWrapper)
from tf1compat.cells.time_freq_lstm import TimeFreqLSTMCell
from tf1compat.cells.ugrnn import IntersectionRNNCell, UGRNNCell
from tf1compat.nn.batch_time import best_effort_input_batch_size, transpose_batch_time
from tf1compat.nn.bidirectional import static_bidirectional_rnn
from tf1compat.nn.stack_bidirectional import (stack_bidirectional_dynamic_rnn,
                                              stack_bidirectional_rnn)
from tf1compat.nn.static_rnn import static_rnn, static_state_saving_rnn

__all__ = ["RNNCell", "LSTMStateTuple", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
           "MultiRNNCell", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "static_rnn",
           "static_bidirectional_rnn", "static_state_saving_rnn", "stack_bidirectional_dynamic_rnn",
           "stack_bidirectional_rnn", "LSTMBlockCell", "GRUBlockCell", "GRUBlockCellV2",
           "LayerNormBasicLSTMCell", "EmbeddingWrapper", "InputProjectionWrapper",
           "OutputProjectionWrapper", "LayerRNNCell", "NASCell", "UGRNNCell",
           "IntersectionRNNCell", "CoupledInputForgetGateLSTMCell", "IndRNNCell", "IndyGRUCell",
           "IndyLSTMCell", "SRUCell", "GLSTMCell", "PhasedLSTMCell", "GridLSTMCell",
           "BidirectionalGridLSTMCell", "TimeFreqLSTMCell", "ConvLSTMCell", "Conv1DLSTMCell",
           "Conv2DLSTMCell", "Conv3DLSTMCell", "HighwayWrapper", "AttentionCellWrapper",
           "CompiledWrapper", "FusedRNNCell", "FusedRNNCellAdaptor", "TimeReversedFusedRNN",
           "LSTMBlockWrapper", "LSTMBlockFusedCell", "best_effort_input_batch_size",
           "transpose_batch_time"]
