"""`contrib-seq2seq`: `tf.contrib.seq2seq.X` and its imports move to `tf1compat.contrib.seq2seq`.

The rule holds its own table: the module paths real code imports `tf.contrib.seq2seq` by,
and the names tf1compat provides (every public name of TF 1.15's module).
"""

from codemods.rule import SymbolMoveRule
from codemods.symbols import ModuleMove

CONTRIB_SEQ2SEQ = frozenset({
    "Decoder", "dynamic_decode", "BasicDecoder", "BasicDecoderOutput",
    "Helper", "CustomHelper", "TrainingHelper", "GreedyEmbeddingHelper", "SampleEmbeddingHelper",
    "ScheduledEmbeddingTrainingHelper", "ScheduledOutputTrainingHelper", "InferenceHelper",
    "AttentionMechanism", "AttentionWrapper", "AttentionWrapperState", "BahdanauAttention",
    "LuongAttention", "BahdanauMonotonicAttention", "LuongMonotonicAttention",
    "monotonic_attention", "safe_cumprod", "hardmax",
    "BeamSearchDecoder", "BeamSearchDecoderOutput", "BeamSearchDecoderState",
    "FinalBeamSearchDecoderOutput", "gather_tree", "tile_batch",
    "sequence_loss",
})

CONTRIB_SEQ2SEQ_MOVE = ModuleMove(
    sources=("tensorflow.contrib.seq2seq",) + tuple(
        f"tensorflow.contrib.seq2seq.python.ops.{module}"
        for module in ("attention_wrapper", "basic_decoder", "beam_search_decoder",
                       "beam_search_ops", "decoder", "helper", "loss")),
    target="tf1compat.contrib.seq2seq",
    names=CONTRIB_SEQ2SEQ,
    whole_module=True,
)

RULE = SymbolMoveRule(
    name="contrib-seq2seq",
    summary="tf.contrib.seq2seq decoders, helpers, attention, beam search, sequence_loss -> "
    "tf1compat.contrib.seq2seq",
    moves=(CONTRIB_SEQ2SEQ_MOVE,),
    markers=(("tensorflow",), ("seq2seq",)),
)
