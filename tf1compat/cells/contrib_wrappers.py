"""contrib.rnn's cell wrappers: `HighwayWrapper`, `AttentionCellWrapper`, `CompiledWrapper`.

`HighwayWrapper` and `CompiledWrapper` have no scope of their own (the wrapped cell's
variables keep their names; the highway's sit next to it, `rnn/carry_w`), as in TF1.
`AttentionCellWrapper` is a cell with a scope, `attention_cell_wrapper/`, holding the
wrapped cell's variables (`attention_cell_wrapper/lstm_cell/kernel`).
"""

import tensorflow as tf

from tf1compat.cells._contrib_helpers import linear, linear_weights
from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size
from tf1compat.cells.base import RNNCell
from tf1compat.cells.wrappers import _Wrapper
from tf1compat.options import input_depth


class HighwayWrapper(_Wrapper):
    """Adds a highway connection around the cell: `output = x * t_c + cell_output * t_t`.

    `t_c = sigmoid(x . carry_w + carry_b)` is the carry gate; the transform gate `t_t` is
    `1 - t_c`, or with `couple_carry_transform_gates=False`
    `sigmoid(x . transform_w + transform_b)`. The cell's output must have the inputs' shape.

    Variables (in the scope the wrapper is called in): `carry_w [D, D]`, `carry_b [D]`
    (`carry_bias_init`), `transform_w [D, D]`, `transform_b [D]` (`-carry_bias_init`).

    Args:
        cell: The cell to wrap (a tf1compat or Keras 3 cell).
        couple_carry_transform_gates: Whether `t_t = 1 - t_c` (default True).
        carry_bias_init: float, the initial carry bias (default 1.0).

    Raises:
        ValueError: at the first call, the cell's output shape differs from the inputs'.

    Example:

    >>> cell = HighwayWrapper(GRUCell(3))
    >>> out, state = cell(tf.ones([2, 3]), cell.zero_state(2, tf.float32))
    >>> sorted(cell.tf1_variable_names)[:2]
    ['carry_b', 'carry_w']
    """

    def __init__(self, cell, couple_carry_transform_gates=True, carry_bias_init=1.0):
        super().__init__(cell)
        self._couple_carry_transform_gates = couple_carry_transform_gates
        self._carry_bias_init = carry_bias_init

    def build(self, inputs_shape):
        super().build(inputs_shape)
        depth = input_depth(inputs_shape)
        gates = ("carry",) if self._couple_carry_transform_gates else ("carry", "transform")
        self._gates = [(self.add_weight(f"{gate}_w", shape=[depth, depth]),
                        self.add_weight(f"{gate}_b", shape=[depth],
                                        initializer=tf.compat.v1.constant_initializer(bias)))
                       for gate, bias in zip(gates, (self._carry_bias_init,
                                                     -self._carry_bias_init))]

    def call(self, inputs, state, scope=None, **kwargs):
        outputs, new_state = self._run_cell(inputs, state, scope=scope, **kwargs)
        if not inputs.shape.is_compatible_with(outputs.shape):
            raise ValueError("HighwayWrapper mixes inputs and outputs, so their shapes must "
                             f"match. Received: inputs.shape={inputs.shape}, "
                             f"outputs.shape={outputs.shape}")
        carry, *transform = [tf.sigmoid(tf.compat.v1.nn.xw_plus_b(inputs, weights, bias))
                             for weights, bias in self._gates]
        transform = transform[0] if transform else 1 - carry
        return inputs * carry + outputs * transform, new_state


