"""TF1 checkpoints read as native Keras 3 layers: the cell type inferred from names and shapes.

TF1 names an RNN's variables by scope: `rnn/basic_lstm_cell/kernel`,
`rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias`, `bidirectional_rnn/fw/lstm_cell/kernel`.
`describe` lists what a checkpoint holds per scope; `load_tf1_checkpoint` turns one scope
into Keras cells (a `Bidirectional` layer for `fw`/`bw` pairs) with the weights re-laid out
exactly (`layouts`); `keras_rnn` wraps the result in the `keras.layers.RNN` that equals
`dynamic_rnn` given `sequence_length`.
"""

import collections
import dataclasses
import difflib
import re

import keras
import tensorflow as tf

from tf1compat.convert.layouts import built_with, gru_weights, lstm_weights, simple_rnn_weights

# Cell scope names -> (kind, {role: variable name inside the scope}).
_LAYOUTS = {
    "basic_rnn_cell": ("BasicRNNCell", {"kernel": "kernel", "bias": "bias"}),
    "basic_lstm_cell": ("BasicLSTMCell", {"kernel": "kernel", "bias": "bias"}),
    "lstm_cell": ("LSTMCell", {"kernel": "kernel", "bias": "bias"}),
    "gru_cell": ("GRUCell", {"gate_kernel": "gates/kernel", "gate_bias": "gates/bias",
                             "candidate_kernel": "candidate/kernel",
                             "candidate_bias": "candidate/bias"}),
}
# contrib's GRUBlockCell named its variables otherwise.
_GRU_BLOCK = ("GRUBlockCell", {"gate_kernel": "w_ru", "gate_bias": "b_ru",
                               "candidate_kernel": "w_c", "candidate_bias": "b_c"})
# Variables whose presence means the cell has no native Keras equivalent, and why.
_BY_KIND = dict([*_LAYOUTS.values(), _GRU_BLOCK])
_NO_EQUIVALENT = {"w_f_diag": "peepholes (use_peepholes=True)",
                  "projection/kernel": "an output projection (num_proj)"}
_REFUSED_CELLS = ("layer_norm_basic_lstm_cell", "nas_cell", "attention_cell_wrapper",
                  "cudnn_compatible_lstm_cell", "cudnn_compatible_gru_cell")


@dataclasses.dataclass
class ConvertedRNN:
    """What `load_tf1_checkpoint` returns.

    Attributes:
        cell: A built Keras 3 cell (`SimpleRNNCell`, `LSTMCell`, `GRUCell`,
            `StackedRNNCells`), or, for a bidirectional scope, a
            `keras.layers.Bidirectional` of two `RNN` layers.
        kinds: The TF1 cell type of each layer, e.g. `["BasicLSTMCell", "GRUCell"]`.
        skipped: Checkpoint variables under the scope that are not the cell's
            (optimizer slots, an output layer), which were not converted.
    """

    cell: object
    kinds: list
    skipped: list


def describe(checkpoint):
    """`{scope: [("<cell path>: <TF1 cell type>", [(variable, shape), ...]), ...]}` per RNN scope.

    Optimizer slots (`.../kernel/Adam`, also when the optimizer ran in a scope of its own:
    `train/rnn/.../kernel/Adam`) are left out.

    Args:
        checkpoint: Path or prefix of a TF1 checkpoint.

    Raises:
        ValueError: the checkpoint cannot be read.
    """
    shapes = _variable_shapes(checkpoint)
    found = collections.defaultdict(list)
    for name in sorted(shapes):
        if _is_slot(name, shapes):
            continue
        match = re.match(r"(.*?)/?((?:fw/|bw/)?(?:multi_rnn_cell/cell_\d+/)?)"
                         r"([a-z_]+cell|\w*[Ww]rapper)/", name + "/")
        if match and (match.group(3) in (*_LAYOUTS, *_REFUSED_CELLS) or _is_wrapper(match.group(3))):
            scope, cell = match.group(1), match.group(2) + match.group(3)
            found[(scope, cell)].append((name, shapes[name]))
    result = collections.defaultdict(list)
    for (scope, cell), variables in found.items():
        cell_scope = cell.rsplit("/", 1)[-1]
        inner = [name.split(f"{cell_scope}/", 1)[1] for name, _ in variables]
        try:
            kind = _kind_of(cell_scope, inner)
        except ValueError as refusal:
            kind = f"not convertible: {refusal}"
        result[scope].append((f"{cell}: {kind}", variables))
    return dict(result)


