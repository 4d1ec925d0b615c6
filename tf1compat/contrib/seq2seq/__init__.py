"""`tf1compat.contrib.seq2seq`: TF1's `tf.contrib.seq2seq` (decoders, helpers, attention,
beam search, sequence loss) with TF1's semantics, numbers and variable names."""

from tf1compat.contrib.seq2seq.attention import (AttentionMechanism, BahdanauAttention,
                                                 BahdanauMonotonicAttention, LuongAttention,
                                                 LuongMonotonicAttention)
from tf1compat.contrib.seq2seq.attention_probabilities import (hardmax, monotonic_attention,
                                                               safe_cumprod)
from tf1compat.contrib.seq2seq.attention_wrapper import AttentionWrapper, AttentionWrapperState
from tf1compat.contrib.seq2seq.basic_decoder import BasicDecoder, BasicDecoderOutput
from tf1compat.contrib.seq2seq.beam_search import (BeamSearchDecoder, BeamSearchDecoderOutput,
                                                   BeamSearchDecoderState,
                                                   FinalBeamSearchDecoderOutput)
from tf1compat.contrib.seq2seq.beam_search_ops import gather_tree, tile_batch
from tf1compat.contrib.seq2seq.decoder import Decoder, dynamic_decode
from tf1compat.contrib.seq2seq.helpers import (CustomHelper, Helper,
                                               ScheduledEmbeddingTrainingHelper,
                                               ScheduledOutputTrainingHelper, TrainingHelper)
from tf1compat.contrib.seq2seq.inference_helpers import (GreedyEmbeddingHelper, InferenceHelper,
                                                         SampleEmbeddingHelper)
from tf1compat.contrib.seq2seq.loss import sequence_loss

__all__ = ["Decoder", "dynamic_decode", "BasicDecoder", "BasicDecoderOutput", "Helper",
           "CustomHelper", "TrainingHelper", "GreedyEmbeddingHelper", "SampleEmbeddingHelper",
           "ScheduledEmbeddingTrainingHelper", "ScheduledOutputTrainingHelper",
           "InferenceHelper", "sequence_loss", "BeamSearchDecoder", "BeamSearchDecoderOutput",
           "BeamSearchDecoderState", "FinalBeamSearchDecoderOutput", "gather_tree", "tile_batch",
           "AttentionMechanism", "BahdanauAttention", "LuongAttention", "BahdanauMonotonicAttention",
           "LuongMonotonicAttention", "hardmax", "safe_cumprod", "monotonic_attention",
           "AttentionWrapper", "AttentionWrapperState"]
