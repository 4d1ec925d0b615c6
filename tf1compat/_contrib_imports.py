"""`tensorflow.contrib` for zero-edit mode (`tf1compat.install`): its modules, by import and by
attribute, each an alias of the tf1compat module that replaces it.

The module paths are those `tf1compat-migrate` rewrites: the tables of its rules
(`tensorflow.contrib.rnn`, `...rnn.python.ops.rnn_cell`, `tensorflow.contrib.seq2seq`, ...),
each with the names tf1compat provides there, plus `tensorflow.contrib.framework.nest`
(TensorFlow's own `nest`, which TF1's was). Any other `tensorflow.contrib` module or name
raises, naming what is provided.
"""

import importlib
import importlib.abc
import importlib.machinery
import sys
import types

ROOT = "tensorflow.contrib"
_EXTRA = {f"{ROOT}.framework": ("tensorflow.python.util", frozenset({"nest"}), {})}


def module_table():
    """`{TF1 module path: (tf1compat module, provided names, {name: other home})}`."""
    from codemods.registry import RULES
    from codemods.symbols import is_removed

    table = dict(_EXTRA)
    for rule in RULES:
        for move in getattr(rule, "moves", ()):
            for source in move.sources:
                if move.target is not None and is_removed(source) and source != ROOT:
                    table[source] = (move.target, move.names, move.homes)
    return table


class ContribModule(types.ModuleType):
    """A `tensorflow.contrib...` module: a package whose names are those of its tf1compat
    module, and whose submodules are the known deeper paths."""

    def __init__(self, name, table):
        super().__init__(name)
        self.__path__ = []
        self._target, self._names, self._homes = table.get(name, (None, frozenset(), {}))
        self._children = sorted(path.rsplit(".", 1)[1] for path in _descendants(name, table)
                                if path.count(".") == name.count(".") + 1)
        self.__all__ = sorted(self._names)

    @classmethod
    def root(cls, finder):
        """The `tensorflow.contrib` module, imported (in `sys.modules`) through `finder`."""
        module = finder.create_module(importlib.machinery.ModuleSpec(ROOT, finder,
                                                                      is_package=True))
        sys.modules[ROOT] = module
        return module

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self._names:
            return getattr(importlib.import_module(self._homes.get(name, self._target)), name)
        if name in self._children:
            return importlib.import_module(f"{self.__name__}.{name}")
        raise AttributeError(
            f"{self.__name__}.{name} is not provided by tf1compat.install(). "
            f"{self.__name__} provides: {', '.join(self.__all__ + self._children) or 'nothing'}. "
            "Received: " + repr(name))

    def __dir__(self):
        return sorted(set(super().__dir__()) | self._names | set(self._children))


class ContribFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports `tensorflow.contrib` paths as `ContribModule`s; unknown ones raise."""

    def __init__(self, table):
        self._table = table
        self._known = {ROOT} | {prefix for path in table for prefix in _prefixes(path)}

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self._known:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if fullname.startswith(ROOT + "."):
            provided = sorted(path for path in self._table if path.count(".") == 2)
            raise ModuleNotFoundError(
                f"{fullname} is not provided by tf1compat.install(), which provides "
                f"{', '.join(provided)} and their python.* module paths. Received: {fullname}",
                name=fullname)
        return None

    def create_module(self, spec):
        return ContribModule(spec.name, self._table)

    def exec_module(self, module):
        """Nothing to run: the module forwards to tf1compat."""


def _prefixes(path):
    parts = path.split(".")
    return [".".join(parts[:end]) for end in range(3, len(parts) + 1)]


def _descendants(name, table):
    return {prefix for path in table for prefix in _prefixes(path)
            if prefix.startswith(name + ".")}


def imported_contrib_modules():
    """The `tensorflow.contrib...` entries of `sys.modules`."""
    return [name for name in sys.modules if name == ROOT or name.startswith(ROOT + ".")]
