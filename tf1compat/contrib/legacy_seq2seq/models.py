"""Encoder-decoder models without attention: `basic_rnn_seq2seq`, `tied_rnn_seq2seq`, their
embedding versions and the multi-task `one2many_rnn_seq2seq`.

Each encodes with `static_rnn` (scope `rnn`) and decodes from the encoder's final state;
an untied encoder runs on a fresh copy of the cell (`copy.deepcopy`, as in TF1), so it has
variables of its own.
"""

import copy

import tensorflow as tf

from tf1compat.cells.adapter import check_cell
from tf1compat.cells.projection_wrappers import EmbeddingWrapper, OutputProjectionWrapper
from tf1compat.contrib.legacy_seq2seq._variables import part, variables_on
from tf1compat.contrib.legacy_seq2seq.decoder import (argmax_and_embed, check_output_projection,
                                                      decode_feeding, embedding_rnn_decoder,
                                                      encode, rnn_decoder)


def basic_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, dtype=tf.float32, scope=None):
    """Encodes with a copy of `cell`, then decodes with `cell` from the encoder's state.

    Args:
        encoder_inputs, decoder_inputs: Lists of `[batch, depth]` tensors.
        cell: The cell; the encoder runs on a copy with its own variables.
        dtype: The dtype of the encoder's initial state.
        scope: Variable scope; default `"basic_rnn_seq2seq"`.

    Returns:
        `(outputs, state)`: the decoder's outputs (one per decoder input) and final state.

    Example:

    >>> steps = [tf.ones([2, 3])] * 4
    >>> outputs, state = basic_rnn_seq2seq(steps, steps[:2], GRUCell(5))
    >>> len(outputs), state.shape
    (2, TensorShape([2, 5]))
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(scope or "basic_rnn_seq2seq"):
        _, encoder_state = encode(part("encoder", lambda: copy.deepcopy(cell)), encoder_inputs,
                                  dtype)
        return rnn_decoder(decoder_inputs, encoder_state, cell)


def tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, loop_function=None, dtype=tf.float32,
                     scope=None):
    """`basic_rnn_seq2seq` whose encoder and decoder share `cell` and its variables.

    Args:
        encoder_inputs, decoder_inputs: Lists of `[batch, depth]` tensors.
        cell: The cell of both.
        loop_function: As in `rnn_decoder`.
        dtype: The dtype of the encoder's initial state.
        scope: The variable scope both run in (`combined_tied_rnn_seq2seq/<scope>`);
            default `"tied_rnn_seq2seq"`.

    Returns:
        `(outputs, state)` of the decoder.

    Example:

    >>> steps = [tf.ones([2, 3])] * 4
    >>> cell = OutputProjectionWrapper(GRUCell(5), 3)
    >>> outputs, _ = tied_rnn_seq2seq(steps, steps, cell)
    >>> sorted({name.split("/")[2] for name in cell.tf1_variable_names})
    ['output_projection_wrapper']
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope("combined_tied_rnn_seq2seq"):
        scope = scope or "tied_rnn_seq2seq"
        _, encoder_state = encode(cell, encoder_inputs, dtype, scope=scope)
        tf.compat.v1.get_variable_scope().reuse_variables()
        return rnn_decoder(decoder_inputs, encoder_state, cell, loop_function=loop_function,
                           scope=scope)


