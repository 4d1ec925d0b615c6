"""All migration rules, in the order they run, and selection by name."""

from codemods.rules import (
    contrib_cudnn_rnn,
    contrib_layers,
    contrib_rnn,
    contrib_seq2seq,
    contrib_unsupported,
    graph_mode,
    keras_initial_state,
    legacy_seq2seq,
    rnn_cell,
    rnn_functions,
    tf_layers,
)

RULES = (
    graph_mode.RULE,
    keras_initial_state.RULE,
    contrib_rnn.RULE,
    rnn_cell.RULE,
    rnn_functions.RULE,
    tf_layers.RULE,
    contrib_layers.RULE,
    contrib_seq2seq.RULE,
    legacy_seq2seq.RULE,
    contrib_cudnn_rnn.RULE,
    contrib_unsupported.RULE,
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


class UnknownRuleError(ValueError):
    """Raised for a rule name that does not exist."""


def _check_names(names):
    unknown = [name for name in names if name not in RULES_BY_NAME]
    if unknown:
        raise UnknownRuleError(
            f"unknown rule(s): {', '.join(unknown)}. "
            f"Valid rules: {', '.join(RULES_BY_NAME)}"
        )


def select_rules(only=(), skip=()):
    """Returns the rules to run.

    Args:
        only: rule names to run; empty means all.
        skip: rule names not to run.

    Returns:
        A tuple of rules, in registry order.

    Raises:
        UnknownRuleError: if a name in `only` or `skip` is not a rule.
    """
    _check_names([*only, *skip])
    return tuple(
        rule
        for rule in RULES
        if (not only or rule.name in only) and rule.name not in skip
    )
