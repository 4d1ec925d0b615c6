"""`BasicDecoder`: one cell step, an optional output layer, then the helper samples."""

import collections

import tensorflow as tf

from tf1compat.cells.adapter import build_cell, call_cell, check_cell, output_size
from tf1compat.contrib.seq2seq.decoder import Decoder
from tf1compat.contrib.seq2seq.helpers import Helper
from tf1compat.tf1_layer import TF1Layer


class BasicDecoderOutput(collections.namedtuple("BasicDecoderOutput", ("rnn_output", "sample_id"))):
    """What each `BasicDecoder` step emits: the (projected) cell output and the sample ids."""

    __slots__ = ()


class BasicDecoder(Decoder):
    """Runs `cell`, then `output_layer`, then lets `helper` sample and pick the next inputs.

    Variables are TF1's: under `dynamic_decode`'s scope, `decoder/<cell>/...` and
    `decoder/<output layer>/...` (e.g. `decoder/dense/kernel`).

    Args:
        cell: A tf1compat `RNNCell` or a Keras 3 RNN cell.
        helper: A `Helper`.
        initial_state: The cell's initial state (its dtype is the outputs' dtype).
        output_layer: Optional layer applied to the cell output (e.g.
            `tf1compat.layers.Dense(vocab_size)`).

    Raises:
        TypeError: `cell`, `helper` or `output_layer` is of the wrong type.
    """

    def __init__(self, cell, helper, initial_state, output_layer=None):
        check_cell(cell)
        if not isinstance(helper, Helper):
            raise TypeError(f"`helper` must be a tf1compat.contrib.seq2seq.Helper. Received: "
                            f"helper={helper!r} of type {type(helper).__name__}")
        check_output_layer(output_layer)
        self._cell = cell
        self._helper = helper
        self._initial_state = initial_state
        self._output_layer = output_layer

    @property
    def batch_size(self):
        return self._helper.batch_size

    def _rnn_output_size(self):
        return projected_size(self._cell, self._output_layer)

    @property
    def output_size(self):
        return BasicDecoderOutput(self._rnn_output_size(), self._helper.sample_ids_shape)

    @property
    def output_dtype(self):
        dtype = tf.nest.flatten(self._initial_state)[0].dtype
        return BasicDecoderOutput(tf.nest.map_structure(lambda _: dtype, self._rnn_output_size()),
                                  self._helper.sample_ids_dtype)

    def initialize(self, name=None):
        finished, first_inputs = self._helper.initialize()
        # Variables are made here, before the loop, in the scope TF1's first step used.
        dtype = tf.nest.flatten(self._initial_state)[0].dtype
        build_cell(self._cell, tf.nest.map_structure(lambda x: x.shape, first_inputs), dtype)
        if self._output_layer is not None:
            build_output_layer(self._output_layer, output_size(self._cell), dtype)
        return finished, first_inputs, self._initial_state

    def step(self, time, inputs, state, name=None):
        cell_outputs, cell_state = call_cell(self._cell, inputs, state)
        if self._output_layer is not None:
            cell_outputs = self._output_layer(cell_outputs)
        sample_ids = self._helper.sample(time=time, outputs=cell_outputs, state=cell_state)
        finished, next_inputs, next_state = self._helper.next_inputs(
            time=time, outputs=cell_outputs, state=cell_state, sample_ids=sample_ids)
        return BasicDecoderOutput(cell_outputs, sample_ids), next_state, next_inputs, finished


def check_output_layer(output_layer):
    """Raises `TypeError` unless `output_layer` is `None` or a callable layer."""
    if output_layer is not None and not callable(output_layer):
        raise TypeError(f"`output_layer` must be a layer. Received: output_layer={output_layer!r}")


def projected_size(cell, output_layer):
    """The size of one step's output: the cell's, through `output_layer` if one is given."""
    size = output_size(cell)
    if output_layer is None:
        return size
    return tf.nest.map_structure(
        lambda s: tf.TensorShape(output_layer.compute_output_shape(
            tf.TensorShape([None]).concatenate(s)))[1:], size)


def build_output_layer(layer, depth, dtype):
    """Creates the variables of an output layer for inputs `[batch, depth]`, in the current scope."""
    shape = tf.TensorShape([None]).concatenate(tf.TensorShape(depth))
    if isinstance(layer, TF1Layer):
        with layer.variable_scope():
            layer.ensure_built(shape, dtype)
    elif not getattr(layer, "built", True):
        layer.build(tuple(shape.as_list()))
