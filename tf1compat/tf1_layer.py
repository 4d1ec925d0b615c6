"""`TF1Layer`: a Keras 3 layer that creates its variables with TF1 names and semantics.

A layer creates its variables the TF1 way: under a variable scope named after it
(`basic_lstm_cell`, `dense`, ...) inside the scope active at its first call, so
every variable has its TF1 name (`rnn/basic_lstm_cell/kernel`).

- In TF1 graph mode (`tf.compat.v1.disable_v2_behavior()` or a
  `tf.Graph().as_default()` block) variables come from
  `tf.compat.v1.get_variable`, which honours `variable_scope`, `reuse`, scope
  initializers, regularizers and custom getters exactly as TF1 did, so an
  unchanged `tf.compat.v1.train.Saver` restores TF1 checkpoints.
- In eager mode and inside `tf.function` they are Keras weights, tracked by the
  layer (`.trainable_weights`, `tf.train.Checkpoint`, use inside a
  `keras.Model`); their TF1 names are kept in `layer.tf1_variable_names`.
"""

import re

import keras
import tensorflow as tf


def in_graph_mode():
    """Whether ops are being built into a TF1-style graph (not eager, not a tf.function)."""
    return not tf.compat.v1.executing_eagerly_outside_functions()


def require_graph_mode(function_name, replacement, inputs):
    """Raises `RuntimeError` outside a TF1 graph, for functional layers that create variables.

    A functional TF1 layer creates a fresh layer (and fresh variables) per call, which
    only makes sense when a graph is built once.
    """
    if not in_graph_mode():
        raise RuntimeError(
            f"{function_name} creates new variables at every call, which only works in a TF1 "
            f"graph. In eager mode or tf.function, create the layer once, `layer = {replacement}`, "
            f"and call `layer(inputs)`. Received: inputs={getattr(inputs, 'shape', inputs)}")


def tf1_snake_case(class_name):
    """The TF1 default scope name of a layer class (`BasicLSTMCell` -> `basic_lstm_cell`)."""
    words = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", class_name)
    snake = re.sub(r"([a-z])([A-Z])", r"\1_\2", words).lower()
    return "private" + snake if snake.startswith("_") else snake


