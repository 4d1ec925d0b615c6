"""The attention decoders: `attention_decoder`, `embedding_attention_decoder`,
`embedding_attention_seq2seq` (Bahdanau-style, several heads, as in TF1).

At each step the cell runs on `linear([input] + attentions)`; the new state queries
every head, `a = softmax(v . tanh(W . memory + linear(state)))`, and the output is
`linear([cell output] + attentions)`. TF1's variables, in the decoder's scope:
`AttnW_<h>` (a 1x1 convolution kernel), `AttnV_<h>`, `kernel` and `bias` (input
projection), `Attention_<h>/{kernel,bias}` (query), `AttnOutputProjection/{kernel,bias}`.
"""

import copy

import tensorflow as tf

from tf1compat.cells.adapter import call_cell, check_cell, output_size as cell_output_size
from tf1compat.cells.projection_wrappers import EmbeddingWrapper, OutputProjectionWrapper
from tf1compat.contrib.legacy_seq2seq._variables import part, variables_on
from tf1compat.contrib.legacy_seq2seq.decoder import (argmax_and_embed, check_output_projection,
                                                      decode_feeding, encode, next_input)
from tf1compat.shapes import static_dim


def attention_decoder(decoder_inputs, initial_state, attention_states, cell, output_size=None,
                      num_heads=1, loop_function=None, dtype=None, scope=None,
                      initial_state_attention=False):
    """`rnn_decoder` that attends over `attention_states` with `num_heads` heads, as TF1's.

    Args:
        decoder_inputs: A non-empty list of `[batch, depth]` tensors (known depth).
        initial_state: The cell's initial state.
        attention_states: `[batch, length, size]` memory (known `size`), e.g. the
            encoder's outputs.
        cell: The decoder cell.
        output_size: Depth of the outputs; default `cell.output_size`.
        num_heads: int >= 1, the number of attention heads.
        loop_function: As in `rnn_decoder`.
        dtype: The dtype of the variables; default the variable scope's.
        scope: Variable scope; default `"attention_decoder"`.
        initial_state_attention: If True, the first step's attentions are read with
            `initial_state` (to resume decoding); else they start at zero.

    Returns:
        `(outputs, state)`: a list of `[batch, output_size]` outputs and the final state.

    Raises:
        ValueError: no decoder inputs, `num_heads < 1`, an unknown
            `attention_states` depth or input depth.

    Example:

    >>> cell = GRUCell(4)
    >>> memory = tf.ones([2, 7, 6])
    >>> outputs, state = attention_decoder([tf.ones([2, 3])] * 5, cell.zero_state(2, tf.float32),
    ...                                    memory, cell, output_size=8, num_heads=2)
    >>> len(outputs), outputs[0].shape
    (5, TensorShape([2, 8]))
    """
    if not decoder_inputs:
        raise ValueError("`decoder_inputs` must hold at least one step. "
                         f"Received: decoder_inputs={decoder_inputs!r}")
    if num_heads < 1:
        raise ValueError("`num_heads` must be >= 1 (with no heads, use a decoder without "
                         f"attention: rnn_decoder). Received: num_heads={num_heads}")
    check_cell(cell)
    attention_states = tf.convert_to_tensor(attention_states)
    attention_size = static_dim(attention_states.shape, 2)
    if attention_size is None:
        raise ValueError("The depth of `attention_states` (shape[2]) must be known. "
                         f"Received: attention_states.shape={attention_states.shape}")
    if output_size is None:
        output_size = cell_output_size(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "attention_decoder", dtype=dtype) as variable_scope:
        dtype = variable_scope.dtype
        heads = _Heads(attention_states, attention_size, num_heads, dtype)
        batch_attention_shape = tf.stack([tf.shape(decoder_inputs[0])[0], attention_size])
        attentions = []
        for _ in range(num_heads):
            attentions.append(tf.zeros(batch_attention_shape, dtype))
            attentions[-1].set_shape([None, attention_size])
        if initial_state_attention:
            attentions = heads.read(initial_state)
        state = initial_state
        outputs = []
        for i, step_input in enumerate(decoder_inputs):
            step_input = next_input(i, step_input, outputs, loop_function)
            depth = static_dim(step_input.shape.with_rank(2), 1)
            if depth is None:
                raise ValueError("The depth of each decoder input must be known. "
                                 f"Received: decoder_inputs[{i}].shape={step_input.shape}")
            x = linear([tf.cast(t, dtype) for t in [step_input] + attentions], depth)
            cell_output, state = call_cell(cell, x, state)
            with tf.compat.v1.variable_scope(
                    tf.compat.v1.get_variable_scope(),
                    reuse=True if i == 0 and initial_state_attention else None):
                attentions = heads.read(state)
            with tf.compat.v1.variable_scope("AttnOutputProjection"):
                outputs.append(linear([tf.cast(cell_output, dtype)] + attentions, output_size))
    return outputs, state


