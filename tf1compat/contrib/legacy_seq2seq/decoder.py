"""The unrolled decoders `rnn_decoder` and `embedding_rnn_decoder`, and what every decoder shares:
feeding back the previous output (`loop_function`, `feed_previous`), the TF1 encoder and the
output projection check."""

import tensorflow as tf

from tf1compat.cells.adapter import call_cell, check_cell
from tf1compat.contrib.legacy_seq2seq._variables import variables_on
from tf1compat.nn.static_rnn import static_rnn


def rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):
    """Runs `cell` over a list of decoder inputs from `initial_state`, as TF1's `rnn_decoder`.

    Args:
        decoder_inputs: A list of `[batch, depth]` tensors, one per step.
        initial_state: The cell's state to start from (a structure matching
            `cell.state_size`).
        cell: A tf1compat or Keras 3 cell.
        loop_function: Optional `loop_function(prev, i) -> next_input`: from step 1 on,
            the input is computed from the previous output and `decoder_inputs[i]` is
            ignored (greedy decoding, or scheduled sampling in training). It runs in
            variable scope `loop_function` with `reuse=True`.
        scope: Variable scope; default `"rnn_decoder"`.

    Returns:
        `(outputs, state)`: the list of outputs (one per input) and the final state.

    Example:

    >>> cell = GRUCell(4)
    >>> inputs = [tf.ones([2, 3])] * 5
    >>> outputs, state = rnn_decoder(inputs, cell.zero_state(2, tf.float32), cell)
    >>> len(outputs), state.shape
    (5, TensorShape([2, 4]))
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(scope or "rnn_decoder"):
        state = initial_state
        outputs = []
        for i, step_input in enumerate(decoder_inputs):
            step_input = next_input(i, step_input, outputs, loop_function)
            output, state = call_cell(cell, step_input, state)
            outputs.append(output)
    return outputs, state


def next_input(i, decoder_input, outputs, loop_function):
    """The input of step `i`: `decoder_input`, or `loop_function` of the last output.

    From step 1 on, the variables of the current scope are reused, as in TF1.
    """
    if i > 0:
        tf.compat.v1.get_variable_scope().reuse_variables()
    if loop_function is None or not outputs:
        return decoder_input
    with tf.compat.v1.variable_scope("loop_function", reuse=True):
        return loop_function(outputs[-1], i)


def embedding_rnn_decoder(decoder_inputs, initial_state, cell, num_symbols, embedding_size,
                          output_projection=None, feed_previous=False,
                          update_embedding_for_previous=True, scope=None):
    """`rnn_decoder` on embedded symbols, with greedy decoding, as TF1's `embedding_rnn_decoder`.

    The symbols are looked up in a new variable `embedding [num_symbols, embedding_size]`.

    Args:
        decoder_inputs: A list of `[batch]` int tensors (symbols), one per step.
        initial_state: The cell's initial state.
        cell: The decoder cell.
        num_symbols: int, the number of symbols.
        embedding_size: int, the depth of each embedding vector.
        output_projection: `None`, or a pair `(W, B)` (`[output_size, num_symbols]`,
            `[num_symbols]`) that maps an output to symbol logits when feeding back.
        feed_previous: bool. If True, the input of each step after the first is the
            embedding of the previous output's argmax (greedy decoding).
        update_embedding_for_previous: If False (and `feed_previous`), no gradient flows
            into the embeddings of fed-back symbols.
        scope: Variable scope; default `"embedding_rnn_decoder"`.

    Returns:
        `(outputs, state)`, as `rnn_decoder`.

    Raises:
        ValueError: `output_projection` does not have the shapes above.

    Example:

    >>> cell = tf1compat.contrib.rnn.OutputProjectionWrapper(GRUCell(4), 6)
    >>> symbols = [tf.constant([0, 1])] * 3
    >>> outputs, _ = embedding_rnn_decoder(symbols, cell.zero_state(2, tf.float32), cell,
    ...                                    num_symbols=6, embedding_size=3, feed_previous=True)
    >>> outputs[-1].shape
    TensorShape([2, 6])
    """
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "embedding_rnn_decoder") as variable_scope:
        if output_projection is not None:
            check_output_projection(output_projection, num_symbols, variable_scope.dtype)
        embedding = tf.compat.v1.get_variable("embedding", [num_symbols, embedding_size])
        loop_function = (argmax_and_embed(embedding, output_projection,
                                          update_embedding_for_previous)
                         if feed_previous else None)
        inputs = [tf.nn.embedding_lookup(embedding, symbols) for symbols in decoder_inputs]
        return rnn_decoder(inputs, initial_state, cell, loop_function=loop_function)


def argmax_and_embed(embedding, output_projection=None, update_embedding=True):
    """TF1's greedy `loop_function`: embeds the argmax of the (projected) previous output."""

    def loop_function(previous_output, _):
        if output_projection is not None:
            previous_output = tf.compat.v1.nn.xw_plus_b(previous_output, *output_projection)
        embedded = tf.nn.embedding_lookup(embedding, tf.argmax(previous_output, 1))
        return embedded if update_embedding else tf.stop_gradient(embedded)

    return loop_function