def load_tf1_checkpoint(path, scope="rnn", cell=None, forget_bias=1.0, dtype=None):
    """Reads the RNN under `scope` of a TF1 checkpoint as native Keras 3 cells, exactly.

    Args:
        path: Path or prefix of a TF1 checkpoint (as `Saver.save` wrote it).
        scope: The variable scope of the RNN: `dynamic_rnn`'s `scope` (default `"rnn"`),
            e.g. `"encoder/rnn"`, or `"bidirectional_rnn"` for a bidirectional one.
        cell: Optional TF1 cell type name (`"BasicLSTMCell"`, `"LSTMCell"`, `"GRUCell"`,
            `"GRUBlockCell"`, `"BasicRNNCell"`) when names are ambiguous.
        forget_bias: The LSTM's `forget_bias` (TF1 adds it at run time and never stores
            it; TF1's default is 1.0). It is folded into the Keras bias.
        dtype: Keras cell dtype; default: the checkpoint's.

    Returns:
        A `ConvertedRNN`: the Keras cell (or `Bidirectional` layer), the TF1 cell types,
        and the skipped variables.

    Raises:
        ValueError: unreadable checkpoint, unknown scope (the closest scopes are listed),
            or a cell with no exact Keras equivalent (peepholes, projections, layer norm,
            NAS, attention cells): keep using tf1compat's cell for those.

    Example:

    >>> converted = tf1compat.convert.load_tf1_checkpoint(path, scope="rnn")  # doctest: +SKIP
    >>> layer = tf1compat.convert.keras_rnn(converted)  # doctest: +SKIP
    """
    shapes = _variable_shapes(path)
    reader = tf.train.load_checkpoint(path)
    prefix = f"{scope}/" if scope else ""
    names = sorted(name for name in shapes if name.startswith(prefix))
    if not names:
        scopes = sorted(describe(path))
        raise ValueError(f"No variables under scope {scope!r} in checkpoint {path!r}. RNN scopes "
                         f"there: {scopes}; closest: {difflib.get_close_matches(scope, scopes)}")
    used = set()

    def read(name):
        used.add(name)
        value = reader.get_tensor(name)
        return value if dtype is None else value.astype(tf.as_dtype(dtype).as_numpy_dtype)

    def layer(sub):
        """The cell under `prefix + sub`: one cell, or a MultiRNNCell's stack."""
        stack = sorted({int(m.group(1)) for n in names
                        for m in [re.match(re.escape(prefix + sub) + r"multi_rnn_cell/cell_(\d+)/", n)]
                        if m})
        if stack:
            cells = [layer(f"{sub}multi_rnn_cell/cell_{i}/") for i in stack]
            return keras.layers.StackedRNNCells([c for c, _ in cells]), [k for _, ks in cells for k in ks]
        return _single_cell(prefix + sub, names, read, cell, forget_bias)

    if any(name.startswith(prefix + "fw/") for name in names):
        forward, kinds = layer("fw/")
        backward, backward_kinds = layer("bw/")
        result = _bidirectional(forward, backward)
        kinds = kinds + backward_kinds
    else:
        result, kinds = layer("")
    return ConvertedRNN(result, kinds, [name for name in names if name not in used])


def keras_rnn(cell_or_checkpoint, **load_options):
    """The `keras.layers.RNN` that computes what TF1's `dynamic_rnn` computed.

    Call it as `outputs, *states = layer(x, mask=tf.sequence_mask(lengths, T))` with
    batch-major `x` (transpose time-major data): past each length the outputs are zeros
    and the states are those after the last step, as in TF1. An LSTM's Keras state is
    `[h, c]`; `lstm_state_from_keras` gives TF1's `LSTMStateTuple(c, h)`.

    Args:
        cell_or_checkpoint: A checkpoint path (read with `load_tf1_checkpoint`), a
            `ConvertedRNN`, a built tf1compat cell (converted with `to_keras`) or a
            Keras cell.
        **load_options: `load_tf1_checkpoint`'s options, for a checkpoint path.

    Returns:
        `keras.layers.RNN(cell, return_sequences=True, return_state=True,
        zero_output_for_mask=True)`, or the `Bidirectional` layer of a bidirectional RNN.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.GRUCell(3)
    >>> outputs, _ = tf1compat.nn.dynamic_rnn(cell, tf.ones([2, 4, 5]), [4, 1], dtype=tf.float32)
    >>> keras_outputs, state = keras_rnn(cell)(tf.ones([2, 4, 5]),
    ...                                        mask=tf.sequence_mask([4, 1], 4))
    >>> bool(np.allclose(keras_outputs, outputs, atol=1e-6))
    True
    """
    from tf1compat.convert.cells import to_keras
    from tf1compat.cells import RNNCell

    if isinstance(cell_or_checkpoint, str):
        cell_or_checkpoint = load_tf1_checkpoint(cell_or_checkpoint, **load_options)
    cell = getattr(cell_or_checkpoint, "cell", cell_or_checkpoint)
    if isinstance(cell, RNNCell):
        cell = to_keras(cell)
    return cell if isinstance(cell, keras.layers.Bidirectional) else _rnn(cell)


def _rnn(cell, go_backwards=False):
    return keras.layers.RNN(cell, return_sequences=True, return_state=True,
                            zero_output_for_mask=True, go_backwards=go_backwards)


