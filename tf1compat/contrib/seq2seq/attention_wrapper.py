"""`AttentionWrapper` and `AttentionWrapperState`: a cell with attention over a memory, as TF1's.

Each step feeds `cell_input_fn(inputs, previous attention)` to the wrapped cell, scores the
cell output against each mechanism's memory, and mixes the context with the cell output
through an optional attention layer. Variables have TF1's names under the wrapper's scope:
`<scope>/attention_wrapper/<cell>/...`, `.../attention_layer/kernel`,
`.../bahdanau_attention/attention_v`; `build` makes all of them, so the cell can be built
before a `tf.while_loop` (as `BasicDecoder` and `dynamic_rnn` do).
"""

import collections

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size, zero_state
from tf1compat.cells.base import RNNCell
from tf1compat.contrib.seq2seq.attention import AttentionMechanism
from tf1compat.contrib.seq2seq.basic_decoder import build_output_layer
from tf1compat.layers import Dense
from tf1compat.shapes import static_dim


class AttentionWrapperState(collections.namedtuple(
        "AttentionWrapperState", ("cell_state", "attention", "time", "alignments",
                                  "alignment_history", "attention_state"))):
    """The state of an `AttentionWrapper`.

    Fields: `cell_state` (the wrapped cell's state), `attention` (the previous step's
    attention, `[batch, attention size]`), `time` (int32 scalar), `alignments` and
    `attention_state` (one per mechanism, a tuple if the wrapper was given a list), and
    `alignment_history` (per mechanism, a `TensorArray` of every step's alignments —
    `.stack()` gives `[time, batch, memory time]` — or `()` when not recorded).
    """

    def clone(self, **kwargs):
        """A copy with the fields in `kwargs` replaced; their shapes must match the old ones.

        Args:
            **kwargs: Fields to replace, e.g. `cell_state=encoder_state`.

        Returns:
            A new `AttentionWrapperState`.

        Raises:
            ValueError: a new tensor's shape differs from the one it replaces (checked at
                run time for dimensions unknown statically).

        Example:

        >>> state = AttentionWrapperState(tf.zeros([2, 3]), tf.zeros([2, 4]), 0, (), (), ())
        >>> state.clone(cell_state=tf.ones([2, 3])).cell_state.shape
        TensorShape([2, 3])
        """

        def same_shape(field, old, new):
            if not (tf.is_tensor(old) and tf.is_tensor(new)):
                return new
            if tf.executing_eagerly() and old.shape.as_list() != new.shape.as_list() or \
                    not old.shape.is_compatible_with(new.shape):
                raise ValueError(f"AttentionWrapperState.clone: the new `{field}` must have the "
                                 f"shape of the old one, {old.shape}. Received: {field}.shape="
                                 f"{new.shape}")
            if old.shape.is_fully_defined() and new.shape.is_fully_defined():
                return new
            check = tf.debugging.assert_equal(tf.shape(old), tf.shape(new), message=(
                f"AttentionWrapperState.clone: the new `{field}` must have the old one's shape"))
            with tf.control_dependencies([check]):
                return tf.ensure_shape(new, old.shape)

        replaced = self._replace(**kwargs)
        return type(self)(*(tf.nest.map_structure(lambda old, new, f=field: same_shape(f, old, new),
                                                  getattr(self, field), getattr(replaced, field))
                            for field in self._fields))


