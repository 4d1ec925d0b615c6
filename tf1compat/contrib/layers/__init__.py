"""`tf1compat.contrib.layers`: the layer parts of TF1's `tf.contrib.layers`.

contrib's functions with contrib's defaults and names (`fully_connected/weights`,
`Conv/biases`, `BatchNorm/moving_mean`, `LayerNorm/gamma`, `EmbedSequence/embeddings`):
those with variables work in a TF1 graph, as in TF1; use `tf1compat.layers` classes in
eager code. Also contrib's initializers, regularizers and `optimize_loss`.
"""

from tf1compat.contrib.layers.core import (conv1d, conv2d, conv3d, convolution, convolution1d,
                                           convolution2d, convolution3d, dropout, flatten,
                                           fully_connected)
from tf1compat.contrib.layers.encoders import embed_sequence
from tf1compat.contrib.layers.initializers import (variance_scaling_initializer,
                                                   xavier_initializer, xavier_initializer_conv2d)
from tf1compat.contrib.layers.normalization import batch_norm, layer_norm
from tf1compat.contrib.layers.optimizers import (OPTIMIZER_CLS_NAMES, OPTIMIZER_SUMMARIES,
                                                 optimize_loss)
from tf1compat.contrib.layers.regularizers import l1_regularizer, l2_regularizer

__all__ = [
    "fully_connected", "convolution", "convolution1d", "convolution2d", "convolution3d",
    "conv1d", "conv2d", "conv3d", "dropout", "flatten", "batch_norm", "layer_norm",
    "embed_sequence", "xavier_initializer", "xavier_initializer_conv2d",
    "variance_scaling_initializer", "l1_regularizer", "l2_regularizer", "optimize_loss",
    "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES",
]
