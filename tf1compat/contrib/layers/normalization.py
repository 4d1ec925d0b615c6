"""contrib's normalizations: `batch_norm` and `layer_norm` (graph mode, TF1's names).

`batch_norm` has contrib's defaults (`decay=0.999`, `center=True`, `scale=False`,
`epsilon=0.001`, `is_training=True`) and variables `BatchNorm/beta`, `BatchNorm/gamma`,
`BatchNorm/moving_mean`, `BatchNorm/moving_variance`. As in TF1, inputs of rank 2 or 4
use the fused kernel (`fused=None` or `True`: the moving variance averages the batch
variance with Bessel's correction, epsilon at least 1.001e-5), others `tf.nn.moments`.
"""

import tensorflow as tf

from tf1compat.layers import BatchNormalization
from tf1compat.options import reject_unsupported
from tf1compat.tf1_layer import require_graph_mode

__all__ = ["batch_norm", "layer_norm"]

_UPDATE_OPS = tf.compat.v1.GraphKeys.UPDATE_OPS


class _BatchNorm(BatchNormalization):
    """`BatchNormalization` with contrib's choice of kernel and `updates_collections`.

    `updates_when_frozen`: whether `trainable=False` still updates the moving statistics
    (TF1's own paths did; its path through the core layer did not).
    """

    fused_ranks = (2, 4)

    def __init__(self, updates_collections, updates_when_frozen, **kwargs):
        super().__init__(**kwargs)
        self.updates_collections = updates_collections
        self.updates_when_frozen = updates_when_frozen


def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None,
               updates_collections=_UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC",
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    """TF1's `tf.contrib.layers.batch_norm` (graph mode).

    Normalizes over all axes but the channels (the last, or the second with
    `data_format="NCHW"`). In training the moving statistics move towards the batch's:
    `moving -= (moving - batch) * (1 - decay)`; the update ops join
    `updates_collections` (default `tf.compat.v1.GraphKeys.UPDATE_OPS`: run them with the
    train op), or with `updates_collections=None` run before the outputs are computed.

    Args:
        inputs: A tensor of rank >= 2, the batch first.
        decay: Of the moving averages.
        center, scale: Whether to add `beta` / multiply by `gamma` (default: only `beta`).
        epsilon: Added to the variance.
        activation_fn: Optional callable applied to the outputs.
        param_initializers: Optional `{"beta"|"gamma"|"moving_mean"|"moving_variance": init}`.
        param_regularizers: Optional `{"beta"|"gamma": regularizer}` (as in TF1, ignored
            for non-fused computations with custom `updates_collections`).
        updates_collections: Collection name(s) for the update ops, or `None`.
        is_training: Python bool or a boolean tensor.
        reuse, trainable, scope: As in contrib (default scope `BatchNorm`).
        fused: `None`/`True`: the fused kernel for rank 2 and 4; `False`: `tf.nn.moments`.
        data_format: `"NHWC"` (channels last) or `"NCHW"` (channels second).
        variables_collections, outputs_collections, batch_weights, renorm,
            renorm_clipping, renorm_decay, adjustment, zero_debias_moving_mean: Not
            supported (a value other than the default raises `NotImplementedError`).

    Returns:
        The output tensor.

    Raises:
        ValueError: an unknown `data_format`.
        RuntimeError: in eager mode or `tf.function` (use
            `tf1compat.layers.BatchNormalization`).

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.contrib.layers.batch_norm(tf.ones([4, 3]))
    ...     print([v.op.name for v in tf.compat.v1.global_variables()])
    ['BatchNorm/beta', 'BatchNorm/moving_mean', 'BatchNorm/moving_variance']
    """
    reject_unsupported(
        "Normalize without them, or keep TF 1.15 for this layer.",
        variables_collections=variables_collections, outputs_collections=outputs_collections,
        batch_weights=batch_weights, renorm=renorm or None, adjustment=adjustment,
        zero_debias_moving_mean=zero_debias_moving_mean or None)
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError("`data_format` must be 'NHWC' or 'NCHW'. "
                         f"Received: data_format={data_format!r}")
    require_graph_mode("tf1compat.contrib.layers.batch_norm",
                       "tf1compat.layers.BatchNormalization(momentum=0.999, scale=False)",
                       inputs)
    inputs = tf.convert_to_tensor(inputs)
    initializers, regularizers = param_initializers or {}, param_regularizers or {}
    rank = inputs.shape.rank
    fuses = fused in (None, True) and rank in _BatchNorm.fused_ranks
    # TF1 took one of three paths: its fused kernel, the core layer, a legacy moments path.
    core_layer = updates_collections == _UPDATE_OPS and not (fuses and rank == 2)
    if not (fuses or core_layer):
        regularizers = {}  # the legacy path created the parameters without them
    zeros, ones = tf.compat.v1.zeros_initializer(), tf.compat.v1.ones_initializer()
    with tf.compat.v1.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as variable_scope:
        layer = _BatchNorm(
            updates_collections, not core_layer, axis=1 if data_format == "NCHW" else -1,
            momentum=decay,
            epsilon=epsilon, center=center, scale=scale,
            beta_initializer=initializers.get("beta", zeros),
            gamma_initializer=initializers.get("gamma", ones),
            moving_mean_initializer=initializers.get("moving_mean", zeros),
            moving_variance_initializer=initializers.get("moving_variance", ones),
            beta_regularizer=regularizers.get("beta"),
            gamma_regularizer=regularizers.get("gamma"), fused=fused, trainable=trainable,
            reuse=reuse)
        outputs = layer(inputs, training=is_training, scope=variable_scope)
        return activation_fn(outputs) if activation_fn is not None else outputs


