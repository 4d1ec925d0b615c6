"""The name a migrated module refers to the `tf1compat` package by.

`tf1compat`, unless the module binds that name to something else (`tf1compat = "mine"`, a
parameter, a function, `import mine as tf1compat`), which the rewritten references would
then silently use. In that case the package is imported under an alias: the one of an
`import tf1compat as X` the module already has (from a previous run), else the first of
`_tf1compat`, `_tf1compat2`, ... that no scope of the module binds or uses.
"""

import itertools

import libcst as cst
from libcst.metadata import ImportAssignment

from codemods.cst_names import dotted_name

PACKAGE = "tf1compat"


def _imports_package(assignment):
    """Whether `assignment` is an `import tf1compat[.x]` binding the name `tf1compat`."""
    if not isinstance(assignment, ImportAssignment) or not isinstance(assignment.node, cst.Import):
        return False
    return any(
        dotted_name(alias.name).split(".")[0] == PACKAGE
        and (alias.asname is None or alias.asname.name.value == PACKAGE)
        for alias in assignment.node.names
    )


def _existing_alias(module):
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if alias.asname is not None and dotted_name(alias.name) == PACKAGE:
                            return alias.asname.name.value
    return None


def _names_in(scopes):
    names = set()
    for scope in scopes:
        names.update(assignment.name.split(".")[0] for assignment in scope.assignments)
        names.update(
            access.node.value for access in scope.accesses if isinstance(access.node, cst.Name)
        )
    return names


def package_name(module, scopes):
    """Returns the local name to spell `tf1compat` with in `module`.

    Args:
        module: a `libcst.Module`.
        scopes: its distinct `Scope`s (from `codemods.scopes.resolve_scopes`).
    """
    if all(_imports_package(a) for scope in scopes for a in scope.assignments[PACKAGE]):
        return PACKAGE
    existing = _existing_alias(module)
    if existing is not None:
        return existing
    taken = _names_in(scopes)
    suffixes = itertools.chain([""], map(str, itertools.count(2)))
    return next(name for name in (f"_{PACKAGE}{suffix}" for suffix in suffixes) if name not in taken)
