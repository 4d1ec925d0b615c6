"""TF1's batch normalization: `BatchNormalization` and `batch_normalization`.

Variables: `batch_normalization/gamma`, `beta` (trainable), `moving_mean`,
`moving_variance` (not trainable). In training the batch's statistics normalize the
inputs and the moving ones move towards them: `moving -= (moving - batch) * (1 - momentum)`.
In a TF1 graph these updates are ops in `tf.compat.v1.GraphKeys.UPDATE_OPS`, run by you
with the train op, exactly as in TF1; in eager mode and `tf.function` they run at the call.

TF1 chose between two computations, and so do we: 4-D inputs normalized over axis 1 or 3
use the fused kernel (`fused=None` or `True`), whose batch variance for the moving
average has Bessel's correction (`n / (n - 1)`) and whose epsilon is at least 1.001e-5;
other inputs (or `fused=False`) use `tf.nn.moments`, the biased variance and `epsilon`.
"""

import tensorflow as tf

from tf1compat.layers._base import Layer, from_channels_last, static_training, to_channels_last
from tf1compat.options import reject_unsupported
from tf1compat.shapes import static_dim
from tf1compat.tf1_layer import in_graph_mode, require_graph_mode

__all__ = ["BatchNormalization", "batch_normalization"]

_ZEROS, _ONES = tf.compat.v1.zeros_initializer(), tf.compat.v1.ones_initializer()
_FUSED_MIN_EPSILON = 1.001e-5  # TF1's fused_batch_norm raised smaller epsilons to this