def check_output_projection(output_projection, num_symbols, dtype, check_weights=True):
    """`output_projection` as two tensors of `dtype`, their shapes checked as TF1 checked them.

    Raises:
        ValueError: `W` is not `[output_size, num_symbols]` (when `check_weights`) or `B`
            not `[num_symbols]`.
    """
    weights, biases = (tf.convert_to_tensor(part, dtype=dtype) for part in output_projection)
    for name, tensor, shape, checked in (("output_projection[0]", weights, [None, num_symbols],
                                          check_weights),
                                         ("output_projection[1]", biases, [num_symbols], True)):
        if checked and not tensor.shape.is_compatible_with(shape):
            raise ValueError(f"`{name}` must have shape {shape} (num_symbols={num_symbols}). "
                             f"Received: {name}.shape={tensor.shape}")
    return weights, biases


def encode(cell, encoder_inputs, dtype, scope=None):
    """TF1's encoders: `static_rnn(cell, encoder_inputs, dtype=dtype, scope=scope)`.

    Symbols (`[batch]` ids for an `EmbeddingWrapper`) go in as `[batch, 1]`.
    """
    steps = [tf.expand_dims(x, 1) if x.shape.rank == 1 else x
             for x in map(tf.convert_to_tensor, encoder_inputs)]
    return static_rnn(cell, steps, dtype=dtype, scope=scope)


def decode_feeding(feed_previous, decode, freeze_fed_embeddings=True):
    """Runs a decoder for a bool `feed_previous`, or TF1's two graphs for a tensor one.

    Args:
        feed_previous: A Python bool, or a scalar bool tensor chosen at run time.
        decode: `decode(feed_previous: bool, update_embedding: bool) -> (outputs, state)`.
        freeze_fed_embeddings: Whether, for a tensor `feed_previous`, no gradient flows
            into the embeddings of fed-back symbols (TF1's choice, but for
            `one2many_rnn_seq2seq`).

    Returns:
        `(outputs, state)`. For a tensor, of the branch `tf.cond` takes: the True branch
        creates the variables, the False branch reuses them.
    """
    if isinstance(feed_previous, bool):
        return decode(feed_previous, True)
    built = []

    def branch(feed):
        with tf.compat.v1.variable_scope(tf.compat.v1.get_variable_scope(),
                                         reuse=None if feed else True):
            outputs, state = decode(feed, not freeze_fed_embeddings)
        built[:] = [len(outputs), state]
        return list(outputs) + tf.nest.flatten(state)

    flat = tf.compat.v1.cond(feed_previous, lambda: branch(True), lambda: branch(False))
    count, state = built
    return flat[:count], tf.nest.pack_sequence_as(state, flat[count:])