class _Heads:
    """The attention heads over one memory: their `AttnW_<h>` features and `AttnV_<h>` vectors."""

    def __init__(self, attention_states, attention_size, num_heads, dtype):
        self._length = (static_dim(attention_states.shape, 1)
                        or tf.shape(attention_states)[1])
        self._size = attention_size
        self._dtype = dtype
        self._memory = tf.reshape(attention_states, [-1, self._length, 1, attention_size])
        self._features, self._vectors = [], []
        for head in range(num_heads):
            kernel = tf.compat.v1.get_variable(f"AttnW_{head}", [1, 1, attention_size,
                                                                 attention_size], dtype=dtype)
            self._features.append(tf.nn.conv2d(self._memory, kernel, [1, 1, 1, 1], "SAME"))
            self._vectors.append(tf.compat.v1.get_variable(f"AttnV_{head}", [attention_size],
                                                           dtype=dtype))

    def read(self, query):
        """One `[batch, size]` attention read per head, queried by `query` (a state)."""
        query = tf.concat(tf.nest.flatten(query), 1) if tf.nest.is_nested(query) else query
        reads = []
        for head, (features, vector) in enumerate(zip(self._features, self._vectors)):
            with tf.compat.v1.variable_scope(f"Attention_{head}"):
                projected = tf.cast(tf.reshape(linear(query, self._size), [-1, 1, 1, self._size]),
                                    self._dtype)
                scores = tf.reduce_sum(vector * tf.tanh(features + projected), [2, 3])
                weights = tf.cast(tf.nn.softmax(tf.cast(scores, tf.float32)), self._dtype)
                read = tf.reduce_sum(tf.reshape(weights, [-1, self._length, 1, 1]) * self._memory,
                                     [1, 2])
                reads.append(tf.reshape(read, [-1, self._size]))
        return reads


def linear(args, output_size):
    """TF1's `core_rnn_cell._Linear` with a bias: `concat(args, 1) . kernel + bias`.

    `kernel [sum of depths, output_size]` and `bias [output_size]` (zeros, never
    partitioned) are made with `get_variable` in the current variable scope.

    Raises:
        ValueError: an argument is not 2-D or has an unknown depth.
    """
    args = list(args) if isinstance(args, (list, tuple)) else [args]
    depth = 0
    for i, arg in enumerate(args):
        arg_depth = static_dim(arg.shape, 1) if arg.shape.rank == 2 else None
        if arg_depth is None:
            raise ValueError("Each input of a linear projection must be 2-D with a known depth. "
                             f"Received: args[{i}].shape={arg.shape}")
        depth += arg_depth
    dtype = args[0].dtype
    kernel = tf.compat.v1.get_variable("kernel", [depth, output_size], dtype=dtype)
    with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope()) as bias_scope:
        bias_scope.set_partitioner(None)
        bias = tf.compat.v1.get_variable("bias", [output_size], dtype=dtype,
                                         initializer=tf.compat.v1.zeros_initializer())
    product = tf.matmul(args[0] if len(args) == 1 else tf.concat(args, 1), kernel)
    return tf.nn.bias_add(product, bias)


