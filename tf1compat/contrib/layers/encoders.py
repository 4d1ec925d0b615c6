"""contrib's `embed_sequence`: ids `[batch, length]` -> embeddings `[batch, length, dim]`."""

import tensorflow as tf

from tf1compat.tf1_layer import require_graph_mode, value_regularizer

__all__ = ["embed_sequence"]


def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """TF1's `tf.contrib.layers.embed_sequence` (graph mode).

    Looks `ids` up in `EmbedSequence/embeddings`, a `[vocab_size, embed_dim]` variable
    (Glorot uniform by default), in scope `scope`.

    Args:
        ids: Integer tensor `[batch, length]` (any shape works).
        vocab_size, embed_dim: The table's shape; may be omitted with `reuse`.
        unique: Look each distinct id up once (same values and gradients).
        initializer, regularizer, trainable: Of the table.
        scope, reuse: Variable scope (default `EmbedSequence`) and TF1 reuse flag.

    Returns:
        The embeddings, `ids.shape + [embed_dim]`.

    Raises:
        ValueError: `vocab_size` or `embed_dim` missing without `reuse`.
        RuntimeError: in eager mode or `tf.function` (use `keras.layers.Embedding`).

    Example:

    >>> with tf.Graph().as_default():
    ...     y = tf1compat.contrib.layers.embed_sequence(tf.constant([[1, 2]]), 10, 4)
    ...     print(y.shape, [v.op.name for v in tf.compat.v1.global_variables()])
    (1, 2, 4) ['EmbedSequence/embeddings']
    """
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Give `vocab_size` and `embed_dim` unless reusing an embedding. "
                         f"Received: vocab_size={vocab_size!r}, embed_dim={embed_dim!r}")
    require_graph_mode("tf1compat.contrib.layers.embed_sequence",
                       f"keras.layers.Embedding({vocab_size!r}, {embed_dim!r})", ids)
    with tf.compat.v1.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = None if vocab_size is None or embed_dim is None else [vocab_size, embed_dim]
        embeddings = tf.compat.v1.get_variable(
            "embeddings", shape=shape, initializer=initializer,
            regularizer=value_regularizer(regularizer), trainable=trainable)
        if not unique:
            return tf.nn.embedding_lookup(embeddings, ids)
        ids = tf.convert_to_tensor(ids)
        distinct, positions = tf.unique(tf.reshape(ids, [-1]))
        found = tf.gather(tf.nn.embedding_lookup(embeddings, distinct), positions)
        return tf.reshape(found, tf.concat([tf.shape(ids), tf.shape(found)[1:]], 0))
