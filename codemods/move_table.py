"""The index of the module moves of the active symbol-move rules (see `codemods.symbols`).

A TensorFlow name is looked up under the longest source module path of the index: that is how
a rule handling `tensorflow.contrib.seq2seq` takes over from one covering `tensorflow.contrib`.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class _Entry:
    """A source module's rule name and `ModuleMove`."""

    rule: str
    move: object


class MoveTable:
    """Index of the module moves of the active rules.

    Args:
        rules: the active `SymbolMoveRule`s.
    """

    def __init__(self, rules):
        self._modules = {
            source: _Entry(rule.name, move)
            for rule in rules
            for move in rule.moves
            for source in move.sources
        }
        self._run_time_markers = tuple(
            (spelling, entry)
            for source, entry in self._modules.items()
            if entry.move.whole_module
            for spelling in (source, "tf." + source.partition(".")[2])
        )

    def module(self, name):
        """Returns the entry of module `name` itself, `None` if it is not a source module."""
        return None if name is None else self._modules.get(name)

    def member(self, name):
        """Splits `name` on its longest source-module prefix.

        Returns:
            `(entry, member, exact)` where `member` is the first name after the module and
            `exact` says nothing follows it; `None` when no source module prefixes `name`.
        """
        parts = name.split(".")
        for end in range(len(parts) - 1, 0, -1):
            entry = self._modules.get(".".join(parts[:end]))
            if entry is not None:
                return entry, parts[end], end == len(parts) - 1
        return None

    def missing_module(self, name):
        """Returns the entry of the whole module (see `ModuleMove`) that module `name` lies
        in, when tf1compat does not provide the part of it `name` names; else `None`.

        E.g. the entry of `tensorflow.contrib` for `tensorflow.contrib.seq2seq.python.ops`.
        """
        found = self.member(name)
        if found is None or not found[0].move.whole_module or found[1] in found[0].move.names:
            return None
        return found[0]

    def module_named_in(self, text):
        """Returns the entry of a whole module (see `ModuleMove`) named in `text`, or `None`."""
        return next((entry for marker, entry in self._run_time_markers if marker in text), None)


def missing_message(entry, subject, missing):
    """The finding's message for `subject`, text naming the TF name `missing`, which the
    module of `entry` holds and tf1compat does not provide."""
    if entry.move.target is None:
        module = ".".join(missing.split(".")[:3])
        return (
            f"{subject} is not migrated: TF 2 removed tf.contrib and no selected rule "
            f"migrates {module}; migrate it by hand (tf_upgrade_v2 converts a few "
            "tf.contrib names)"
        )
    return f"{subject} has no tf1compat equivalent (not in {entry.move.target}); migrate it by hand"


def value_use_message(subject, entry):
    """The finding's message for `subject`, text naming the module of `entry` used as a value."""
    return (
        f"{subject} is used as a value (a run-time lookup such as `getattr(module, name)`?): "
        f"check by hand that {entry.move.target} provides every name it is asked for"
    )
