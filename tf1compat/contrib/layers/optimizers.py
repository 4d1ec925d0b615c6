"""contrib's `optimize_loss`: a train op from a loss, an optimizer name and a learning rate.

TF1 graph mode only, as in TF1 (it reads the graph's collections). The optimizers are
TF1's, `tf.compat.v1.train.*Optimizer`, which TensorFlow 2 still ships, so the slot
variables keep their TF1 names (`dense/kernel/Adam`, `beta1_power`) and checkpoints
restore.
"""

import tensorflow as tf

from tf1compat.tf1_layer import require_graph_mode

__all__ = ["optimize_loss", "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES"]

_train = tf.compat.v1.train

OPTIMIZER_CLS_NAMES = {
    "Adagrad": _train.AdagradOptimizer,
    "Adam": _train.AdamOptimizer,
    "Ftrl": _train.FtrlOptimizer,
    "Momentum": lambda learning_rate: _train.MomentumOptimizer(learning_rate, momentum=0.9),
    "RMSProp": _train.RMSPropOptimizer,
    "SGD": _train.GradientDescentOptimizer,
}

OPTIMIZER_SUMMARIES = ["learning_rate", "loss", "gradients", "gradient_norm",
                       "global_gradient_norm"]


def _learning_rate(learning_rate):
    """A scalar tensor as is, a float as the variable `learning_rate` (as TF1)."""
    if learning_rate is None or (tf.is_tensor(learning_rate) and learning_rate.shape.rank == 0):
        return learning_rate
    if isinstance(learning_rate, float):
        if learning_rate < 0.0:
            raise ValueError(f"`learning_rate` must be >= 0. Received: "
                             f"learning_rate={learning_rate!r}")
        return tf.compat.v1.get_variable(
            "learning_rate", [], trainable=False,
            initializer=tf.compat.v1.constant_initializer(learning_rate))
    raise ValueError("`learning_rate` must be a float or a scalar tensor. "
                     f"Received: learning_rate={learning_rate!r}")


def _optimizer(optimizer, learning_rate):
    """An `Optimizer` from a name, an `Optimizer` class or instance, or a factory."""
    needs_rate = isinstance(optimizer, str) or isinstance(optimizer, type)
    if needs_rate and learning_rate is None:
        raise ValueError("A learning rate is needed for an optimizer given by name or "
                         f"class. Received: optimizer={optimizer!r}, learning_rate=None")
    if isinstance(optimizer, str):
        if optimizer not in OPTIMIZER_CLS_NAMES:
            raise ValueError(f"`optimizer` must be one of {sorted(OPTIMIZER_CLS_NAMES)}, an "
                             f"Optimizer or a function. Received: optimizer={optimizer!r}")
        return OPTIMIZER_CLS_NAMES[optimizer](learning_rate=learning_rate)
    if isinstance(optimizer, type) and issubclass(optimizer, _train.Optimizer):
        return optimizer(learning_rate=learning_rate)
    if isinstance(optimizer, _train.Optimizer):
        return optimizer
    if callable(optimizer):
        made = optimizer(learning_rate) if learning_rate is not None else optimizer()
        if isinstance(made, _train.Optimizer):
            return made
        raise ValueError("An `optimizer` function must return a tf.compat.v1.train.Optimizer. "
                         f"Received: it returned {made!r}")
    raise ValueError("`optimizer` must be a name, an Optimizer class or instance, or a "
                     f"function of the learning rate. Received: optimizer={optimizer!r}")


def _summarize(summaries, gradients, clipped, clipping):
    """TF1's summaries of the gradients (histograms and norms)."""
    norm_wanted = {"global_gradient_norm", "gradient_norm"} & set(summaries)
    if norm_wanted:
        tf.compat.v1.summary.scalar("global_norm/gradient_norm",
                                    tf.linalg.global_norm([g for g, _ in gradients]))
    for gradient, variable in clipped:
        values = gradient.values if isinstance(gradient, tf.IndexedSlices) else gradient
        if values is None:
            continue
        name = variable.name.replace(":", "_")
        if "gradients" in summaries:
            tf.compat.v1.summary.histogram(f"gradients/{name}", values)
        if "gradient_norm" in summaries:
            tf.compat.v1.summary.scalar(f"gradient_norm/{name}", tf.linalg.global_norm([values]))
    if clipping and norm_wanted:
        tf.compat.v1.summary.scalar("global_norm/clipped_gradient_norm",
                                    tf.linalg.global_norm([g for g, _ in clipped]))


def _noisy(gradient, scale):
    """TF1's gradient noise: a truncated normal times `scale` (dense results)."""
    shape = gradient.dense_shape if isinstance(gradient, tf.IndexedSlices) else tf.shape(gradient)
    return tf.convert_to_tensor(gradient) + tf.random.truncated_normal(shape) * scale


def _multiplied(gradient, variable, multipliers):
    """The gradient times `multipliers[variable]` (or `[variable.name]`), if there is one."""
    key = variable if variable in multipliers else variable.name
    if key not in multipliers:
        return gradient
    if isinstance(gradient, tf.IndexedSlices):
        return tf.IndexedSlices(gradient.values * multipliers[key], gradient.indices,
                                gradient.dense_shape)
    return gradient * tf.cast(multipliers[key], gradient.dtype)


def _clipped(gradients, clip_gradients):
    """Clipped by global norm (a float) or by a function of the (gradient, variable) pairs."""
    if isinstance(clip_gradients, float):
        clipped, _ = tf.clip_by_global_norm([g for g, _ in gradients], clip_gradients)
        return list(zip(clipped, [v for _, v in gradients]))
    if callable(clip_gradients):
        return clip_gradients(gradients)
    if clip_gradients is not None:
        raise ValueError("`clip_gradients` must be a float or a function. "
                         f"Received: clip_gradients={clip_gradients!r}")
    return gradients


