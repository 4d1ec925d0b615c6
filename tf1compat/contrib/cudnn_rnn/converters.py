"""`CudnnParamsFormatConverter*`: a cuDNN RNN's weights in three layouts, as TF1 converted them.

- TF canonical: the variables of the compatible cells, per layer and direction (forward
  first): LSTM `kernel [D + H, 4H]` (gates i, j, f, o), `bias [4H]`; GRU `gates/kernel
  [D + H, 2H]` (r, u), `candidate/input_projection/kernel [D, H]`,
  `candidate/hidden_projection/kernel [H, H]` and their biases; RNN `kernel [D + H, H]`,
  `bias [H]`. A list holds every weight, then every bias.
- cuDNN canonical: per layer and direction, one `[H, D]` matrix per gate applied to the
  input, one `[H, H]` per gate applied to the state (cuDNN's gate order: LSTM i, f, c, o;
  GRU r, u, h), then one bias per matrix. cuDNN adds both biases of a gate, so TF1 saves
  their sum and restores each as half of it.
- Opaque: the buffer a cuDNN layer keeps in its one variable: every cuDNN canonical matrix
  (row-major) of every layer and direction, then every bias. This is cuDNN's packing of
  these models as TF1's GPU kernels filled it and as GPU-trained checkpoints store it; it
  was not compared with a GPU here (this machine has none).
"""

import tensorflow as tf

CUDNN_RNN_UNIDIRECTION = "unidirectional"
CUDNN_RNN_BIDIRECTION = "bidirectional"
CUDNN_INPUT_LINEAR_MODE = "linear_input"
CUDNN_INPUT_SKIP_MODE = "skip_input"
CUDNN_INPUT_AUTO_MODE = "auto_select"


def check_direction(direction):
    """Raises `ValueError` unless `direction` is `"unidirectional"` or `"bidirectional"`."""
    if direction not in (CUDNN_RNN_UNIDIRECTION, CUDNN_RNN_BIDIRECTION):
        raise ValueError(f"Invalid direction: expecting {CUDNN_RNN_UNIDIRECTION!r} or "
                         f"{CUDNN_RNN_BIDIRECTION!r}. Received: direction={direction!r}")


def check_input_mode(input_mode, input_size=None, num_units=None):
    """Raises unless `input_mode` is TF1's and means a linear input projection.

    Raises:
        ValueError: not one of `linear_input`, `skip_input`, `auto_select`.
        NotImplementedError: `skip_input`, or `auto_select` with `input_size ==
            num_units` (which selects it): cuDNN then feeds the first layer its
            inputs without weights, which the compatible cells cannot do.
    """
    modes = (CUDNN_INPUT_LINEAR_MODE, CUDNN_INPUT_SKIP_MODE, CUDNN_INPUT_AUTO_MODE)
    if input_mode not in modes:
        raise ValueError(f"Invalid input_mode: expecting one of {modes}. "
                         f"Received: input_mode={input_mode!r}")
    skips = input_mode == CUDNN_INPUT_SKIP_MODE or (
        input_mode == CUDNN_INPUT_AUTO_MODE and input_size is not None
        and input_size == num_units)
    if skips:
        raise NotImplementedError(
            "tf1compat computes cuDNN RNNs with the compatible cells, which always project "
            "their inputs: use input_mode='linear_input'. Received: "
            f"input_mode={input_mode!r}, input_size={input_size}, num_units={num_units}")


