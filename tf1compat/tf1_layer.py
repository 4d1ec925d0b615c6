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

from tf1compat import _config


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

    def __new__(cls, *args, **kwargs):
        layer = super().__new__(cls, *args, **kwargs)
        # TF1 cells may skip `super().__init__()` (TF1 allowed it when `__call__` is overridden):
        # the TF1 state exists from here on, `__init__` only fills it in.
        layer._tf1_base_name = tf1_snake_case(cls.__name__)
        layer._tf1_dtype = None
        layer._tf1_scope = None
        layer._tf1_reuse = None
        # Variables made by tf.compat.v1.get_variable, not by Keras: in graph mode, and by
        # TF1 cells that create their variables inside `__call__` (see `RNNCell`).
        layer._tf1_created_variables = []
        layer._own_tf1_variables = {}
        layer._keras_initialized = False
        # Keras wraps `build`; a direct `layer.build(shape)` (Keras' `RNN`, user code) must
        # still create the variables in the layer's TF1 scope, as TF1's `add_weight` did.
        layer._build_variables = layer.build
        layer.build = layer._build_in_scope
        layer._constructor_arguments = _config.constructor_arguments(cls, args, kwargs)
        return layer

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__module__.startswith("tf1compat.") and not cls.__name__.startswith("_"):
            # Found by `keras.saving` without custom_objects, as "tf1compat>GRUCell".
            keras.saving.register_keras_serializable(package="tf1compat")(cls)

    def __init__(self, trainable=True, name=None, dtype=None, reuse=None, **kwargs):
        reuse = kwargs.pop("_reuse", reuse)  # the spelling of TF1 subclasses
        kwargs.pop("_scope", None)
        super().__init__(trainable=trainable, name=name, **kwargs)
        self._keras_initialized = True
        self._tf1_base_name = name or self._tf1_base_name
        self._tf1_dtype = tf.as_dtype(dtype) if dtype is not None else None
        self._tf1_reuse = reuse

    def get_config(self):
        """The constructor arguments, serialized (nested cells included), as Keras configs are.

        Raises:
            NotImplementedError: the constructor took `*args`, which a config cannot hold.
        """
        if self._constructor_arguments is None:
            raise NotImplementedError(
                f"{type(self).__name__} takes *args in __init__; override get_config() and "
                f"from_config() to serialize it. Received: layer={self.name!r}")
        return _config.serialize(self._constructor_arguments)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Rebuilds the layer (not its weights) from `get_config()`'s output."""
        return cls(**_config.deserialize(config, custom_objects))

    @property
    def dtype(self):
        """The variables' dtype name, as in TF1: `None` until given or set by the first call."""
        return self._tf1_dtype.name if self._tf1_dtype is not None else None

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
        # AUTO_REUSE, not True: a variable first made inside `call` (a layer that a TF1
        # `cell_input_fn` creates, say) is created there, as in TF1 where the first call
        # was the one building; the variables made by `build` are reused.
        return tf.compat.v1.variable_scope(self._tf1_scope, reuse=tf.compat.v1.AUTO_REUSE,
                                           auxiliary_name_scope=False)

    def ensure_built(self, inputs_shape, dtype):
        """Creates the variables for inputs of `inputs_shape` (a structure) and `dtype`.

        Call inside the layer's variable scope (`with layer.variable_scope(): ...`).
        A TF1 cell that skipped `super().__init__()` has nothing to build (as in TF1,
        its own `__call__` does all the work).
        """
        if not self._keras_initialized or self.built:
            return
        if self._tf1_dtype is None:
            self._tf1_dtype = tf.as_dtype(dtype)
        self._build_variables(inputs_shape)
        self.built = True

    def _build_in_scope(self, inputs_shape):
        """`layer.build(shape)` called directly: the variables go to the layer's TF1 scope."""
        with self.variable_scope():
            self.ensure_built(inputs_shape, self.variable_dtype)

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=True, partitioner=None, constraint=None, **kwargs):
        """Creates a variable with TF1 semantics (TF1 argument order: name first).

        Args:
            name: Variable name inside the layer's scope, e.g. `"kernel"` or `"gates/bias"`.
            shape: Variable shape.
            dtype: Defaults to the layer's variable dtype.
            initializer: A TF1 or Keras initializer; `None` means the enclosing
                variable scope's initializer, else Glorot uniform (TF1's default).
            regularizer: Optional callable `variable -> loss` (graph mode: added to
                `tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES`; else `layer.losses`).
            trainable: Whether the variable is trainable (never for a layer made with
                `trainable=False`, as in TF1).
            partitioner: TF1 partitioner, graph mode only (elsewhere one variable holds
                what the partitions would).
            constraint: Optional projection `variable -> variable` that optimizers apply
                after each update.

        Returns:
            The variable.
        """
        dtype = tf.as_dtype(dtype or self.variable_dtype)
        scope_name = tf.compat.v1.get_variable_scope().name
        full_name = f"{scope_name}/{name}" if scope_name else name
        if in_graph_mode():
            variable = tf.compat.v1.get_variable(
                name, shape=shape, dtype=dtype, initializer=initializer,
                regularizer=value_regularizer(regularizer), trainable=trainable and self.trainable,
                partitioner=partitioner, constraint=constraint)
            if isinstance(variable, tf.Variable):
                self.record_tf1_variable(full_name, variable)
            else:  # a PartitionedVariable: its parts are the variables, `kernel/part_0`, ...
                for part in variable:
                    self.record_tf1_variable(part.op.name, part)
            return variable
        if initializer is None:
            initializer = (tf.compat.v1.get_variable_scope().initializer
                           or tf.compat.v1.glorot_uniform_initializer())
        variable = super().add_weight(
            shape=shape, initializer=_dtype_bound(initializer, dtype), dtype=dtype,
            regularizer=regularizer, trainable=trainable, constraint=constraint,
            name=name.replace("/", "_"))
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

    def get_weights(self):
        """The variables' values; in a TF1 graph, read in the default `Session` (as TF1 did)."""
        if not in_graph_mode():
            return super().get_weights()
        return _default_session("get_weights").run(self.weights)

    def set_weights(self, weights):
        """Assigns `weights`; in a TF1 graph, in the default `Session` (as TF1 did).

        Raises:
            ValueError: the number or shapes of `weights` differ from the variables', or
                there is no default `Session` in graph mode.
        """
        if not in_graph_mode():
            return super().set_weights(weights)
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(f"{self.name!r} has {len(variables)} variables. Received: "
                             f"{len(weights)} weights")
        session = _default_session("set_weights")
        for variable, value in zip(variables, weights):
            if tuple(variable.shape) != tuple(getattr(value, "shape", ())):
                raise ValueError(f"Variable {variable.op.name!r} has shape {variable.shape}. "
                                 f"Received: a weight of shape {getattr(value, 'shape', ())}")
            variable.load(value, session)
        return None

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


def _default_session(method):
    session = tf.compat.v1.get_default_session()
    if session is None:
        raise ValueError(f"In a TF1 graph, `{method}` runs in the default Session: call it "
                         "inside `with tf.compat.v1.Session() as session:` (or "
                         "`session.as_default()`). Received: no default Session")
    return session


def value_regularizer(regularizer):
    """`regularizer` applied to the variable's value: Keras 3 regularizers (what `tf_upgrade_v2`
    turns `tf.contrib.layers.l2_regularizer` into) cannot take a TF1 reference variable."""
    if regularizer is None:
        return None
    return lambda variable: regularizer(tf.convert_to_tensor(variable))


def _dtype_bound(initializer, dtype):
    """Keras calls initializers as `init(shape, dtype=...)`; TF1 ones accept that too."""
    if isinstance(initializer, str):
        return initializer
    return lambda shape, dtype=dtype: initializer(shape, dtype=dtype)
