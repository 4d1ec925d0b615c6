"""`tf1compat.contrib`: replacements for the parts of `tf.contrib` that RNN code used."""

from tf1compat.contrib import cudnn_rnn, layers, legacy_seq2seq, rnn, seq2seq

__all__ = ["cudnn_rnn", "layers", "legacy_seq2seq", "rnn", "seq2seq"]