class _FormatConverter:
    """Converts between the three layouts (module docstring) for one model configuration.

    Subclasses set `_gates` (cuDNN matrices per side) and convert one layer and direction
    with `_to_cudnn(tf_weights, tf_biases)` and `_from_cudnn(cu_weights, cu_biases)`.

    Args:
        num_layers: int, the number of layers.
        num_units: int, the number of units H.
        input_size: int, the depth D of the first layer's inputs.
        num_proj: Projection size: only `None` or 0 (TF1's layers never set it).
        input_mode: `"linear_input"` (`"auto_select"` when `input_size != num_units`).
        direction: `"unidirectional"` or `"bidirectional"`.

    Raises:
        ValueError: an invalid `direction` or `input_mode`.
        NotImplementedError: `num_proj`, or an input mode that skips the projection.
    """

    _gates = None
    _tf_weights_per_layer = 1

    def __init__(self, num_layers, num_units, input_size, num_proj=None,
                 input_mode=CUDNN_INPUT_LINEAR_MODE, direction=CUDNN_RNN_UNIDIRECTION):
        check_direction(direction)
        check_input_mode(input_mode, input_size, num_units)
        if num_proj:
            raise NotImplementedError("LSTM projections (cuDNN 7.1's num_proj) are not "
                                      f"supported by tf1compat. Received: num_proj={num_proj}")
        self._num_layers = num_layers
        self._num_units = num_units
        self._input_size = input_size
        self._num_dirs = 1 if direction == CUDNN_RNN_UNIDIRECTION else 2

    def _input_width(self, layer):
        return self._input_size if layer == 0 else self._num_units * self._num_dirs

    def _pseudo_layers(self):
        """The input width of each (layer, direction), in cuDNN's order."""
        return [self._input_width(layer) for layer in range(self._num_layers)
                for _ in range(self._num_dirs)]

    def cudnn_weight_shapes(self):
        """The shapes of the cuDNN canonical matrices, in order."""
        units, gates = self._num_units, self._gates
        return [shape for width in self._pseudo_layers()
                for shape in [(units, width)] * gates + [(units, units)] * gates]

    def cudnn_bias_shapes(self):
        """The shapes of the cuDNN canonical biases, in order."""
        return [(self._num_units,)] * (2 * self._gates * len(self._pseudo_layers()))

    def opaque_size(self):
        """The number of values in the opaque buffer."""
        sizes = [a * b for a, b in self.cudnn_weight_shapes()]
        return sum(sizes) + self._num_units * len(self.cudnn_bias_shapes())

    def tf_canonical_to_opaque(self, tf_canonicals, weights_proj=None):
        """The opaque buffer of the TF canonical weights then biases `tf_canonicals`."""
        del weights_proj  # always None: `num_proj` is refused
        half = len(tf_canonicals) // 2
        weights, biases = self.tf_canonical_to_cudnn(tf_canonicals[:half], tf_canonicals[half:])
        return self.cudnn_to_opaque(weights, biases)

    def opaque_to_tf_canonical(self, opaque_param):
        """`(weights, biases)`: the TF canonical lists held by the opaque buffer."""
        return self.cudnn_to_tf_canonical(*self.opaque_to_cudnn(opaque_param))

    def cudnn_to_opaque(self, cu_weights, cu_biases):
        """Packs cuDNN canonical matrices and biases into one opaque vector."""
        return tf.concat([tf.reshape(w, [-1]) for w in cu_weights] + list(cu_biases), 0)

    def opaque_to_cudnn(self, opaque_param):
        """`(weights, biases)`: the cuDNN canonical lists cut from the opaque buffer."""
        weight_shapes, bias_shapes = self.cudnn_weight_shapes(), self.cudnn_bias_shapes()
        sizes = [a * b for a, b in weight_shapes] + [s for s, in bias_shapes]
        pieces = tf.split(tf.reshape(opaque_param, [-1]), sizes)
        weights = [tf.reshape(p, s) for p, s in zip(pieces, weight_shapes)]
        return weights, pieces[len(weight_shapes):]

    def tf_canonical_to_cudnn(self, tf_weights, tf_biases):
        """`(weights, biases)` in the cuDNN layout, from the TF canonical lists."""
        per_layer = self._tf_weights_per_layer
        cu_weights, cu_biases = [], []
        for i, width in enumerate(self._pseudo_layers()):
            part = slice(i * per_layer, (i + 1) * per_layer)
            weights, biases = self._to_cudnn(tf_weights[part], tf_biases[part], width)
            cu_weights += weights
            cu_biases += biases
        return cu_weights, cu_biases

    def cudnn_to_tf_canonical(self, cu_weights, cu_biases):
        """`(weights, biases)`: the TF canonical lists, from the cuDNN layout."""
        per_layer = 2 * self._gates
        tf_weights, tf_biases = [], []
        for i in range(len(self._pseudo_layers())):
            part = slice(i * per_layer, (i + 1) * per_layer)
            weights, biases = self._from_cudnn(cu_weights[part], cu_biases[part])
            tf_weights += weights
            tf_biases += biases
        return tf_weights, tf_biases


def _halves(bias, parts):
    """cuDNN's input and state biases restored from their sum: half of each part, twice."""
    pieces = [piece * 0.5 for piece in tf.split(bias, parts)]
    return pieces, pieces


