"""Keras configs of TF1 layers: the constructor arguments, each serialized by Keras.

Cells, wrappers and layers are rebuilt from the arguments they were constructed with,
as Keras' `StackedRNNCells` does: nested cells, activations and Keras initializers go
through `keras.saving.serialize_keras_object`. TF1 initializers
(`tf.compat.v1.constant_initializer(0.5)`, ...), which Keras does not know, are stored
by their `tf.compat.v1.initializers` name and their own `get_config()`.
"""

import inspect
import re

import keras
import tensorflow as tf

_TF1_INITIALIZER = "tf1_initializer"
_TF1_INITIALIZERS_MODULE = type(tf.compat.v1.zeros_initializer()).__module__


def constructor_arguments(cls, args, kwargs):
    """`{parameter: value}` of `cls.__init__` for this call, defaults included.

    Returns:
        The arguments, or `None` if they do not fit the signature (`__init__` will
        say why) or the signature takes `*args`.
    """
    signature = inspect.signature(cls.__init__)
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    arguments = dict(bound.arguments)
    arguments.pop(next(iter(signature.parameters)))  # self
    for name, parameter in signature.parameters.items():
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            return None
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            arguments.update(arguments.pop(name))
    return arguments


def serialize(arguments):
    """The constructor `arguments` as a JSON-friendly config."""
    return {name: _serialize_value(value) for name, value in arguments.items()}


def deserialize(config, custom_objects=None):
    """The constructor arguments back from `serialize`'s config."""
    return {name: _deserialize_value(value, custom_objects) for name, value in config.items()}


def _serialize_value(value):
    if type(value).__module__ == _TF1_INITIALIZERS_MODULE:
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(value).__name__).lower()
        return {_TF1_INITIALIZER: name, "config": value.get_config()}
    if isinstance(value, tf.DType):
        return value.name
    if isinstance(value, (list, tuple)):
        return [_serialize_value(v) for v in value]
    return keras.saving.serialize_keras_object(value)


def _deserialize_value(value, custom_objects):
    if not isinstance(value, (dict, list, str, int, float, bool, type(None))):
        return value  # already an object: TF1 configs were completed with cell instances
    if isinstance(value, dict) and _TF1_INITIALIZER in value:
        return getattr(tf.compat.v1.initializers, value[_TF1_INITIALIZER])(**value["config"])
    if isinstance(value, list):
        return [_deserialize_value(v, custom_objects) for v in value]
    return keras.saving.deserialize_keras_object(value, custom_objects=custom_objects)