def optimize_loss(loss, global_step, learning_rate, optimizer, gradient_noise_scale=None,
                  gradient_multipliers=None, clip_gradients=None, learning_rate_decay_fn=None,
                  update_ops=None, variables=None, name=None, summaries=None,
                  colocate_gradients_with_ops=False, increment_global_step=True):
    """TF1's `tf.contrib.layers.optimize_loss` (graph mode): a train op for `loss`.

    Runs `update_ops` (default: the `UPDATE_OPS` collection, e.g. batch norm's) before
    the loss, computes the gradients of `variables` (default: the trainable ones), adds
    noise, multiplies and clips them if asked, applies them and increments `global_step`.
    Variables: `OptimizeLoss/learning_rate` for a float rate, and the optimizer's slots.

    Args:
        loss: Scalar tensor.
        global_step: Step variable; `None` uses the graph's (`get_global_step()`).
        learning_rate: Float (stored in a variable) or scalar tensor.
        optimizer: A name of `OPTIMIZER_CLS_NAMES` (`"SGD"`, `"Adam"`, `"Adagrad"`,
            `"Momentum"` with momentum 0.9, `"RMSProp"`, `"Ftrl"`), a
            `tf.compat.v1.train.Optimizer` class or instance, or a function of the learning
            rate returning one.
        gradient_noise_scale: Optional scale of truncated-normal noise added to gradients.
        gradient_multipliers: Optional `{variable or its name: factor}`.
        clip_gradients: Optional float (clip by global norm) or function of the
            `(gradient, variable)` pairs.
        learning_rate_decay_fn: Optional `(learning_rate, global_step) -> learning_rate`.
        update_ops, variables, name: As above (`name` is the scope, default `OptimizeLoss`).
        summaries: Names of `OPTIMIZER_SUMMARIES` to write (default loss, learning rate and
            global gradient norm).
        colocate_gradients_with_ops: As in `Optimizer.compute_gradients`.
        increment_global_step: Whether applying the gradients increments `global_step`.

    Returns:
        The loss; evaluating it runs the training step (and gives the loss before it).

    Raises:
        ValueError: a non-scalar loss, an unknown optimizer or summary, a bad learning
            rate, or decay without a global step.
        RuntimeError: in eager mode or `tf.function`.

    Example:

    >>> with tf.Graph().as_default():
    ...     w = tf.compat.v1.get_variable("w", initializer=3.0)
    ...     step = tf.compat.v1.train.get_or_create_global_step()
    ...     train = tf1compat.contrib.layers.optimize_loss(w * w, step, 0.25, "SGD")
    ...     with tf.compat.v1.Session() as session:
    ...         session.run(tf.compat.v1.global_variables_initializer())
    ...         loss = session.run(train)  # the loss before the step
    ...         print(float(loss), float(session.run(w)), int(session.run(step)))
    9.0 1.5 1
    """
    require_graph_mode("tf1compat.contrib.layers.optimize_loss",
                       "a keras.optimizers optimizer with tf.GradientTape", loss)
    loss = tf.convert_to_tensor(loss)
    if loss.shape.rank != 0:
        raise ValueError(f"`loss` must be a scalar. Received: loss.shape={loss.shape}")
    if global_step is None:
        global_step = _train.get_global_step()
    else:
        _train.assert_global_step(global_step)
    unknown = [s for s in summaries or () if s not in OPTIMIZER_SUMMARIES]
    if unknown:
        raise ValueError(f"`summaries` must be among {OPTIMIZER_SUMMARIES}. "
                         f"Received: summaries={summaries!r}")
    summaries = ["loss", "learning_rate", "global_gradient_norm"] if summaries is None \
        else summaries
    with tf.compat.v1.variable_scope(name, "OptimizeLoss", [loss, global_step]):
        update_ops = set(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)) \
            if update_ops is None else update_ops
        if update_ops:
            with tf.control_dependencies(list(update_ops)):
                loss = tf.identity(loss)
        rate = _learning_rate(learning_rate)
        if learning_rate is not None and learning_rate_decay_fn is not None:
            if global_step is None:
                raise ValueError("`learning_rate_decay_fn` needs a global step. "
                                 "Received: global_step=None")
            rate = learning_rate_decay_fn(rate, global_step)
            if "learning_rate" in summaries:
                tf.compat.v1.summary.scalar("learning_rate", rate)
        opt = _optimizer(optimizer, rate)
        gradients = opt.compute_gradients(
            loss, tf.compat.v1.trainable_variables() if variables is None else variables,
            colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gradient_noise_scale is not None:
            gradients = [(None if g is None else _noisy(g, gradient_noise_scale), v)
                         for g, v in gradients]
        if gradient_multipliers is not None:
            gradients = [(None if g is None else _multiplied(g, v, gradient_multipliers), v)
                         for g, v in gradients]
            if not gradients:
                raise ValueError("No (gradient, variable) pairs left after "
                                 f"`gradient_multipliers`. Received: {gradient_multipliers!r}")
        clipped = _clipped(gradients, clip_gradients)
        if "loss" in summaries:
            tf.compat.v1.summary.scalar("loss", loss)
        _summarize(summaries, gradients, clipped, clip_gradients is not None)
        step = opt.apply_gradients(clipped, name="train",
                                   global_step=global_step if increment_global_step else None)
        with tf.control_dependencies([step]):
            return tf.identity(loss)
