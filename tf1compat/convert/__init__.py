"""`tf1compat.convert`: the way out of the shims, to native Keras 3, exactly.

- `to_keras(cell)`: a built tf1compat cell as the equivalent Keras 3 cell.
- `load_tf1_checkpoint(path, scope)`: a TF1 checkpoint's RNN as Keras 3 cells, the cell
  type inferred from the variable names (`describe(path)` lists them).
- `keras_rnn(...)`: the `keras.layers.RNN` equal to TF1's `dynamic_rnn` with lengths.
- `tf1compat-convert CKPT --out model.keras`: the same from the command line.
"""

from tf1compat.convert.cells import lstm_state_from_keras, lstm_state_to_keras, to_keras
from tf1compat.convert.checkpoint import ConvertedRNN, describe, keras_rnn, load_tf1_checkpoint

__all__ = ["to_keras", "lstm_state_to_keras", "lstm_state_from_keras", "load_tf1_checkpoint",
           "keras_rnn", "describe", "ConvertedRNN"]
