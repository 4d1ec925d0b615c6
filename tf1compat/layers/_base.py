"""What every `tf1compat.layers` layer shares: TF1's argument checks, the activity
regularizer, data formats, and the functional form (`tf.layers.conv2d`) of a layer class.
"""

import inspect

import tensorflow as tf

from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import TF1Layer, in_graph_mode, require_graph_mode

_DATA_FORMATS = ("channels_last", "channels_first")


class Layer(TF1Layer):
    """A `tf.layers` layer: `TF1Layer` plus TF1's `activity_regularizer`.

    The regularizer applies to the output of every call, divided by the batch size
    (as TF1's Keras did); in a TF1 graph the loss joins
    `tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES`, elsewhere `layer.losses`.
    """

    def __init__(self, activity_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        self._tf1_activity_regularizer = activity_regularizer
        self._activity_losses = []

    def __call__(self, inputs, *args, **kwargs):
        outputs = super().__call__(inputs, *args, **kwargs)
        loss = self._tf1_activity_regularizer and self._tf1_activity_regularizer(outputs)
        if loss is not None:
            loss /= tf.cast(tf.shape(outputs)[0], loss.dtype)
            if in_graph_mode():
                tf.compat.v1.add_to_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES, loss)
            else:
                self._activity_losses[:] = [loss]  # the last call's, as Keras keeps them
        return outputs

    @property
    def losses(self):
        """The weight regularizers' losses and the last call's activity regularization."""
        return super().losses + self._activity_losses


def normalize_tuple(value, rank, argument):
    """An int or a sequence of `rank` ints as a tuple of `rank` ints (`kernel_size=3`).

    Raises:
        ValueError: neither, naming `argument` and the value received.
    """
    values = (value,) * rank if isinstance(value, int) else tuple(value) \
        if isinstance(value, (list, tuple)) else None
    if values is None or len(values) != rank or not all(isinstance(v, int) for v in values):
        raise ValueError(f"`{argument}` must be an int or a tuple of {rank} ints. "
                         f"Received: {argument}={value!r}")
    return values


def normalize_choice(value, argument, choices):
    """`value` lower-cased, checked to be one of `choices` (`padding="SAME"` -> `"same"`).

    Raises:
        ValueError: another value, naming `argument` and the value received.
    """
    lowered = value.lower() if isinstance(value, str) else value
    if lowered not in choices:
        raise ValueError(f"`{argument}` must be one of {', '.join(map(repr, choices))}. "
                         f"Received: {argument}={value!r}")
    return lowered


def normalize_data_format(data_format):
    """`channels_last` or `channels_first` (TF1 accepted any case; `None` is the former)."""
    return normalize_choice(data_format or "channels_last", "data_format", _DATA_FORMATS)


def channels(inputs_shape, data_format, rank, layer):
    """The static channel count of inputs of `rank` spatial dimensions.

    Raises:
        ValueError: another rank or an unknown channel dimension.
    """
    shape = tf.TensorShape(inputs_shape)
    if shape.rank != rank + 2:
        raise ValueError(f"{layer} expects inputs of rank {rank + 2}. Received: "
                         f"inputs.shape={shape}")
    depth = static_dim(shape, 1 if data_format == "channels_first" else -1)
    if depth is None:
        raise ValueError(f"The channel dimension of the inputs to {layer} must be known. "
                         f"Received: inputs.shape={shape}, data_format={data_format!r}")
    return depth


def to_channels_last(inputs, data_format):
    """`inputs` with their channels moved last (TensorFlow's CPU kernels want them there)."""
    if data_format == "channels_last":
        return inputs
    rank = inputs.shape.rank
    return tf.transpose(inputs, [0] + list(range(2, rank)) + [1])


def from_channels_last(outputs, data_format):
    """Undoes `to_channels_last`."""
    if data_format == "channels_last":
        return outputs
    rank = outputs.shape.rank
    return tf.transpose(outputs, [0, rank - 1] + list(range(1, rank - 1)))


def static_training(training):
    """`training` as a Python bool, or `None` for a tensor only known at run time.

    Raises:
        TypeError: neither a bool nor a boolean tensor.
    """
    if isinstance(training, (bool, int)):
        return bool(training)
    if not (tf.is_tensor(training) or isinstance(training, tf.Variable)) \
            or training.dtype != tf.bool:
        raise TypeError("`training` must be a Python bool or a boolean tensor. "
                        f"Received: training={training!r}")
    value = tf.get_static_value(training)
    return None if value is None else bool(value)


def functional_form(layer_class, name, example):
    """TF1's functional form of `layer_class`: `name(inputs, *constructor arguments)`.

    Each call builds a new layer and applies it, as `tf.layers.conv2d` did. A layer with
    variables also takes `reuse`, and needs a TF1 graph: its variables are
    `get_variable`'s, in scope `name` if given (exactly, as TF1), else the layer's
    default name uniquified (`conv2d_1`).

    Args:
        layer_class: The class; its `__init__` parameters become the function's.
        name: The function's name (`conv2d`).
        example: The docstring's example (doctest lines).

    Returns:
        The function.
    """
    parameters = [p for p in inspect.signature(layer_class.__init__).parameters.values()
                  if p.name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD]
    has_variables = layer_class.build is not Layer.build
    extra = [inspect.Parameter("reuse", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)]
    signature = inspect.Signature(
        [inspect.Parameter("inputs", inspect.Parameter.POSITIONAL_OR_KEYWORD), *parameters,
         *(extra if has_variables else [])])
    public = f"tf1compat.layers.{layer_class.__name__}"

    def function(*args, **kwargs):
        arguments = signature.bind(*args, **kwargs).arguments
        inputs = arguments.pop("inputs")
        if not has_variables:
            return layer_class(**arguments)(inputs)
        first = next(iter(arguments.values()), None)  # `units`, `filters`
        require_graph_mode(f"tf1compat.layers.{name}", f"{public}({first!r}, ...)", inputs)
        return layer_class(**arguments)(inputs, scope=arguments.get("name"))

    function.__name__ = function.__qualname__ = name
    function.__module__ = layer_class.__module__
    function.__signature__ = signature
    graph_note = ("In a TF1 graph only (`reuse` shares variables by `name`): in eager mode "
                  "or `tf.function` it raises `RuntimeError`; create the layer once "
                  f"instead, `{public}(...)`." if has_variables else
                  "Works in every mode: the layer has no variables.")
    function.__doc__ = (f"Functional form of `{layer_class.__name__}`: TF1's "
                        f"`tf.layers.{name}`.\n\nTakes `inputs`, then `{layer_class.__name__}`'s "
                        f"arguments. {graph_note}\n\nReturns:\n    The output tensor.\n\n"
                        f"Example:\n\n{example}\n")
    return function