def embedding_attention_decoder(decoder_inputs, initial_state, attention_states, cell, num_symbols,
                                embedding_size, num_heads=1, output_size=None,
                                output_projection=None, feed_previous=False,
                                update_embedding_for_previous=True, dtype=None, scope=None,
                                initial_state_attention=False):
    """`attention_decoder` on embedded symbols, with greedy decoding.

    The symbols are looked up in a new variable `embedding [num_symbols, embedding_size]`.

    Args:
        decoder_inputs: A list of `[batch]` int tensors (symbols).
        initial_state, attention_states, cell, num_heads, initial_state_attention: As in
            `attention_decoder`.
        num_symbols: int, the number of symbols.
        embedding_size: int, the depth of each embedding vector.
        output_size: Depth of the outputs; default `cell.output_size`.
        output_projection, feed_previous, update_embedding_for_previous: As in
            `embedding_rnn_decoder` (`feed_previous` is a bool).
        dtype: The dtype of the variables; default the variable scope's.
        scope: Variable scope; default `"embedding_attention_decoder"`.

    Returns:
        `(outputs, state)`, as `attention_decoder`.

    Raises:
        ValueError: `output_projection[1]` is not `[num_symbols]`, or as `attention_decoder`.

    Example:

    >>> cell = GRUCell(4)
    >>> outputs, _ = embedding_attention_decoder(
    ...     [tf.constant([0, 1])] * 3, cell.zero_state(2, tf.float32), tf.ones([2, 5, 4]),
    ...     cell, num_symbols=6, embedding_size=3, output_size=6, feed_previous=True)
    >>> outputs[-1].shape
    TensorShape([2, 6])
    """
    check_cell(cell)
    if output_size is None:
        output_size = cell_output_size(cell)
    if output_projection is not None:
        check_output_projection(output_projection, num_symbols, dtype, check_weights=False)
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "embedding_attention_decoder", dtype=dtype):
        embedding = tf.compat.v1.get_variable("embedding", [num_symbols, embedding_size])
        loop_function = (argmax_and_embed(embedding, output_projection,
                                          update_embedding_for_previous)
                         if feed_previous else None)
        inputs = [tf.nn.embedding_lookup(embedding, symbols) for symbols in decoder_inputs]
        return attention_decoder(inputs, initial_state, attention_states, cell,
                                 output_size=output_size, num_heads=num_heads,
                                 loop_function=loop_function,
                                 initial_state_attention=initial_state_attention)


def embedding_attention_seq2seq(encoder_inputs, decoder_inputs, cell, num_encoder_symbols,
                                num_decoder_symbols, embedding_size, num_heads=1,
                                output_projection=None, feed_previous=False, dtype=None,
                                scope=None, initial_state_attention=False):
    """Encodes embedded symbols with a copy of `cell`; decodes attending over its outputs.

    The encoder is `EmbeddingWrapper(copy of cell)` run by `static_rnn`; its outputs,
    stacked to `[batch, length, cell.output_size]`, are the attention states of an
    `embedding_attention_decoder` starting from its final state. Without
    `output_projection` the decoder cell is wrapped in an `OutputProjectionWrapper` to
    `num_decoder_symbols`, which is also the output depth.

    Args:
        encoder_inputs, decoder_inputs: Lists of `[batch]` int tensors (symbols).
        cell: The cell of both (the encoder runs on a copy).
        num_encoder_symbols, num_decoder_symbols: ints, the vocabulary sizes.
        embedding_size: int, the depth of the embedding vectors.
        num_heads, initial_state_attention: As in `attention_decoder`.
        output_projection: As in `embedding_rnn_seq2seq`.
        feed_previous: A bool, or a scalar bool tensor (both graphs under `tf.cond`).
        dtype: The dtype of the initial state and variables; default the scope's.
        scope: Variable scope; default `"embedding_attention_seq2seq"`.

    Returns:
        `(outputs, state)` of the decoder.

    Raises:
        ValueError: as `embedding_attention_decoder`.

    Example:

    >>> symbols = [tf.constant([1, 2])] * 3
    >>> outputs, state = embedding_attention_seq2seq(symbols, symbols[:2], GRUCell(4), 5, 6,
    ...                                              embedding_size=3, num_heads=2)
    >>> len(outputs), outputs[0].shape
    (2, TensorShape([2, 6]))
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "embedding_attention_seq2seq", dtype=dtype) as variable_scope:
        dtype = variable_scope.dtype
        encoder_cell = part("encoder", lambda: EmbeddingWrapper(
            copy.deepcopy(cell), embedding_classes=num_encoder_symbols,
            embedding_size=embedding_size))
        encoder_outputs, encoder_state = encode(encoder_cell, encoder_inputs, dtype)
        depth = cell_output_size(cell)
        attention_states = tf.concat([tf.reshape(e, [-1, 1, depth]) for e in encoder_outputs], 1)
        output_size = None
        decoder_cell = cell
        if output_projection is None:
            decoder_cell = part("decoder", lambda: OutputProjectionWrapper(cell,
                                                                           num_decoder_symbols))
            output_size = num_decoder_symbols

        def decode(feed, update_embedding):
            return embedding_attention_decoder(
                decoder_inputs, encoder_state, attention_states, decoder_cell,
                num_decoder_symbols, embedding_size, num_heads=num_heads, output_size=output_size,
                output_projection=output_projection, feed_previous=feed,
                update_embedding_for_previous=update_embedding,
                initial_state_attention=initial_state_attention)

        return decode_feeding(feed_previous, decode)
