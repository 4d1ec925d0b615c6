"""TF1's pooling layers: `MaxPooling1D/2D/3D`, `AveragePooling1D/2D/3D` and their
functional forms (`tf.layers.max_pooling2d`, ...).

They have no variables, so the functional forms work in every mode. Average pooling
with `padding="same"` divides by the number of inputs inside the window (padding not
counted), as TF1 did.
"""

import tensorflow as tf

from tf1compat.layers._base import (Layer, from_channels_last, functional_form,
                                    normalize_choice, normalize_data_format, normalize_tuple,
                                    to_channels_last)
from tf1compat.tf1_layer import tf1_snake_case

__all__ = ["MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D",
           "AveragePooling2D", "AveragePooling3D", "max_pooling1d", "max_pooling2d",
           "max_pooling3d", "average_pooling1d", "average_pooling2d", "average_pooling3d"]


class _Pooling(Layer):
    """Pooling over `rank` spatial dimensions with `pool` (`tf.nn.max_pool`/`avg_pool`).

    Args:
        pool_size: int or tuple of `rank` ints, the window size.
        strides: int or tuple of `rank` ints (required, as in TF1).
        padding: `"valid"` or `"same"` (any case).
        data_format: `"channels_last"` (default) or `"channels_first"`.
        name: Optional name.
    """

    rank, pool = None, None

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = normalize_tuple(pool_size, self.rank, "pool_size")
        self.strides = normalize_tuple(strides, self.rank, "strides")
        self.padding = normalize_choice(padding, "padding", ("valid", "same"))
        self.data_format = normalize_data_format(data_format)

    def call(self, inputs):
        inputs = tf.convert_to_tensor(inputs)
        if inputs.shape.rank != self.rank + 2:
            raise ValueError(f"{type(self).__name__} expects inputs of rank {self.rank + 2}. "
                             f"Received: inputs.shape={inputs.shape}")
        outputs = type(self).pool(to_channels_last(inputs, self.data_format), self.pool_size,
                                  self.strides, self.padding.upper())
        return from_channels_last(outputs, self.data_format)


def _example(class_name, rank):
    shape = [2] + [8] * rank + [3]
    out = [2] + [4] * rank + [3]
    return (f">>> tf1compat.layers.{class_name}(2, 2)(tf.ones({shape})).shape\n"
            f"TensorShape({out})")


def _pooling_class(class_name, rank, pool, kind):
    """A `_Pooling` subclass; its docstring names what TF1 called it."""
    doc = (f"TF1's {rank}-D {kind} pooling layer, `tf.layers.{class_name}`.\n\n"
           f"Args: as `_Pooling` (`pool_size`, `strides`, `padding`, `data_format`, `name`), "
           f"tuples of {rank} ints.\n\nExample:\n\n{_example(class_name, rank)}\n")
    return type(class_name, (_Pooling,), {"rank": rank, "pool": staticmethod(pool),
                                          "__doc__": doc, "__module__": __name__})


MaxPooling1D = _pooling_class("MaxPooling1D", 1, tf.nn.max_pool, "max")
MaxPooling2D = _pooling_class("MaxPooling2D", 2, tf.nn.max_pool, "max")
MaxPooling3D = _pooling_class("MaxPooling3D", 3, tf.nn.max_pool, "max")
AveragePooling1D = _pooling_class("AveragePooling1D", 1, tf.nn.avg_pool, "average")
AveragePooling2D = _pooling_class("AveragePooling2D", 2, tf.nn.avg_pool, "average")
AveragePooling3D = _pooling_class("AveragePooling3D", 3, tf.nn.avg_pool, "average")


def _functional(layer_class):
    """TF1's functional form of a pooling class (`max_pooling2d` for `MaxPooling2D`)."""
    name, rank = tf1_snake_case(layer_class.__name__), layer_class.rank
    example = (f">>> tf1compat.layers.{name}(tf.ones({[2] + [8] * rank + [3]}), 2, 2, "
               f"padding='same').shape\nTensorShape({[2] + [4] * rank + [3]})")
    return functional_form(layer_class, name, example)


max_pooling1d = _functional(MaxPooling1D)
max_pooling2d = _functional(MaxPooling2D)
max_pooling3d = _functional(MaxPooling3D)
average_pooling1d = _functional(AveragePooling1D)
average_pooling2d = _functional(AveragePooling2D)
average_pooling3d = _functional(AveragePooling3D)
