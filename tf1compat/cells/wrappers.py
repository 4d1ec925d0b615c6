"""TF1 cell wrappers: `DropoutWrapper`, `ResidualWrapper`, `DeviceWrapper`.

A wrapper has no variable scope of its own: the wrapped cell's variables keep
the names they have without it (`rnn/basic_lstm_cell/kernel`), as in TF1.
"""

import contextlib
import hashlib
import numbers

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size, zero_state
from tf1compat.cells.base import LSTMStateTuple, RNNCell


class _Wrapper(RNNCell):
    """Runs `self.cell` in the wrapper's place; subclasses transform around the call."""

    def __init__(self, cell, **kwargs):
        super().__init__(**kwargs)
        check_cell(cell)
        self.cell = cell

    @property
    def wrapped_cell(self):
        return self.cell

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return output_size(self.cell)

    def zero_state(self, batch_size, dtype):
        return zero_state(self.cell, batch_size, dtype)

    def variable_scope(self, scope=None):
        return contextlib.nullcontext()

    def build(self, inputs_shape):
        build_cell(self.cell, inputs_shape, self.variable_dtype)

    def __call__(self, inputs, state, scope=None, **kwargs):
        self._ensure_built_for(inputs)
        return self.call(inputs, state, scope=scope, **kwargs)

    def _run_cell(self, inputs, state, scope=None, **kwargs):
        if isinstance(self.cell, RNNCell):
            kwargs["scope"] = scope
        return call_cell(self.cell, inputs, state, **kwargs)


class ResidualWrapper(_Wrapper):
    """Adds the inputs to the cell's outputs: `output = residual_fn(inputs, cell_output)`.

    Args:
        cell: The cell to wrap; its output must have the inputs' shape.
        residual_fn: Optional `(inputs, outputs) -> outputs`; default adds them
            element-wise (structures must match).

    Example:

    >>> cell = ResidualWrapper(GRUCell(3))
    >>> out, _ = cell(tf.ones([2, 3]), tf.zeros([2, 3]))
    >>> out.shape
    TensorShape([2, 3])
    """

    def __init__(self, cell, residual_fn=None, **kwargs):
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def call(self, inputs, state, scope=None, **kwargs):
        outputs, new_state = self._run_cell(inputs, state, scope=scope, **kwargs)
        if self._residual_fn is not None:
            return self._residual_fn(inputs, outputs), new_state
        tf.nest.assert_same_structure(inputs, outputs)
        for x, y in zip(tf.nest.flatten(inputs), tf.nest.flatten(outputs)):
            if not x.shape.is_compatible_with(y.shape):
                raise ValueError("ResidualWrapper adds inputs to outputs, so their shapes must "
                                 f"match. Received: inputs.shape={x.shape}, outputs.shape={y.shape}")
        return tf.nest.map_structure(lambda x, y: x + y, inputs, outputs), new_state


class DeviceWrapper(_Wrapper):
    """Runs the cell (and its zero state) on `device`.

    Args:
        cell: The cell to wrap.
        device: A device string, e.g. `"/cpu:0"`.
    """

    def __init__(self, cell, device, **kwargs):
        super().__init__(cell, **kwargs)
        self._device = device

    def zero_state(self, batch_size, dtype):
        with tf.device(self._device):
            return super().zero_state(batch_size, dtype)

    def call(self, inputs, state, scope=None, **kwargs):
        with tf.device(self._device):
            return self._run_cell(inputs, state, scope=scope, **kwargs)


