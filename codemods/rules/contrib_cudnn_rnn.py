"""`contrib-cudnn-rnn`: `tf.contrib.cudnn_rnn.X` and its imports move to
`tf1compat.contrib.cudnn_rnn`.

The rule holds its own table: the module paths real code imports `tf.contrib.cudnn_rnn` by,
and the names tf1compat provides (every public name of TF 1.15's module). The ops module
(`python.ops.cudnn_rnn_ops`) also held TF1's low-level cuDNN classes under the layers'
names (`CudnnLSTM(num_layers, num_units, input_size)` called on an opaque buffer), which
tf1compat does not provide: from that path only the names the two modules share move.
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

SHARED_WITH_OPS = frozenset({
    "CudnnCompatibleLSTMCell", "CudnnCompatibleGRUCell",
    "CudnnLSTMSaveable", "CudnnGRUSaveable", "CudnnRNNTanhSaveable", "CudnnRNNReluSaveable",
    "CudnnParamsFormatConverterLSTM", "CudnnParamsFormatConverterGRU",
    "CudnnParamsFormatConverterTanh", "CudnnParamsFormatConverterRelu",
})

CONTRIB_CUDNN_RNN = SHARED_WITH_OPS | {"CudnnLSTM", "CudnnGRU", "CudnnRNNTanh", "CudnnRNNRelu"}

TARGET = "tf1compat.contrib.cudnn_rnn"

CONTRIB_CUDNN_RNN_MOVE = ModuleMove(
    sources=("tensorflow.contrib.cudnn_rnn", "tensorflow.contrib.cudnn_rnn.python.layers",
             "tensorflow.contrib.cudnn_rnn.python.layers.cudnn_rnn"),
    target=TARGET,
    names=CONTRIB_CUDNN_RNN,
    whole_module=True,
)

CUDNN_RNN_OPS_MOVE = ModuleMove(
    sources=("tensorflow.contrib.cudnn_rnn.python.ops.cudnn_rnn_ops",),
    target=TARGET,
    names=SHARED_WITH_OPS,
    whole_module=True,
)

RULE = SymbolMoveRule(
    name="contrib-cudnn-rnn",
    summary="tf.contrib.cudnn_rnn (CudnnLSTM/GRU/RNNTanh/RNNRelu layers, compatible cells, "
    "saveables, format converters) -> tf1compat.contrib.cudnn_rnn",
    moves=(CONTRIB_CUDNN_RNN_MOVE, CUDNN_RNN_OPS_MOVE),
    markers=(("tensorflow",), ("cudnn_rnn",)),
)
