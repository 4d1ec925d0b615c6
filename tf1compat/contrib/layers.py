"""`tf1compat.contrib.layers`: `fully_connected`, TF1's `tf.contrib.layers.fully_connected`."""

import tensorflow as tf

from tf1compat.layers import Dense
from tf1compat.options import reject_unsupported
from tf1compat.tf1_layer import require_graph_mode

__all__ = ["fully_connected"]


class _FullyConnected(Dense):
    """`Dense` with contrib's variable names: `fully_connected/weights`, `.../biases`."""

    kernel_name, bias_name = "weights", "biases"


def fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None,
                    normalizer_params=None,
                    weights_initializer=tf.compat.v1.glorot_uniform_initializer(),
                    weights_regularizer=None,
                    biases_initializer=tf.compat.v1.zeros_initializer(), biases_regularizer=None,
                    reuse=None,
                    variables_collections=None, outputs_collections=None, trainable=True,
                    scope=None):
    """TF1's `tf.contrib.layers.fully_connected` (graph mode).

    `activation_fn(normalizer_fn(inputs . weights))` if a normalizer is given,
    else `activation_fn(inputs . weights + biases)`. Note the default
    activation is ReLU, as in contrib. Variables: `fully_connected/weights`
    (Glorot uniform, contrib's `xavier_initializer`) and
    `fully_connected/biases` (zeros), in scope `scope`.

    Args:
        inputs: Tensor of rank >= 2.
        num_outputs: int, output size.
        activation_fn: Callable or `None` for linear (default `tf.nn.relu`).
        normalizer_fn, normalizer_params: Optional normalisation replacing the biases.
        weights_initializer, weights_regularizer: For the weights.
        biases_initializer, biases_regularizer: For the biases; `biases_initializer=None`
            means no biases, as in contrib.
        reuse, trainable, scope: As in contrib.
        variables_collections, outputs_collections: Not supported; must be `None`.

    Returns:
        The output tensor.

    Raises:
        NotImplementedError: for `variables_collections` / `outputs_collections`.
        RuntimeError: in eager mode or `tf.function` (use `tf1compat.layers.Dense`).
    """
    reject_unsupported("Add the tensors to collections with tf.compat.v1.add_to_collection.",
                       variables_collections=variables_collections,
                       outputs_collections=outputs_collections)
    require_graph_mode("tf1compat.contrib.layers.fully_connected",
                       f"tf1compat.layers.Dense({num_outputs!r}, activation=...)", inputs)
    layer = _FullyConnected(
        num_outputs, activation=None,
        use_bias=normalizer_fn is None and biases_initializer is not None,
        kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
        kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
        trainable=trainable, name="fully_connected")
    with tf.compat.v1.variable_scope(scope, default_name="fully_connected", reuse=reuse) as vs:
        outputs = layer(inputs, scope=vs)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        return activation_fn(outputs) if activation_fn is not None else outputs
