"""`tf1compat.layers`: TF1's `tf.layers`, with TF1's variable names and numbers.

On Keras 3 every `tf.compat.v1.layers.*` raises; these re-implement them, as classes
(`Conv2D`, `BatchNormalization`, ...: create once, call in any mode) and TF1's functional
forms (`conv2d`, `batch_normalization`, ...: a new layer per call, in a TF1 graph for those
with variables). Variables are TF1's (`conv2d/kernel`, `batch_normalization/moving_mean`,
uniquified `conv2d_1/...`), created as described in `TF1Layer`, so `Saver` checkpoints
written by TF1 restore.
"""

from tf1compat.layers.convolutional import (Conv1D, Conv2D, Conv3D, SeparableConv1D,
                                            SeparableConv2D, conv1d, conv2d, conv3d,
                                            separable_conv1d, separable_conv2d)
from tf1compat.layers.convolutional_transpose import (Conv2DTranspose, Conv3DTranspose,
                                                      conv2d_transpose, conv3d_transpose)
from tf1compat.layers.core import Dense, Dropout, Flatten, dense, dropout, flatten
from tf1compat.layers.normalization import BatchNormalization, batch_normalization
from tf1compat.layers.pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D,
                                      MaxPooling1D, MaxPooling2D, MaxPooling3D,
                                      average_pooling1d, average_pooling2d, average_pooling3d,
                                      max_pooling1d, max_pooling2d, max_pooling3d)

__all__ = [
    "Dense", "dense", "Dropout", "dropout", "Flatten", "flatten",
    "Conv1D", "Conv2D", "Conv3D", "conv1d", "conv2d", "conv3d",
    "SeparableConv1D", "SeparableConv2D", "separable_conv1d", "separable_conv2d",
    "Conv2DTranspose", "Conv3DTranspose", "conv2d_transpose", "conv3d_transpose",
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "max_pooling1d", "max_pooling2d",
    "max_pooling3d", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "average_pooling1d", "average_pooling2d", "average_pooling3d",
    "BatchNormalization", "batch_normalization",
]