class AttentionWrapper(RNNCell):
    """Wraps a cell with attention, exactly as TF1's `tf.contrib.seq2seq.AttentionWrapper`.

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        attention_mechanism: An `AttentionMechanism`, or a list of them (states and
            alignments are then tuples, one entry per mechanism).
        attention_layer_size: Optional int (a list with several mechanisms): the depth of
            a bias-free `attention_layer` Dense applied to `[cell output, context]`.
            Without it (and without `attention_layer`) the attention is the context.
        alignment_history: Record every step's alignments in the state's
            `alignment_history` `TensorArray`s.
        cell_input_fn: `(inputs, attention) -> cell inputs`; default concatenates them.
        output_attention: Emit the attention (default, Luong style) or the cell output.
        initial_cell_state: The cell state `zero_state` returns instead of zeros.
        name: Scope name (default `attention_wrapper`).
        attention_layer: Instead of `attention_layer_size`: a layer (a list with several
            mechanisms) applied to `[cell output, context]`.
        attention_fn: Optional `(mechanism, cell_output, attention_state, attention_layer)
            -> (attention, alignments, next_attention_state)`; it must query the
            mechanism with the cell output and call the layer on `[cell output, context]`.
        dtype: The cell's dtype (default: the inputs').

    Raises:
        TypeError: a mechanism is not an `AttentionMechanism`, `cell_input_fn` is not
            callable, or `cell` is not a cell.
        ValueError: both `attention_layer_size` and `attention_layer`, or not one entry
            per mechanism; `initial_cell_state`'s batch is not the memory's.

    Example:

    >>> memory = tf.ones([2, 5, 3])
    >>> mechanism = tf1compat.contrib.seq2seq.LuongAttention(4, memory, [5, 3])
    >>> cell = tf1compat.contrib.seq2seq.AttentionWrapper(
    ...     GRUCell(4), mechanism, attention_layer_size=6, alignment_history=True)
    >>> output, state = cell(tf.ones([2, 1]), cell.zero_state(2, tf.float32))
    >>> output.shape, state.alignment_history.stack().shape
    (TensorShape([2, 6]), TensorShape([1, 2, 5]))
    """

    def __init__(self, cell, attention_mechanism, attention_layer_size=None,
                 alignment_history=False, cell_input_fn=None, output_attention=True,
                 initial_cell_state=None, name=None, attention_layer=None, attention_fn=None,
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        check_cell(cell)
        self._is_multi = isinstance(attention_mechanism, (list, tuple))
        mechanisms = tuple(attention_mechanism) if self._is_multi else (attention_mechanism,)
        for mechanism in mechanisms:
            if not isinstance(mechanism, AttentionMechanism):
                raise TypeError("`attention_mechanism` must be an AttentionMechanism or a list of "
                                f"them. Received: {mechanism!r} of type {type(mechanism).__name__}")
        if cell_input_fn is not None and not callable(cell_input_fn):
            raise TypeError(f"`cell_input_fn` must be callable. Received: "
                            f"cell_input_fn={cell_input_fn!r}")
        self._cell = cell
        self._mechanisms = mechanisms
        self._cell_input_fn = cell_input_fn or (lambda inputs, attention: tf.concat(
            [inputs, attention], -1))
        self._attention_fn = attention_fn or _compute_attention
        self._output_attention = output_attention
        self._alignment_history = alignment_history
        self._attention_layers, self._attention_layer_size = self._make_attention_layers(
            attention_layer_size, attention_layer)
        self._initial_cell_state = None
        if initial_cell_state is not None:
            with tf.name_scope(name or "AttentionWrapperInit"):
                self._initial_cell_state = self._check_batch(
                    _batch_size(tf.nest.flatten(initial_cell_state)[-1]), initial_cell_state,
                    "initial_cell_state")

    def _make_attention_layers(self, sizes, layers):
        """`(attention layers or None, total attention depth)`, checked against the mechanisms."""
        count = len(self._mechanisms)
        if sizes is not None and layers is not None:
            raise ValueError("Only one of attention_layer_size and attention_layer may be set. "
                             f"Received: attention_layer_size={sizes!r}, "
                             f"attention_layer={layers!r}")
        value_depths = [static_dim(m.values.shape, -1) for m in self._mechanisms]
        if sizes is None and layers is None:
            return None, sum(value_depths)
        argument, given = ("attention_layer_size", sizes) if layers is None else (
            "attention_layer", layers)
        given = tuple(given) if isinstance(given, (list, tuple)) else (given,)
        if len(given) != count:
            raise ValueError(f"`{argument}` must have one entry per attention mechanism "
                             f"({count}). Received: {argument}={sizes if layers is None else layers!r}")
        if layers is None:
            return tuple(Dense(size, name="attention_layer", use_bias=False, dtype=m.dtype)
                         for size, m in zip(given, self._mechanisms)), sum(given)
        query_depth = output_size(self._cell)
        return given, sum(static_dim(tf.TensorShape(layer.compute_output_shape(
            (None, query_depth + depth))), -1) for layer, depth in zip(given, value_depths))

    def _item_or_tuple(self, items):
        items = tuple(items)
        return items if self._is_multi else items[0]

    def _check_batch(self, batch_size, tensors, what):
        """`tensors`, after checking that `batch_size` (of `what`) is every memory's batch size.

        Statically known sizes are compared now; others by run-time asserts (TF1's check).
        """
        message = (f"Non-matching batch sizes between the memory (encoder output) and {what}. "
                   "With a BeamSearchDecoder, tile the memory, the lengths and the initial state "
                   "with tile_batch(..., multiplier=beam_width).")
        checks = []
        for mechanism in self._mechanisms:
            given, memory = tf.get_static_value(batch_size), tf.get_static_value(
                mechanism.batch_size)
            if given is None or memory is None:
                checks.append(tf.debugging.assert_equal(batch_size, mechanism.batch_size,
                                                        message=message))
            elif given != memory:
                raise ValueError(f"{message} Received: memory batch size {memory}, "
                                 f"{what} batch size {given}")
        checks = [check for check in checks if check is not None]
        if not checks:
            return tensors
        with tf.control_dependencies(checks):
            return tf.nest.map_structure(tf.identity, tensors)

    @property
    def output_size(self):
        return self._attention_layer_size if self._output_attention else output_size(self._cell)

    @property
    def state_size(self):
        """An `AttentionWrapperState` of sizes (`alignment_history` holds TensorArrays)."""
        return AttentionWrapperState(
            cell_state=self._cell.state_size, time=tf.TensorShape([]),
            attention=self._attention_layer_size,
            alignments=self._item_or_tuple(m.alignments_size for m in self._mechanisms),
            attention_state=self._item_or_tuple(m.state_size for m in self._mechanisms),
            alignment_history=self._item_or_tuple(
                m.alignments_size if self._alignment_history else () for m in self._mechanisms))

    def zero_state(self, batch_size, dtype):
        """The initial `AttentionWrapperState`: `initial_cell_state` (or the cell's zero state),
        zero attention, each mechanism's initial alignments, empty histories.

        Raises:
            ValueError: `batch_size` is not the memory's batch size (checked at run time if
                not known statically).
        """
        with tf.name_scope(f"{type(self).__name__}ZeroState"):
            cell_state = self._initial_cell_state
            if cell_state is None:
                cell_state = zero_state(self._cell, batch_size, dtype)
            cell_state = self._check_batch(batch_size, cell_state, "zero_state's batch_size")
            alignments = [m.initial_alignments(batch_size, dtype) for m in self._mechanisms]
            return AttentionWrapperState(
                cell_state=cell_state, time=tf.zeros([], tf.int32),
                attention=tf.zeros([batch_size, self._attention_layer_size], dtype),
                alignments=self._item_or_tuple(alignments),
                attention_state=self._item_or_tuple(
                    m.initial_state(batch_size, dtype) for m in self._mechanisms),
                alignment_history=self._item_or_tuple(
                    tf.TensorArray(dtype, size=0, dynamic_size=True, element_shape=a.shape)
                    if self._alignment_history else () for a in alignments))

    def build(self, inputs_shape):
        dtype = self.variable_dtype
        build_cell(self._cell, self._cell_inputs_shape(inputs_shape, dtype), dtype)
        query_depth = output_size(self._cell)
        for i, mechanism in enumerate(self._mechanisms):
            build_output_layer(mechanism, query_depth, dtype)
            if self._attention_layers:
                depth = query_depth + static_dim(mechanism.values.shape, -1)
                build_output_layer(self._attention_layers[i], depth, dtype)

    def _cell_inputs_shape(self, inputs_shape, dtype):
        """The shape(s) `cell_input_fn` gives for inputs of `inputs_shape` (traced aside)."""
        with tf.Graph().as_default():
            inputs = tf.nest.map_structure(
                lambda shape: tf.compat.v1.placeholder(dtype, tf.TensorShape(shape)), inputs_shape)
            attention = tf.compat.v1.placeholder(
                dtype, [static_dim(tf.nest.flatten(inputs)[0].shape, 0), self._attention_layer_size])
            return tf.nest.map_structure(lambda x: x.shape, self._cell_input_fn(inputs, attention))

    def call(self, inputs, state):
        """One step: `(attention, or the cell output if not output_attention; next state)`.

        Raises:
            TypeError: `state` is not an `AttentionWrapperState`.
        """
        if not isinstance(state, AttentionWrapperState):
            raise TypeError("`state` must be an AttentionWrapperState (see zero_state). "
                            f"Received: state of type {type(state).__name__}")
        cell_output, next_cell_state = call_cell(
            self._cell, self._cell_input_fn(inputs, state.attention), state.cell_state)
        cell_output = self._check_batch(_batch_size(cell_output), cell_output,
                                        "the query (the cell output)")
        previous_states, histories = state.attention_state, state.alignment_history
        if not self._is_multi:
            previous_states, histories = [previous_states], [histories]
        attentions, alignments, attention_states, next_histories = [], [], [], []
        for i, mechanism in enumerate(self._mechanisms):
            layer = self._attention_layers[i] if self._attention_layers else None
            attention, alignment, attention_state = self._attention_fn(
                mechanism, cell_output, previous_states[i], layer)
            attentions.append(attention)
            alignments.append(alignment)
            attention_states.append(attention_state)
            next_histories.append(histories[i].write(state.time, alignment)
                                  if self._alignment_history else ())
        attention = tf.concat(attentions, 1)
        next_state = AttentionWrapperState(
            time=state.time + 1, cell_state=next_cell_state, attention=attention,
            attention_state=self._item_or_tuple(attention_states),
            alignments=self._item_or_tuple(alignments),
            alignment_history=self._item_or_tuple(next_histories))
        return (attention if self._output_attention else cell_output), next_state


def _batch_size(tensor):
    return static_dim(tensor.shape, 0) or tf.shape(tensor)[0]


def _compute_attention(mechanism, cell_output, attention_state, attention_layer):
    """TF1's attention step: alignments, their context over the values, the attention layer."""
    alignments, next_attention_state = mechanism(cell_output, state=attention_state)
    context = tf.squeeze(tf.matmul(tf.expand_dims(alignments, 1), mechanism.values), [1])
    if attention_layer is None:
        return context, alignments, next_attention_state
    return attention_layer(tf.concat([cell_output, context], 1)), alignments, next_attention_state