class TF1Layer(keras.layers.Layer):
    """Base of the tf1compat cells and layers: TF1 variable creation on a Keras 3 layer.

    Subclasses create variables in `build(inputs_shape)` with
    `self.add_weight(name, shape, initializer=...)` (TF1 argument order) and
    compute in `call(inputs, *args)`.

    Args:
        trainable: Whether the variables are trainable.
        name: Scope name of the layer; defaults to the snake-cased class name.
        dtype: Variable dtype; defaults to the dtype of the first inputs.
        reuse: TF1 reuse flag (`True` or `tf.compat.v1.AUTO_REUSE`): in graph
            mode the variables are looked up in scope `name` instead of a new,
            uniquified scope, as in TF1. Otherwise reuse follows the enclosing
            `tf.compat.v1.variable_scope`.
    """

    def __init__(self, trainable=True, name=None, dtype=None, reuse=None, **kwargs):
        for tf1_only in ("_reuse", "_scope"):
            kwargs.pop(tf1_only, None)
        super().__init__(trainable=trainable, name=name, **kwargs)
        self._tf1_base_name = name or tf1_snake_case(type(self).__name__)
        self._tf1_dtype = tf.as_dtype(dtype) if dtype is not None else None
        self._tf1_scope = None
        self._tf1_reuse = reuse
        # Variables made by tf.compat.v1.get_variable, not by Keras: in graph mode, and by
        # TF1 cells that create their variables inside `__call__` (see `RNNCell`).
        self._tf1_created_variables = []
        self._own_tf1_variables = {}

    @property
    def variable_dtype(self):
        """The dtype the variables are (or will be) created with."""
        return self._tf1_dtype or tf.float32

    def build(self, inputs_shape):
        """Creates the variables. Default: none."""

    def __call__(self, inputs, *args, scope=None, **kwargs):
        """Runs `call(inputs, *args, **kwargs)`, creating the variables on the first call.

        Args:
            inputs: A tensor or a structure of tensors.
            *args, **kwargs: Passed to `call`.
            scope: Optional variable scope for the variables (TF1 semantics).

        Returns:
            What `call` returns.
        """
        if in_graph_mode():
            with self.variable_scope(scope):
                self._ensure_built_for(inputs)
                return self.call(inputs, *args, **kwargs)
        if not self.built:
            with self.variable_scope(scope):
                self._ensure_built_for(inputs)
        return self.call(inputs, *args, **kwargs)

    def _ensure_built_for(self, inputs):
        if not self.built:
            dtype = tf.nest.flatten(inputs)[0].dtype
            self.ensure_built(tf.nest.map_structure(lambda x: x.shape, inputs), dtype)

    def variable_scope(self, scope=None):
        """Enters this layer's TF1 variable scope (captured on first use, then reused)."""
        if self._tf1_scope is None:
            return _CaptureScope(self, scope)
        return tf.compat.v1.variable_scope(self._tf1_scope, reuse=True, auxiliary_name_scope=False)

    def ensure_built(self, inputs_shape, dtype):
        """Creates the variables for inputs of `inputs_shape` (a structure) and `dtype`.

        Call inside the layer's variable scope (`with layer.variable_scope(): ...`).
        """
        if self.built:
            return
        if self._tf1_dtype is None:
            self._tf1_dtype = tf.as_dtype(dtype)
        self.build(inputs_shape)
        self.built = True

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=True, partitioner=None, **kwargs):
        """Creates a variable with TF1 semantics (TF1 argument order: name first).

        Args:
            name: Variable name inside the layer's scope, e.g. `"kernel"` or `"gates/bias"`.
            shape: Variable shape.
            dtype: Defaults to the layer's variable dtype.
            initializer: A TF1 or Keras initializer; `None` means the enclosing
                variable scope's initializer, else Glorot uniform (TF1's default).
            regularizer: Optional callable `variable -> loss` (graph mode: added to
                `tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES`; else `layer.losses`).
            trainable: Whether the variable is trainable.
            partitioner: TF1 partitioner (graph mode only).

        Returns:
            The variable.
        """
        dtype = tf.as_dtype(dtype or self.variable_dtype)
        scope_name = tf.compat.v1.get_variable_scope().name
        full_name = f"{scope_name}/{name}" if scope_name else name
        if in_graph_mode():
            variable = tf.compat.v1.get_variable(
                name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                trainable=trainable, partitioner=partitioner)
            self.record_tf1_variable(full_name, variable)
            return variable
        if initializer is None:
            initializer = (tf.compat.v1.get_variable_scope().initializer
                           or tf.compat.v1.glorot_uniform_initializer())
        variable = super().add_weight(
            shape=shape, initializer=_dtype_bound(initializer, dtype), dtype=dtype,
            regularizer=regularizer, trainable=trainable, name=name.replace("/", "_"))
        self._own_tf1_variables[full_name] = variable
        return variable

    add_variable = add_weight

    @property
    def tf1_variable_names(self):
        """`{TF1 full name: variable}` for this layer and the layers inside it.

        The names are those TF1 gives the same variables (`rnn/basic_lstm_cell/kernel`),
        in eager mode too, so TF1 checkpoints can be mapped onto the layer.
        """
        names = dict(self._own_tf1_variables)
        for layer in self._flatten_layers(include_self=False):
            names.update(getattr(layer, "_own_tf1_variables", {}))
        return names

    def record_tf1_variable(self, name, variable):
        """Tracks a variable made by `tf.compat.v1.get_variable` under its full TF1 `name`.

        Outside graphs it is also tracked for `tf.train.Checkpoint`, under that name.
        """
        self._tf1_created_variables.append(variable)
        self._own_tf1_variables[name] = variable
        if not in_graph_mode():
            self._track_trackable(variable, name=name)

    # Keras lists its own weights and, through their properties, its sublayers'; these add the
    # layer's get_variable ones (`trainable_weights` / `trainable_variables` filter these).
    @property
    def weights(self):
        return super().weights + list(self._tf1_created_variables)

    @property
    def variables(self):
        return super().variables + list(self._tf1_created_variables)


class _CaptureScope:
    """Context manager: enter `variable_scope(scope, default_name=layer name)` and remember it."""

    def __init__(self, layer, scope):
        self._layer = layer
        if layer._tf1_reuse:
            self._context = tf.compat.v1.variable_scope(
                scope if scope is not None else layer._tf1_base_name, reuse=layer._tf1_reuse)
        else:
            self._context = tf.compat.v1.variable_scope(scope, default_name=layer._tf1_base_name)

    def __enter__(self):
        captured = self._context.__enter__()
        self._layer._tf1_scope = captured
        return captured

    def __exit__(self, *exc_info):
        return self._context.__exit__(*exc_info)


def _dtype_bound(initializer, dtype):
    """Keras calls initializers as `init(shape, dtype=...)`; TF1 ones accept that too."""
    if isinstance(initializer, str):
        return initializer
    return lambda shape, dtype=dtype: initializer(shape, dtype=dtype)