def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
    """TF1's `tf.contrib.layers.layer_norm` (graph mode).

    Normalizes each example over the axes from `begin_norm_axis` on (mean and variance
    by `tf.nn.moments`, epsilon 1e-12, 1e-3 for float16), then scales by `gamma` and
    shifts by `beta`, of shape `inputs.shape[begin_params_axis:]`. Variables
    `LayerNorm/beta`, `LayerNorm/gamma`.

    Args:
        inputs: A tensor of known rank.
        center, scale: Whether to add `beta` / multiply by `gamma`.
        activation_fn: Optional callable applied to the outputs.
        reuse, trainable, scope: As in contrib (default scope `LayerNorm`).
        begin_norm_axis: First normalized axis (negative counts from the end).
        begin_params_axis: First axis of the parameters' shape.
        variables_collections, outputs_collections: Not supported; must be `None`.

    Returns:
        The output tensor.

    Raises:
        ValueError: axes beyond the inputs' rank, or parameters of unknown shape.
        RuntimeError: in eager mode or `tf.function`.

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.contrib.layers.layer_norm(tf.constant([[1.0, 3.0]]))
    ...     with tf.compat.v1.Session() as session:
    ...         session.run(tf.compat.v1.global_variables_initializer())
    ...         print(session.run(y).round(3))
    [[-1.  1.]]
    """
    reject_unsupported("Add the tensors to collections with tf.compat.v1.add_to_collection.",
                       variables_collections=variables_collections,
                       outputs_collections=outputs_collections)
    require_graph_mode("tf1compat.contrib.layers.layer_norm",
                       "keras.layers.LayerNormalization(epsilon=1e-12)", inputs)
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.shape.rank
    if rank is None:
        raise ValueError(f"layer_norm needs inputs of known rank. Received: inputs={inputs!r}")
    norm_axis = begin_norm_axis + rank if begin_norm_axis < 0 else begin_norm_axis
    if begin_params_axis >= rank or norm_axis >= rank:
        raise ValueError(f"`begin_params_axis` and `begin_norm_axis` must be < the rank of the "
                         f"inputs ({rank}). Received: begin_params_axis={begin_params_axis}, "
                         f"begin_norm_axis={begin_norm_axis}")
    params_shape = inputs.shape[begin_params_axis:]
    if not params_shape.is_fully_defined():
        raise ValueError(f"inputs.shape[{begin_params_axis}:] must be known. "
                         f"Received: inputs.shape={inputs.shape}")
    dtype = inputs.dtype.base_dtype
    with tf.compat.v1.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse):
        beta, gamma = (
            tf.compat.v1.get_variable(name, params_shape, dtype, initializer=initializer,
                                      trainable=trainable) if wanted else None
            for name, initializer, wanted in (
                ("beta", tf.compat.v1.zeros_initializer(), center),
                ("gamma", tf.compat.v1.ones_initializer(), scale)))
        mean, variance = tf.nn.moments(inputs, list(range(norm_axis, rank)), keepdims=True)
        epsilon = 1e-3 if dtype == tf.float16 else 1e-12
        outputs = tf.nn.batch_normalization(inputs, mean, variance, offset=beta, scale=gamma,
                                            variance_epsilon=epsilon)
        outputs.set_shape(inputs.shape)
        return activation_fn(outputs) if activation_fn is not None else outputs