def embedding_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, num_encoder_symbols,
                          num_decoder_symbols, embedding_size, output_projection=None,
                          feed_previous=False, dtype=None, scope=None):
    """Encodes embedded symbols with a copy of `cell`, then runs `embedding_rnn_decoder`.

    The encoder is `EmbeddingWrapper(copy of cell)` (variables `rnn/embedding_wrapper/...`);
    the decoder embeds its symbols in an embedding of its own and, without
    `output_projection`, projects its outputs to `num_decoder_symbols` logits with an
    `OutputProjectionWrapper`.

    Args:
        encoder_inputs, decoder_inputs: Lists of `[batch]` int tensors (symbols).
        cell: The cell of both (the encoder runs on a copy).
        num_encoder_symbols, num_decoder_symbols: ints, the vocabulary sizes.
        embedding_size: int, the depth of the embedding vectors.
        output_projection: `None`, or `(W, B)` mapping outputs to decoder symbol
            logits (then the outputs are the cell's, unprojected).
        feed_previous: A bool, or a scalar bool tensor: greedy decoding (see
            `embedding_rnn_decoder`); a tensor builds both graphs under `tf.cond`.
        dtype: The dtype of the initial state and variables; default the variable
            scope's (float32).
        scope: Variable scope; default `"embedding_rnn_seq2seq"`.

    Returns:
        `(outputs, state)` of the decoder.

    Raises:
        ValueError: `output_projection` has the wrong shape.

    Example:

    >>> symbols = [tf.constant([1, 2])] * 3
    >>> outputs, state = embedding_rnn_seq2seq(symbols, symbols, GRUCell(4), 5, 6,
    ...                                        embedding_size=3, feed_previous=True)
    >>> outputs[0].shape
    TensorShape([2, 6])
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "embedding_rnn_seq2seq") as variable_scope:
        if dtype is not None:
            variable_scope.set_dtype(dtype)
        dtype = variable_scope.dtype
        encoder_cell = part("encoder", lambda: EmbeddingWrapper(
            copy.deepcopy(cell), embedding_classes=num_encoder_symbols,
            embedding_size=embedding_size))
        _, encoder_state = encode(encoder_cell, encoder_inputs, dtype)
        decoder_cell = cell if output_projection is not None else part(
            "decoder", lambda: OutputProjectionWrapper(cell, num_decoder_symbols))

        def decode(feed, update_embedding):
            return embedding_rnn_decoder(
                decoder_inputs, encoder_state, decoder_cell, num_decoder_symbols, embedding_size,
                output_projection=output_projection, feed_previous=feed,
                update_embedding_for_previous=update_embedding)

        return decode_feeding(feed_previous, decode)


def embedding_tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, num_symbols, embedding_size,
                               num_decoder_symbols=None, output_projection=None,
                               feed_previous=False, dtype=None, scope=None):
    """`tied_rnn_seq2seq` on symbols embedded in one shared `embedding [num_symbols, depth]`.

    Without `output_projection`, `cell` is wrapped in an `OutputProjectionWrapper` to
    `num_decoder_symbols` (default `num_symbols`) logits, for the encoder too.

    Args:
        encoder_inputs, decoder_inputs: Lists of `[batch]` int tensors (symbols).
        cell: The cell of both.
        num_symbols: int, the size of the shared vocabulary.
        embedding_size: int, the depth of the embedding vectors.
        num_decoder_symbols: Optional int: the decoder predicts the first
            `num_decoder_symbols` symbols only.
        output_projection, feed_previous: As in `embedding_rnn_seq2seq`.
        dtype: The dtype of the initial state and variables; default the scope's.
        scope: Variable scope; default `"embedding_tied_rnn_seq2seq"`.

    Returns:
        `(outputs, state)` of the decoder.

    Raises:
        ValueError: `output_projection` has the wrong shape.

    Example:

    >>> symbols = [tf.constant([1, 2])] * 3
    >>> outputs, _ = embedding_tied_rnn_seq2seq(symbols, symbols, GRUCell(4), 5, 3,
    ...                                         num_decoder_symbols=4)
    >>> outputs[0].shape
    TensorShape([2, 4])
    """
    check_cell(cell)
    with variables_on(cell), tf.compat.v1.variable_scope(
            scope or "embedding_tied_rnn_seq2seq", dtype=dtype) as variable_scope:
        dtype = variable_scope.dtype
        if output_projection is not None:
            check_output_projection(output_projection, num_symbols, dtype)
        embedding = tf.compat.v1.get_variable("embedding", [num_symbols, embedding_size],
                                              dtype=dtype)
        embedded_encoder_inputs = [tf.nn.embedding_lookup(embedding, x) for x in encoder_inputs]
        embedded_decoder_inputs = [tf.nn.embedding_lookup(embedding, x) for x in decoder_inputs]
        output_symbols = num_symbols if num_decoder_symbols is None else num_decoder_symbols
        tied_cell = cell if output_projection is not None else part(
            "decoder", lambda: OutputProjectionWrapper(cell, output_symbols))

        def decode(feed, update_embedding):
            loop_function = (argmax_and_embed(embedding, output_projection, update_embedding)
                             if feed else None)
            return tied_rnn_seq2seq(embedded_encoder_inputs, embedded_decoder_inputs, tied_cell,
                                    loop_function=loop_function, dtype=dtype)

        return decode_feeding(feed_previous, decode)


def one2many_rnn_seq2seq(encoder_inputs, decoder_inputs_dict, enc_cell, dec_cells_dict,
                         num_encoder_symbols, num_decoder_symbols_dict, embedding_size,
                         feed_previous=False, dtype=None, scope=None):
    """One encoder, several decoders (multi-task), as TF1's `one2many_rnn_seq2seq`.

    The encoder is `EmbeddingWrapper(enc_cell)`; decoder `name` runs
    `embedding_rnn_decoder` with `OutputProjectionWrapper(dec_cells_dict[name])` in
    variable scope `one2many_decoder_<name>`.

    Args:
        encoder_inputs: A list of `[batch]` int tensors (symbols).
        decoder_inputs_dict: `{name: list of [batch] int tensors}`, one per decoder.
        enc_cell: The encoder cell (not copied).
        dec_cells_dict: `{name: cell}`, same keys as `decoder_inputs_dict`.
        num_encoder_symbols: int, the encoder vocabulary size.
        num_decoder_symbols_dict: `{name: int}`, each decoder's vocabulary size.
        embedding_size: int, the depth of all embedding vectors.
        feed_previous: A bool, or a scalar bool tensor (see `embedding_rnn_seq2seq`).
        dtype: The dtype of the initial states and variables; default the scope's.
        scope: Variable scope; default `"one2many_rnn_seq2seq"`.

    Returns:
        `(outputs_dict, state_dict)`: per decoder name, its outputs and final state.

    Raises:
        TypeError: `enc_cell` or a decoder cell is not a cell.
        ValueError: the keys of `dec_cells_dict` and `decoder_inputs_dict` differ, or
            `num_decoder_symbols_dict` lacks one of them.

    Example:

    >>> symbols = [tf.constant([1, 2])] * 3
    >>> outputs, states = one2many_rnn_seq2seq(
    ...     symbols, {"en": symbols, "fr": symbols[:2]}, GRUCell(4),
    ...     {"en": GRUCell(4), "fr": GRUCell(4)}, 5, {"en": 6, "fr": 7}, embedding_size=3)
    >>> len(outputs["fr"]), outputs["fr"][0].shape
    (2, TensorShape([2, 7]))
    """
    check_cell(enc_cell, "enc_cell")
    if set(dec_cells_dict) != set(decoder_inputs_dict):
        raise ValueError("`dec_cells_dict` and `decoder_inputs_dict` must have the same keys. "
                         f"Received: dec_cells_dict keys {sorted(map(str, dec_cells_dict))}, "
                         f"decoder_inputs_dict keys {sorted(map(str, decoder_inputs_dict))}")
    missing = set(decoder_inputs_dict) - set(num_decoder_symbols_dict)
    if missing:
        raise ValueError(f"`num_decoder_symbols_dict` needs a size for every decoder. Received: "
                         f"no size for {sorted(map(str, missing))}")
    for name, dec_cell in dec_cells_dict.items():
        check_cell(dec_cell, f"dec_cells_dict[{name!r}]")
    outputs_dict, state_dict = {}, {}
    with variables_on(enc_cell, "enc_cell"), tf.compat.v1.variable_scope(
            scope or "one2many_rnn_seq2seq", dtype=dtype) as variable_scope:
        dtype = variable_scope.dtype
        encoder_cell = part("encoder", lambda: EmbeddingWrapper(
            enc_cell, embedding_classes=num_encoder_symbols, embedding_size=embedding_size))
        _, encoder_state = encode(encoder_cell, encoder_inputs, dtype)
        for name, decoder_inputs in decoder_inputs_dict.items():
            num_symbols = num_decoder_symbols_dict[name]
            with tf.compat.v1.variable_scope(f"one2many_decoder_{name}"):
                decoder_cell = part("decoder", lambda: OutputProjectionWrapper(
                    dec_cells_dict[name], num_symbols))  # pylint: disable=cell-var-from-loop
                outputs_dict[name], state_dict[name] = decode_feeding(
                    feed_previous,
                    lambda feed, update: embedding_rnn_decoder(  # pylint: disable=cell-var-from-loop
                        decoder_inputs, encoder_state, decoder_cell, num_symbols, embedding_size,
                        feed_previous=feed, update_embedding_for_previous=update),
                    freeze_fed_embeddings=False)
    return outputs_dict, state_dict
