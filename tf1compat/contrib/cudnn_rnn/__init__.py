"""`tf1compat.contrib.cudnn_rnn`: every public name of TF 1.15's `tf.contrib.cudnn_rnn`, on
any device.

The compatible cells are TF1's, exactly. The layers (`CudnnLSTM`, `CudnnGRU`,
`CudnnRNNTanh`, `CudnnRNNRelu`) keep TF1's opaque variable and checkpoint names and
compute with the compatible cells' math, so TF1 checkpoints written on a GPU (or by the
compatible cells) restore and run on a CPU. The saveables and format converters convert
between the opaque buffer and the canonical weights.
"""

from tf1compat.cells.cudnn_compatible import CudnnCompatibleGRUCell, CudnnCompatibleLSTMCell
from tf1compat.contrib.cudnn_rnn.converters import (CudnnParamsFormatConverterGRU,
                                                    CudnnParamsFormatConverterLSTM,
                                                    CudnnParamsFormatConverterRelu,
                                                    CudnnParamsFormatConverterTanh)
from tf1compat.contrib.cudnn_rnn.layers import CudnnGRU, CudnnLSTM, CudnnRNNRelu, CudnnRNNTanh
from tf1compat.contrib.cudnn_rnn.saveables import (CudnnGRUSaveable, CudnnLSTMSaveable,
                                                   CudnnRNNReluSaveable, CudnnRNNTanhSaveable)

__all__ = ["CudnnCompatibleGRUCell", "CudnnCompatibleLSTMCell", "CudnnGRU", "CudnnLSTM",
           "CudnnRNNRelu", "CudnnRNNTanh", "CudnnLSTMSaveable", "CudnnGRUSaveable",
           "CudnnRNNReluSaveable", "CudnnRNNTanhSaveable", "CudnnParamsFormatConverterLSTM",
           "CudnnParamsFormatConverterGRU", "CudnnParamsFormatConverterTanh",
           "CudnnParamsFormatConverterRelu"]