def _bidirectional(forward, backward):
    """`Bidirectional` of two RNN layers holding the converted cells' weights.

    Keras rebuilds the forward layer from its config (fresh weights), so the weights are
    copied in once it is built.
    """
    layer = keras.layers.Bidirectional(_rnn(forward), backward_layer=_rnn(backward, go_backwards=True),
                                       merge_mode=None)
    layer.build((None, None, forward.weights[0].shape[0]))
    for cell, built in ((forward, layer.forward_layer.cell), (backward, layer.backward_layer.cell)):
        for value, variable in zip(cell.weights, built.weights, strict=True):
            variable.assign(value)
    return layer


def _single_cell(prefix, names, read, cell, forget_bias):
    own = [n[len(prefix):] for n in names if n.startswith(prefix)]
    cell_scopes = sorted({n.split("/", 1)[0] for n in own if "/" in n})
    if len(cell_scopes) != 1:
        raise ValueError(f"Expected the variables of one cell under {prefix!r}; found scopes "
                         f"{cell_scopes}. Pass a narrower scope.")
    cell_scope = cell_scopes[0]
    inner = [n[len(cell_scope) + 1:] for n in own if n.startswith(cell_scope + "/")]
    kind = cell or _kind_of(cell_scope, inner)
    if kind not in _BY_KIND:
        raise ValueError(f"{kind} under {prefix + cell_scope!r} has no exact native Keras 3 "
                         "equivalent; keep using tf1compat's cell. Received: cell="
                         f"{cell!r}")
    roles = {role: read(f"{prefix}{cell_scope}/{name}") for role, name in _BY_KIND[kind].items()}
    if "gate_kernel" in roles:
        units = roles["candidate_bias"].shape[0]
        depth = roles["gate_kernel"].shape[0] - units
        keras_cell = keras.layers.GRUCell(units, reset_after=False,
                                          dtype=roles["gate_kernel"].dtype.name)
        return built_with(keras_cell, depth, gru_weights(depth=depth, **roles)), [kind]
    kernel, bias = roles["kernel"], roles["bias"]
    if kind == "BasicRNNCell":
        units = bias.shape[0]
        keras_cell = keras.layers.SimpleRNNCell(units, dtype=kernel.dtype.name)
        return built_with(keras_cell, kernel.shape[0] - units,
                          simple_rnn_weights(kernel, bias, kernel.shape[0] - units)), [kind]
    units = bias.shape[0] // 4
    keras_cell = keras.layers.LSTMCell(units, dtype=kernel.dtype.name)
    return built_with(keras_cell, kernel.shape[0] - units,
                      lstm_weights(kernel, bias, kernel.shape[0] - units, forget_bias)), [kind]


def _is_slot(name, names):
    """Whether `name` is an optimizer slot of a variable in `names` (`<scope/><variable>/<slot>`)."""
    parts = name.split("/")[:-1]
    return any("/".join(parts[start:]) in names for start in range(len(parts)))


def _kind_of(cell_scope, inner_names):
    """The TF1 cell type a cell scope's variable names say, refusing what Keras cannot hold."""
    for variable, feature in _NO_EQUIVALENT.items():
        if variable in inner_names:
            raise ValueError(f"The LSTM cell {cell_scope!r} has {feature}, which no native Keras 3 "
                             "cell has; keep using tf1compat.nn.rnn_cell.LSTMCell.")
    if cell_scope in _REFUSED_CELLS:
        raise ValueError(f"{cell_scope!r} has no exact native Keras 3 equivalent; keep using "
                         "tf1compat's cell.")
    if _is_wrapper(cell_scope):
        raise ValueError(f"{cell_scope!r} is a cell wrapper with variables of its own (an "
                         "AttentionWrapper, say), which no native Keras 3 RNN cell holds; keep "
                         "using tf1compat's wrapper.")
    if cell_scope not in _LAYOUTS:
        raise ValueError(f"{cell_scope!r} is not a cell scope tf1compat-convert knows "
                         f"({', '.join(sorted(_LAYOUTS))}); pass a narrower scope.")
    if cell_scope == "gru_cell" and "w_ru" in inner_names:
        return _GRU_BLOCK[0]
    return _LAYOUTS[cell_scope][0]


def _is_wrapper(cell_scope):
    """Whether a scope name is a wrapper's (`Attention_Wrapper`, TF1's AttentionWrapper scope)."""
    return cell_scope.lower().endswith("wrapper")


def _variable_shapes(checkpoint):
    try:
        return tf.train.load_checkpoint(checkpoint).get_variable_to_shape_map()
    except (tf.errors.OpError, RuntimeError, ValueError) as error:  # missing, truncated, corrupt
        raise ValueError(f"Cannot read a TF1 checkpoint at {checkpoint!r}: "
                         f"{str(error).splitlines()[0]}") from error
