"""`tf1compat.contrib.legacy_seq2seq`: TF1's `tf.contrib.legacy_seq2seq` (the statically
unrolled encoder-decoders of the 2015 translation tutorial, with attention, buckets and
their losses), with TF1's numbers and variable names, so TF1 checkpoints restore.

In a TF1 graph each call builds its model as TF1 did; eagerly and in `tf.function` the
variables live on the cell passed in and later calls reuse them (see `_variables`).
"""

from tf1compat.contrib.legacy_seq2seq.attention import (attention_decoder,
                                                        embedding_attention_decoder,
                                                        embedding_attention_seq2seq)
from tf1compat.contrib.legacy_seq2seq.decoder import embedding_rnn_decoder, rnn_decoder
from tf1compat.contrib.legacy_seq2seq.loss import (model_with_buckets, sequence_loss,
                                                   sequence_loss_by_example)
from tf1compat.contrib.legacy_seq2seq.models import (basic_rnn_seq2seq, embedding_rnn_seq2seq,
                                                     embedding_tied_rnn_seq2seq,
                                                     one2many_rnn_seq2seq, tied_rnn_seq2seq)

__all__ = ["attention_decoder", "basic_rnn_seq2seq", "embedding_attention_decoder",
           "embedding_attention_seq2seq", "embedding_rnn_decoder", "embedding_rnn_seq2seq",
           "embedding_tied_rnn_seq2seq", "model_with_buckets", "one2many_rnn_seq2seq",
           "rnn_decoder", "sequence_loss", "sequence_loss_by_example", "tied_rnn_seq2seq"]
