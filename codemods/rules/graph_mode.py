"""`graph-mode`: TF1 programs that run a `Session` get `disable_v2_behavior()` after their import.

TF1 graph code (placeholders, `Session`, `Dimension.value`) only runs on TF 2.x with the v2
behaviour off, and neither `tf_upgrade_v2` nor the RNN rules add that. A file that creates a
session (`tf.Session`, `tf.InteractiveSession`, `tf.train.MonitoredTrainingSession`, ...
in any spelling) and does not already turn eager execution or the v2 behaviour off gets
`<alias>.compat.v1.disable_v2_behavior()` right after the import that binds the alias the
session is created with (`import tensorflow as tf`, wherever it is: after
`os.environ[...] = ...`, in a function, in a notebook cell), followed by the import lines
right after it. Without a plain `import tensorflow[.compat.v1] [as X]` to spell it with, the
file is reported instead.

Plain files are decided on Python's `ast` (`codemods.rules.graph_mode_ast`); the others are
planned with libcst's scope analysis (`codemods.rules.graph_mode_plan`).
"""

from codemods.rule import InsertionRule
from codemods.rules.graph_mode_ast import plan_graph_mode_on_ast

RULE = InsertionRule(
    name="graph-mode",
    summary="files that run a TF1 Session get tf.compat.v1.disable_v2_behavior() after their "
    "tensorflow import",
    planner="codemods.rules.graph_mode_plan:plan_graph_mode",
    ast_planner=plan_graph_mode_on_ast,
    markers=(("tensorflow",), ("Session",)),
)
