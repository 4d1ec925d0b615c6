"""Zero-edit mode: unmodified TF1 code runs on tf1compat in this process.

`install()` points TensorFlow's TF1 RNN names at tf1compat; `uninstall()` puts back exactly
what was there. Nothing happens on `import tf1compat`: only these calls, or
`python -m tf1compat run script.py [args]` (which calls `install(compat_v1=True)`), patch.

`install()` patches, through the module objects (no file changes):

- `tf.contrib` (also `tf.compat.v1.contrib`) and the `tensorflow.contrib...` import paths,
  through a `sys.meta_path` finder: `rnn`, `seq2seq`, `legacy_seq2seq`, `layers`,
  `cudnn_rnn` and their `python.*` module paths, each the tf1compat module with the names
  it provides, and `framework.nest`; any other `tf.contrib` module raises, naming these.
- `tf.nn.rnn_cell` and the drivers `tf.nn.dynamic_rnn`, `raw_rnn`,
  `bidirectional_dynamic_rnn`, `static_rnn`, `static_bidirectional_rnn`,
  `static_state_saving_rnn`, in `tf.nn` and `tf.compat.v1.nn`.
- `tf.layers` and `tf.compat.v1.layers`.

`install(compat_v1=True)` also makes the TF1 names TensorFlow 2 keeps only under
`tf.compat.v1` reachable from `tf`, and switches to TF1 graph mode:

- every public name of `tf.compat.v1` that `tf` lacks (`tf.placeholder`, `tf.Session`,
  `tf.variable_scope`, `tf.get_variable`, `tf.set_random_seed`, ...), and likewise in each
  submodule both have (`tf.train.Saver`, `tf.train.AdamOptimizer`, `tf.nn.xw_plus_b`,
  `tf.random.set_random_seed`, ...): names TF 2 kept stay TF 2's;
- except `tf.losses`, `tf.metrics`, `tf.initializers`, `tf.summary`, whose TF 2 modules are
  other APIs under TF1's names: they become TF1's modules; and `tf.nn.dropout`, whose
  second argument TF 2 reads as `rate` where TF1 code passes `keep_prob`;
- `tf.compat.v1.disable_v2_behavior()`, if the v2 behaviour was on.

Not patched: names TF 2 kept with another signature (`tf.reduce_sum(keep_dims=...)`,
`tf.nn.conv2d(filter=...)` raise `TypeError`; `tf.data.Dataset` is TF 2's), the private
`tensorflow.python.ops.rnn` paths, and `tf.contrib` modules other than those above.
"""

import sys
import types

import tensorflow as tf

import tf1compat
from tf1compat import _contrib_imports

_RNN_FUNCTIONS = ("dynamic_rnn", "raw_rnn", "bidirectional_dynamic_rnn", "static_rnn",
                  "static_bidirectional_rnn", "static_state_saving_rnn")
_TF1_MODULES = ("losses", "metrics", "initializers", "summary")
_TF1_FUNCTIONS = (("nn", "dropout"),)
_NEVER_MERGED = ("compat", "keras", "contrib")
_ABSENT = object()
_installed = None


def install(compat_v1=False):
    """Makes unmodified TF1 code run on tf1compat in this process (see the module docstring).

    Args:
        compat_v1: Also make `tf.compat.v1`'s names reachable from `tf` and disable the v2
            behaviour (graph mode), for whole TF1 scripts.

    Raises:
        RuntimeError: already installed.

    Example:

    >>> tf1compat.install()
    >>> from tensorflow.contrib import rnn
    >>> rnn.LSTMCell is tf.nn.rnn_cell.LSTMCell is tf1compat.nn.rnn_cell.LSTMCell
    True
    >>> tf1compat.uninstall()
    >>> hasattr(tf, "contrib")
    False
    """
    global _installed
    if _installed is not None:
        raise RuntimeError("tf1compat is already installed: call tf1compat.uninstall() first. "
                           f"Received: compat_v1={compat_v1!r}")
    patches = _Patches()
    if compat_v1:
        patches.alias_compat_v1()
    patches.finder = _contrib_imports.ContribFinder(_contrib_imports.module_table())
    sys.meta_path.insert(0, patches.finder)
    contrib = _contrib_imports.ContribModule.root(patches.finder)
    for module in (tf, tf.compat.v1):
        patches.set(module, "contrib", contrib)
        patches.set(module, "layers", tf1compat.layers)
    for nn in (tf.nn, tf.compat.v1.nn):
        patches.set(nn, "rnn_cell", tf1compat.nn.rnn_cell)
        for name in _RNN_FUNCTIONS:
            patches.set(nn, name, getattr(tf1compat.nn, name))
    if compat_v1 and tf.executing_eagerly():
        tf.compat.v1.disable_v2_behavior()
        patches.disabled_v2 = True
    _installed = patches


def uninstall():
    """Puts back every name `install()` patched, removes its finder and `tensorflow.contrib`
    modules, and restores the v2 behaviour if `install` disabled it.

    Re-enabling eager execution needs a fresh default graph: the TF1 graph built in zero-edit
    mode is reset (`tf.compat.v1.reset_default_graph()`).

    Raises:
        RuntimeError: not installed.
    """
    global _installed
    if _installed is None:
        raise RuntimeError("tf1compat is not installed: nothing to uninstall. "
                           "Received: uninstall() without install()")
    patches, _installed = _installed, None
    patches.undo()


def installed():
    """Whether `install()` is in effect."""
    return _installed is not None


class _Patches:
    """The attributes set by `install`, with what each held before, and its other changes."""

    def __init__(self):
        self._saved = {}  # (id(module), name) -> (module, name, previous value or _ABSENT)
        self.finder = None
        self.disabled_v2 = False

    def set(self, module, name, value):
        key = (id(module), name)
        if key not in self._saved:
            self._saved[key] = (module, name, vars(module).get(name, _ABSENT))
        setattr(module, name, value)

    def alias_compat_v1(self):
        """Adds `tf.compat.v1`'s names that `tf` (and each shared submodule) lacks."""
        v1 = tf.compat.v1
        for name in _public(v1):
            if name in _NEVER_MERGED:
                continue
            value, current = getattr(v1, name), getattr(tf, name, _ABSENT)
            if current is _ABSENT or name in _TF1_MODULES:
                self.set(tf, name, value)
            elif isinstance(value, types.ModuleType) and isinstance(current, types.ModuleType):
                for member in _public(value):
                    if not hasattr(current, member):
                        self.set(current, member, getattr(value, member))
        for module, name in _TF1_FUNCTIONS:
            self.set(getattr(tf, module), name, getattr(getattr(v1, module), name))

    def undo(self):
        for module, name, previous in reversed(list(self._saved.values())):
            if previous is _ABSENT:
                delattr(module, name)
            else:
                setattr(module, name, previous)
        sys.meta_path.remove(self.finder)
        for name in _contrib_imports.imported_contrib_modules():
            del sys.modules[name]
        if self.disabled_v2:
            tf.compat.v1.reset_default_graph()
            tf.compat.v1.enable_v2_behavior()


def _public(module):
    return [name for name in dir(module) if not name.startswith("_")]