class BatchNormalization(Layer):
    """TF1's batch normalization layer, `tf.layers.BatchNormalization`.

    Args:
        axis: int or list of ints, the axis (axes) normalized separately, typically the
            channels: `-1` (default), or `1` after a `channels_first` convolution.
        momentum: Of the moving averages.
        epsilon: Added to the variance.
        center, scale: Whether to add `beta` / multiply by `gamma`.
        beta_initializer, gamma_initializer, moving_mean_initializer,
            moving_variance_initializer: Default zeros, ones, zeros, ones.
        beta_regularizer, gamma_regularizer: Optional callables `variable -> loss`.
        beta_constraint, gamma_constraint: Optional projections applied by optimizers.
        fused: `None` or `True`: TF1's fused kernel where it applies (4-D inputs, axis 1
            or 3); `False`: `tf.nn.moments`. Each reproduces TF1's numbers for the setting.
        trainable: Whether `gamma` and `beta` are trainable (the statistics never are);
            `False` also freezes the moving statistics, as in TF1.
        name: As in `TF1Layer` (also `dtype`, `reuse`).
        renorm, renorm_clipping, renorm_momentum, virtual_batch_size, adjustment: Not
            supported: `renorm=True`, a `virtual_batch_size` or an `adjustment` raise
            `NotImplementedError`.

    Call arguments:
        inputs: A tensor.
        training: Python bool or a boolean tensor (default `False`, as TF1): normalize
            with the batch's statistics and update the moving ones, or with the moving ones.

    Example:

    >>> layer = tf1compat.layers.BatchNormalization(momentum=0.5)
    >>> x = tf.constant([[1.0, 10.0], [3.0, 30.0]])
    >>> layer(x, training=True).numpy().round(2)
    array([[-1., -1.],
           [ 1.,  1.]], dtype=float32)
    >>> layer.moving_mean.numpy()  # moved half-way from 0 towards the batch mean
    array([ 1., 10.], dtype=float32)
    """

    fused_ranks = (4,)
    updates_collections = (tf.compat.v1.GraphKeys.UPDATE_OPS,)
    updates_when_frozen = False

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=_ZEROS, gamma_initializer=_ONES,
                 moving_mean_initializer=_ZEROS, moving_variance_initializer=_ONES,
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None,
                 adjustment=None, name=None, **kwargs):
        reject_unsupported("Batch renormalization, ghost batches and adjustments are not "
                           "implemented.", renorm=renorm or None,
                           virtual_batch_size=virtual_batch_size, adjustment=adjustment)
        if not isinstance(axis, (int, list, tuple)):
            raise TypeError(f"`axis` must be an int or a list of ints. Received: axis={axis!r}")
        super().__init__(trainable=trainable, name=name, **kwargs)
        self.axis = [axis] if isinstance(axis, int) else list(axis)
        self._axis_argument = axis
        self.momentum, self.epsilon, self.center, self.scale = momentum, epsilon, center, scale
        self.fused = fused
        self._initializers = {"beta": beta_initializer, "gamma": gamma_initializer,
                              "moving_mean": moving_mean_initializer,
                              "moving_variance": moving_variance_initializer}
        self._regularizers = {"beta": beta_regularizer, "gamma": gamma_regularizer}
        self._constraints = {"beta": beta_constraint, "gamma": gamma_constraint}

    def build(self, inputs_shape):
        shape = tf.TensorShape(inputs_shape)
        if shape.rank is None:
            raise ValueError(f"BatchNormalization needs inputs of known rank. Received: "
                             f"inputs.shape={shape}")
        ndims, requested = shape.rank, self._axis_argument
        self.axis = [a + ndims if a < 0 else a for a in self.axis]
        if any(not 0 <= a < ndims for a in self.axis) or len(set(self.axis)) != len(self.axis):
            raise ValueError(f"Invalid or duplicate `axis` for inputs of rank {ndims}. "
                             f"Received: axis={requested!r}")
        sizes = {a: static_dim(shape, a) for a in self.axis}
        if None in sizes.values():
            raise ValueError("The `axis` dimensions of the inputs to BatchNormalization must "
                             f"be known. Received: inputs.shape={shape}, axis={requested!r}")
        self._fused = (self.fused in (None, True) and ndims in self.fused_ranks
                       and self.axis in ([1], [ndims - 1]))
        param_shape = [sizes[self.axis[0]]] if len(self.axis) == 1 else \
            [sizes.get(i, 1) for i in range(ndims)]
        dtype = self.variable_dtype
        self._param_dtype = tf.float32 if dtype in (tf.float16, tf.bfloat16) else dtype
        self.gamma = self._add_parameter("gamma", param_shape) if self.scale else None
        self.beta = self._add_parameter("beta", param_shape) if self.center else None
        self.moving_mean = self._add_parameter("moving_mean", param_shape, trainable=False)
        self.moving_variance = self._add_parameter("moving_variance", param_shape,
                                                   trainable=False)

    def _add_parameter(self, name, shape, trainable=True):
        return self.add_weight(name, shape=shape, dtype=self._param_dtype,
                               initializer=self._initializers[name],
                               regularizer=self._regularizers.get(name),
                               constraint=self._constraints.get(name), trainable=trainable)

    def call(self, inputs, training=False):
        inputs = tf.convert_to_tensor(inputs)
        value = static_training(training)
        compute = self._fused_batch_norm if self._fused else self._batch_norm
        outputs, mean, variance = compute(inputs, value, training)
        frozen = not (self.trainable or self.updates_when_frozen)  # TF1: no updates then
        updates = [] if value is False or frozen else [
            _moving_average_update(moving, batch, self.momentum, value, training)
            for moving, batch in ((self.moving_mean, mean), (self.moving_variance, variance))]
        if not (updates and in_graph_mode()):
            return outputs
        if self.updates_collections is None:  # contrib's forced updates
            with tf.control_dependencies(updates):
                return tf.identity(outputs)
        for update in updates:
            tf.compat.v1.add_to_collections(self.updates_collections, update)
        return outputs

    def _fused_batch_norm(self, inputs, value, training):
        """TF1's fused kernel: (outputs, batch mean, batch variance with Bessel's correction)."""
        rank, depth = inputs.shape.rank, static_dim(self.moving_mean.shape, 0)
        nhwc = tf.reshape(inputs, [-1, 1, 1, depth]) if rank == 2 else \
            to_channels_last(inputs, "channels_first" if self.axis == [1] else "channels_last")
        gamma = self.gamma if self.gamma is not None else tf.ones([depth], self._param_dtype)
        beta = self.beta if self.beta is not None else tf.zeros([depth], self._param_dtype)
        epsilon = max(self.epsilon, _FUSED_MIN_EPSILON)

        def batch():
            return tf.compat.v1.nn.fused_batch_norm(nhwc, gamma, beta, epsilon=epsilon)

        def moving():
            return tf.compat.v1.nn.fused_batch_norm(
                nhwc, gamma, beta, mean=self.moving_mean, variance=self.moving_variance,
                epsilon=epsilon, is_training=False)

        outputs, mean, variance = _choose(value, training, batch, moving)
        if rank == 2:
            outputs = tf.reshape(outputs, tf.shape(inputs))
        elif self.axis == [1]:
            outputs = from_channels_last(outputs, "channels_first")
        outputs.set_shape(inputs.shape)
        return outputs, mean, variance

    def _batch_norm(self, inputs, value, training):
        """`tf.nn.moments` and `tf.nn.batch_normalization`: (outputs, batch mean, variance)."""
        ndims = inputs.shape.rank
        reduction = [i for i in range(ndims) if i not in self.axis]
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = static_dim(inputs.shape, self.axis[0])

        def broadcast(v):
            if v is None or v.shape.rank == ndims or reduction == list(range(ndims - 1)):
                return v
            return tf.reshape(v, broadcast_shape)

        if value is False:
            mean, variance = self.moving_mean, self.moving_variance
        else:
            batch_mean, batch_variance = tf.nn.moments(
                tf.cast(inputs, self._param_dtype), reduction, keepdims=len(self.axis) > 1)
            mean, variance = _choose(value, training, lambda: (batch_mean, batch_variance),
                                     lambda: (tf.convert_to_tensor(self.moving_mean),
                                              tf.convert_to_tensor(self.moving_variance)))

        def cast(v):
            return None if v is None else broadcast(tf.cast(v, inputs.dtype))

        outputs = tf.nn.batch_normalization(inputs, cast(mean), cast(variance), cast(self.beta),
                                            cast(self.gamma), self.epsilon)
        outputs.set_shape(inputs.shape)
        return outputs, mean, variance