def _stitch(input_matrices, state_matrices):
    """The TF kernel `[D + H, G]` of per-gate `[H, D]` and `[H, H]` cuDNN matrices."""
    return tf.transpose(tf.concat([tf.concat(input_matrices, 0), tf.concat(state_matrices, 0)], 1))


def _unstitch(kernel, width, gates):
    """The per-gate `[H, D]` and `[H, H]` cuDNN matrices of a TF kernel `[D + H, G]`."""
    rows = tf.transpose(kernel)
    input_part, state_part = rows[:, :width], rows[:, width:]
    return tf.split(input_part, gates, 0), tf.split(state_part, gates, 0)


class CudnnParamsFormatConverterLSTM(_FormatConverter):
    """Converts a `CudnnLSTM`'s weights (TF gate order i, j, f, o; cuDNN's i, f, c, o).

    Example:

    >>> converter = CudnnParamsFormatConverterLSTM(num_layers=1, num_units=2, input_size=3)
    >>> kernel, bias = tf.ones([5, 8]), tf.range(8.0)
    >>> opaque = converter.tf_canonical_to_opaque([kernel, bias])
    >>> opaque.shape
    TensorShape([56])
    >>> weights, biases = converter.opaque_to_tf_canonical(opaque)
    >>> biases[0].numpy()
    array([0., 1., 2., 3., 4., 5., 6., 7.], dtype=float32)
    """

    _gates = 4
    _ORDER = (0, 2, 1, 3)  # TF's i, j, f, o <-> cuDNN's i, f, c, o (its own inverse)

    def _to_cudnn(self, tf_weights, tf_biases, width):
        inputs, states = _unstitch(tf_weights[0], width, 4)
        input_biases, state_biases = _halves(tf_biases[0], 4)
        order = self._ORDER
        return ([inputs[g] for g in order] + [states[g] for g in order],
                [input_biases[g] for g in order] + [state_biases[g] for g in order])

    def _from_cudnn(self, cu_weights, cu_biases):
        order = self._ORDER
        kernel = _stitch([cu_weights[g] for g in order], [cu_weights[4 + g] for g in order])
        bias = tf.concat([cu_biases[g] + cu_biases[4 + g] for g in order], 0)
        return [kernel], [bias]


class CudnnParamsFormatConverterGRU(_FormatConverter):
    """Converts a `CudnnGRU`'s weights: the gates' kernel and bias are shared as in
    `LSTM`; the candidate's input and hidden projections keep a bias each."""

    _gates = 3
    _tf_weights_per_layer = 3

    def _to_cudnn(self, tf_weights, tf_biases, width):
        gate_kernel, input_kernel, hidden_kernel = tf_weights
        gate_bias, input_bias, hidden_bias = tf_biases
        inputs, states = _unstitch(gate_kernel, width, 2)
        input_biases, state_biases = _halves(gate_bias, 2)
        return (inputs + [tf.transpose(input_kernel)] + states + [tf.transpose(hidden_kernel)],
                input_biases + [input_bias] + state_biases + [hidden_bias])

    def _from_cudnn(self, cu_weights, cu_biases):
        gate_kernel = _stitch(cu_weights[0:2], cu_weights[3:5])
        gate_bias = tf.concat(cu_biases[0:2], 0) + tf.concat(cu_biases[3:5], 0)
        return ([gate_kernel, tf.transpose(cu_weights[2]), tf.transpose(cu_weights[5])],
                [gate_bias, cu_biases[2], cu_biases[5]])


class _BasicConverter(_FormatConverter):
    """Converts the weights of a plain RNN: one kernel, one bias per layer and direction."""

    _gates = 1

    def _to_cudnn(self, tf_weights, tf_biases, width):
        inputs, states = _unstitch(tf_weights[0], width, 1)
        input_biases, state_biases = _halves(tf_biases[0], 1)
        return inputs + states, input_biases + state_biases

    def _from_cudnn(self, cu_weights, cu_biases):
        return [_stitch(cu_weights[:1], cu_weights[1:])], [cu_biases[0] + cu_biases[1]]


class CudnnParamsFormatConverterTanh(_BasicConverter):
    """Converts a `CudnnRNNTanh`'s weights (`BasicRNNCell` kernel and bias)."""


class CudnnParamsFormatConverterRelu(_BasicConverter):
    """Converts a `CudnnRNNRelu`'s weights (`BasicRNNCell` kernel and bias)."""
