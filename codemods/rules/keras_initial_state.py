"""`keras-initial-state`: TF1-style initial-state calls on Keras 3 cells.

Keras 3 cells only take `get_initial_state(batch_size)`: no `inputs`, no `dtype` (states are
created in the cell's own dtype), and they have no `zero_state`. When the receiver is provably
a Keras cell (a name, or `self.<attr>` in a class, only ever assigned
`keras.layers.<X>Cell(...)` / `StackedRNNCells(...)`), float32 calls are rewritten to
`get_initial_state(batch_size=...)`; other dtypes, `inputs=` without `batch_size` and
positional forms are reported. tf1compat cells keep the TF1 signature and are left alone.
"""

from codemods.rule import TransformRule

RULE = TransformRule(
    name="keras-initial-state",
    summary="get_initial_state(batch_size=, dtype=float32) / zero_state() on Keras 3 cells -> "
    "get_initial_state(batch_size=); reports other dtypes",
    transformer_class=(
        "codemods.rules.keras_initial_state_transformer:KerasInitialStateTransformer"
    ),
    markers=(("get_initial_state", "zero_state"), ("keras",)),
)
