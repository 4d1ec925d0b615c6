"""Argument handling shared by the cells and layers."""

import keras
import tensorflow as tf

from tf1compat.shapes import static_dim


def resolve_activation(activation, default=tf.tanh):
    """A TF1 `activation` argument as a callable (`None` means `default`: tanh for cells)."""
    if activation is None:
        return default
    if isinstance(activation, str):
        return keras.activations.get(activation)
    if not callable(activation):
        raise TypeError(f"`activation` must be a callable or a name. Received: activation={activation!r}")
    return activation


def input_depth(inputs_shape):
    """The static last dimension of a `[batch, depth]` cell input, as TF1 required it.

    Raises:
        ValueError: a structure of inputs (the cell takes one tensor per step), a
            rank other than 2, or an unknown depth.
    """
    if not is_one_shape(inputs_shape):
        raise ValueError(
            "This cell takes one input tensor per step, `[batch, depth]`, not a structure of "
            f"{len(tf.nest.flatten(inputs_shape))}: concatenate them (tf.concat) first. "
            f"Received: inputs shapes {inputs_shape!r}")
    shape = tf.TensorShape(inputs_shape)
    if shape.rank != 2:
        raise ValueError(
            f"A cell step expects inputs of rank 2, `[batch, depth]`. Received: inputs.shape={shape}")
    depth = static_dim(shape, -1)
    if depth is None:
        raise ValueError(
            "The input depth (last dimension of inputs) must be known statically. "
            f"Received: inputs.shape={shape}")
    return depth


def check_supported_dtype(dtype, argument="dtype"):
    """Raises TF1's `ValueError` unless `dtype` is floating point or complex (built-in cells).

    Args:
        dtype: A dtype or `None` (not known yet: nothing to check).
        argument: What `dtype` belongs to, for the message.
    """
    if dtype is None:
        return
    dtype = tf.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_complex):
        raise ValueError("RNN cell only supports floating point inputs, but saw dtype: "
                         f"{dtype.name}. Received: {argument}={dtype.name}")


def is_one_shape(shape):
    """A `TensorShape`, or a list/tuple of dims (Keras passes `(None, 5)`), not a structure."""
    if isinstance(shape, (list, tuple)):
        return all(d is None or isinstance(d, int) for d in shape)
    return True


def reject_unsupported(advice, **options):
    """Raises `NotImplementedError` naming any of `options` that is not `None`.

    Args:
        advice: What to do instead, appended to the message.
        **options: TF1 arguments tf1compat does not support, by name.
    """
    for option, value in options.items():
        if value is not None:
            raise NotImplementedError(f"`{option}` is not supported by tf1compat. "
                                      f"Received: {option}={value!r}. {advice}")