def _choose(value, training, if_true, if_false):
    """`if_true()` or `if_false()` by the static `value`, else a `tf.cond` on `training`."""
    if value is None:
        return tf.cond(training, if_true, if_false)
    return if_true() if value else if_false()


def _moving_average_update(moving, batch, momentum, value, training):
    """`moving -= (moving - batch) * (1 - momentum)` when training; the op (graph mode)."""
    def update():
        decay = tf.constant(1.0 - momentum, moving.dtype)
        return tf.identity(moving.assign_sub((moving - tf.cast(batch, moving.dtype)) * decay))

    return _choose(value, training, update, lambda: tf.identity(moving))


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=_ZEROS, gamma_initializer=_ONES,
                        moving_mean_initializer=_ZEROS, moving_variance_initializer=_ONES,
                        beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                        gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                        fused=None, virtual_batch_size=None, adjustment=None):
    """Functional form of `BatchNormalization`: TF1's `tf.layers.batch_normalization`.

    In a TF1 graph only; in training the moving-statistics updates join
    `tf.compat.v1.GraphKeys.UPDATE_OPS`: run them with the train op, as in TF1.

    Args:
        inputs: A tensor.
        training: Python bool or a boolean tensor (default `False`, as TF1).
        reuse: Share the variables of an earlier call with the same `name`.
        Others: As in `BatchNormalization`.

    Returns:
        The output tensor.

    Raises:
        RuntimeError: in eager mode or `tf.function` (create one
            `tf1compat.layers.BatchNormalization` instead).

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.layers.batch_normalization(tf.ones([4, 3]), training=True)
    ...     updates = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    ...     print(len(updates), [v.op.name for v in tf.compat.v1.global_variables()])
    2 ['batch_normalization/gamma', 'batch_normalization/beta', \
'batch_normalization/moving_mean', 'batch_normalization/moving_variance']
    """
    require_graph_mode("tf1compat.layers.batch_normalization",
                       "tf1compat.layers.BatchNormalization(...)", inputs)
    layer = BatchNormalization(
        axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
        beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
        moving_mean_initializer=moving_mean_initializer,
        moving_variance_initializer=moving_variance_initializer,
        beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
        beta_constraint=beta_constraint, gamma_constraint=gamma_constraint, renorm=renorm,
        renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum, fused=fused,
        trainable=trainable, virtual_batch_size=virtual_batch_size, adjustment=adjustment,
        name=name, reuse=reuse)
    return layer(inputs, training=training, scope=name)