class AttentionCellWrapper(RNNCell):
    """Attention over the cell's last `attn_length` outputs (Cheng et al., 2016).

    At each step the inputs are mixed with the previous attention read,
    `x' = [x, a] . kernel + bias`; the cell runs on `x'`; its new state, flattened and
    concatenated (the query), scores the window of past outputs `W` (`[attn_length,
    attn_size]`) with `v . tanh(conv1x1(W, attn_w) + query . kernel_a + bias_a)`; the
    softmax-weighted sum is the new read `a'`; the output is
    `[cell_output, a'] . kernel_o + bias_o`, which enters the window (the oldest entry
    leaves). The state is `(cell_state, a, W flattened)`, or their concatenation.

    Variables (in `attention_cell_wrapper/`): `kernel [D + A, input_size]`, `bias`; the
    cell's (`lstm_cell/...`); `attention/attn_w [1, 1, A, V]`, `attention/attn_v [V]`,
    `attention/kernel [Q, V]`, `attention/bias [V]`;
    `attn_output_projection/kernel [cell output + A, A]`, `attn_output_projection/bias`.

    Args:
        cell: The cell to wrap.
        attn_length: int > 0, the number of past outputs attended to.
        attn_size: int A, the size of an attention vector (default: the cell's output size).
        attn_vec_size: int V, the size of the attention features (default A).
        input_size: The size of the mixed inputs `x'` (default the inputs' depth).
        state_is_tuple: If True (default) the state is a tuple, else concatenated
            (the cell's state must then be one tensor).
        reuse: As in `RNNCell`.

    Raises:
        ValueError: `attn_length <= 0`, or `state_is_tuple=False` with a tuple cell state.
        TypeError: `cell` is not a cell.

    Example:

    >>> cell = AttentionCellWrapper(BasicLSTMCell(4), attn_length=3)
    >>> out, (lstm_state, attns, window) = cell(tf.ones([2, 5]), cell.zero_state(2, tf.float32))
    >>> out.shape, window.shape
    (TensorShape([2, 4]), TensorShape([2, 12]))
    """

    def __init__(self, cell, attn_length, attn_size=None, attn_vec_size=None, input_size=None,
                 state_is_tuple=True, reuse=None):
        super().__init__(reuse=reuse)
        check_cell(cell)
        if tf.nest.is_nested(cell.state_size) and not state_is_tuple:
            raise ValueError("Cell returns tuple of states, but the flag state_is_tuple is not "
                             f"set. Received: cell.state_size={cell.state_size}, "
                             "state_is_tuple=False")
        if attn_length <= 0:
            raise ValueError("attn_length should be greater than zero. Received: "
                             f"attn_length={attn_length}")
        self._cell = cell
        self._attn_length = attn_length
        self._attn_size = attn_size if attn_size is not None else output_size(cell)
        self._attn_vec_size = attn_vec_size if attn_vec_size is not None else self._attn_size
        self._input_size = input_size
        self._state_is_tuple = state_is_tuple

    @property
    def wrapped_cell(self):
        return self._cell

    @property
    def state_size(self):
        sizes = (self._cell.state_size, self._attn_size, self._attn_size * self._attn_length)
        return sizes if self._state_is_tuple else sum(sizes)

    @property
    def output_size(self):
        return self._attn_size

    def build(self, inputs_shape):
        depth = input_depth(inputs_shape)
        mixed = self._input_size or depth
        size, vec_size = self._attn_size, self._attn_vec_size
        self._input_mix = linear_weights(self, "", depth + size, mixed)
        build_cell(self._cell, tf.TensorShape([None, mixed]), self.variable_dtype)
        query = sum(tf.nest.flatten(self._cell.state_size))
        self._attn_w = self.add_weight("attention/attn_w", shape=[1, 1, size, vec_size])
        self._attn_v = self.add_weight("attention/attn_v", shape=[vec_size])
        self._query = linear_weights(self, "attention", query, vec_size)
        self._output_mix = linear_weights(self, "attn_output_projection",
                                          output_size(self._cell) + size, size)

    def call(self, inputs, state):
        length, size = self._attn_length, self._attn_size
        if self._state_is_tuple:
            cell_state, attns, attn_states = state
        else:
            cell_state, attns, attn_states = tf.split(
                state, [self._cell.state_size, size, size * length], axis=1)
        attn_states = tf.reshape(attn_states, [-1, length, size])
        cell_output, new_state = call_cell(self._cell, linear([inputs, attns], self._input_mix),
                                           cell_state)
        query = tf.concat(tf.nest.flatten(new_state), 1) if self._state_is_tuple else new_state
        new_attns, kept_states = self._attention(query, attn_states)
        output = linear([cell_output, new_attns], self._output_mix)
        new_attn_states = tf.reshape(tf.concat([kept_states, tf.expand_dims(output, 1)], 1),
                                     [-1, length * size])
        new_state = (new_state, new_attns, new_attn_states)
        return output, (new_state if self._state_is_tuple else tf.concat(new_state, 1))

    def _attention(self, query, attn_states):
        """The new read and the window without its oldest entry."""
        hidden = tf.reshape(attn_states, [-1, self._attn_length, 1, self._attn_size])
        features = tf.nn.conv2d(hidden, self._attn_w, [1, 1, 1, 1], "SAME")
        y = tf.reshape(linear([query], self._query), [-1, 1, 1, self._attn_vec_size])
        scores = tf.reduce_sum(self._attn_v * tf.tanh(features + y), [2, 3])
        weights = tf.reshape(tf.nn.softmax(scores), [-1, self._attn_length, 1, 1])
        new_attns = tf.reshape(tf.reduce_sum(weights * hidden, [1, 2]), [-1, self._attn_size])
        return new_attns, attn_states[:, 1:, :]


class CompiledWrapper(_Wrapper):
    """TF1 ran the cell's step in an XLA JIT scope; tf1compat runs the cell as it is.

    A documented pass-through: the cell's numbers without XLA, which equal what TF 1.15
    computed with it to float32 rounding (see docs/api-mapping.md). Wrap the driver in
    `tf.function(jit_compile=True)` to compile with XLA on TF 2.

    Args:
        cell: The cell to wrap.
        compile_stateful: Accepted for TF1 compatibility; no effect.

    Example:

    >>> cell = CompiledWrapper(GRUCell(3))
    >>> out, state = cell(tf.ones([2, 4]), cell.zero_state(2, tf.float32))
    >>> out.shape
    TensorShape([2, 3])
    """

    def __init__(self, cell, compile_stateful=False):
        super().__init__(cell)
        self._compile_stateful = compile_stateful

    def call(self, inputs, state, scope=None, **kwargs):
        return self._run_cell(inputs, state, scope=scope, **kwargs)