class DropoutWrapper(_Wrapper):
    """TF1's dropout on a cell's inputs, outputs and states, with TF1's noise.

    Keep probabilities (not drop rates) as in TF1; a keep probability of 1 adds
    no op at all. By default the memory `c` of an `LSTMStateTuple` is never
    dropped. Each dropout site uses `tf.nn.dropout` with TF1's per-site seed
    (derived from `seed` by the same MD5 salt), so in a TF1 graph with a graph
    seed the masks equal TF1's bit for bit (with `parallel_iterations=1`: with
    parallel iterations, which step draws which mask varies between runs, in TF1
    too). With `variational_recurrent=True`
    one noise tensor per site, of shape `[1, size]`, is drawn when the wrapper is
    constructed and reused at every step (and, as in TF1, shared by the batch).

    Args:
        cell: The cell to wrap.
        input_keep_prob, output_keep_prob, state_keep_prob: Floats in [0, 1]
            or scalar tensors.
        variational_recurrent: Same mask at every time step (Gal & Ghahramani).
        input_size: Input depth(s) (`TensorShape`s); required with
            `variational_recurrent` and `input_keep_prob < 1`.
        dtype: Dtype of the noise; required with `variational_recurrent`.
        seed: Optional int seed.
        dropout_state_filter_visitor: Optional callable on each state
            substructure returning which parts to drop (default: all but LSTM `c`).

    Raises:
        ValueError: a keep probability outside [0, 1], or a missing `dtype` /
            `input_size` for `variational_recurrent`.
        TypeError: `dropout_state_filter_visitor` is not callable.
    """

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None, **kwargs):
        super().__init__(cell, dtype=dtype, **kwargs)
        if dropout_state_filter_visitor is not None and not callable(dropout_state_filter_visitor):
            raise TypeError("`dropout_state_filter_visitor` must be callable. Received: "
                            f"dropout_state_filter_visitor={dropout_state_filter_visitor!r}")
        self._state_filter = dropout_state_filter_visitor or _keep_lstm_memory
        self._keep_probs = {
            site: _keep_prob(value, f"{site}_keep_prob")
            for site, value in (("input", input_keep_prob), ("state", state_keep_prob),
                                ("output", output_keep_prob))}
        self._variational = variational_recurrent
        self._seed = seed
        self._noise = {}
        if variational_recurrent:
            if dtype is None:
                raise ValueError("When variational_recurrent=True, dtype must be provided. "
                                 "Received: dtype=None")
            sizes = {"state": cell.state_size, "output": output_size(cell)}
            if _applies(self._keep_probs["input"]):
                if input_size is None:
                    raise ValueError("When variational_recurrent=True and input_keep_prob < 1, "
                                     "input_size must be provided. Received: input_size=None")
                sizes["input"] = input_size
            self._noise = {site: self._batch_noise(site, size, dtype)
                           for site, size in sizes.items()}

    def _site_seed(self, site, index):
        """TF1's per-tensor seed: MD5 of `str(seed) + f"{site}_{index}"`, 31 bits."""
        if self._seed is None:
            return None
        digest = hashlib.md5(f"{self._seed}{site}_{index}".encode("utf-8")).hexdigest()
        return int(digest[:8], 16) & 0x7FFFFFFF

    def _batch_noise(self, site, sizes, dtype):
        return [tf.random.uniform([1] + tf.TensorShape(size).as_list(),
                                  seed=self._site_seed(site, i), dtype=dtype)
                for i, size in enumerate(tf.__internal__.nest.flatten_up_to(sizes, sizes))]

    def _dropout(self, values, site, keep_prob, filtered=None):
        """Drops each tensor of `values` marked True in `filtered` (default: all)."""
        filtered = values if filtered is None else filtered
        flags = tf.__internal__.nest.flatten_up_to(filtered, filtered)
        flat_values = tf.__internal__.nest.flatten_up_to(filtered, values)
        dropped = []
        for i, (flag, value) in enumerate(zip(flags, flat_values)):
            if isinstance(flag, bool) and not flag:
                dropped.append(value)
            elif self._variational:
                mask = tf.floor(keep_prob + self._noise[site][i])
                dropped.append(tf.divide(value, keep_prob) * mask)
            else:
                dropped.append(tf.nn.dropout(value, rate=1.0 - keep_prob,
                                             seed=self._site_seed(site, i)))
        return tf.nest.pack_sequence_as(filtered, dropped)

    def call(self, inputs, state, scope=None, **kwargs):
        keep = self._keep_probs
        if _applies(keep["input"]):
            inputs = self._dropout(inputs, "input", keep["input"])
        output, new_state = self._run_cell(inputs, state, scope=scope, **kwargs)
        if _applies(keep["state"]):
            filtered = tf.__internal__.nest.get_traverse_shallow_structure(
                self._state_filter, new_state)
            new_state = self._dropout(new_state, "state", keep["state"], filtered)
        if _applies(keep["output"]):
            output = self._dropout(output, "output", keep["output"])
        return output, new_state


def _keep_prob(value, argument):
    """A keep probability as a Python float when constant (checked in [0, 1]), else a tensor."""
    tensor = tf.convert_to_tensor(value)
    constant = tf.get_static_value(tensor)
    if constant is None:
        return tensor
    if not 0 <= constant <= 1:
        raise ValueError(f"`{argument}` must be between 0 and 1. Received: {argument}={value!r}")
    return float(constant)


def _applies(keep_prob):
    """Dropout is built unless the keep probability is the constant 1."""
    return not isinstance(keep_prob, numbers.Real) or keep_prob < 1


def _keep_lstm_memory(substate):
    """Default state filter: never drop an LSTM's memory `c`, nor a TensorArray."""
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)
    return not isinstance(substate, tf.TensorArray)
