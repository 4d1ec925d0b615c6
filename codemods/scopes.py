"""Scope analysis of a module: libcst's `ScopeProvider` metadata, in two walks of the tree.

`MetadataWrapper.resolve(ScopeProvider)` runs `ExpressionContextProvider` and then
`ScopeProvider` as two batches. Each of these providers does all its work in a walk of its own,
started from its `visit_Module`; the wrapper then walks the whole tree once more per batch to
call the providers' other visitor methods, which they do not have. libcst rebuilds every node
it walks, so these two empty walks were 40% of the cost of the analysis. Calling the providers'
`visit_Module` directly gives the same metadata from the same libcst code, in two walks.
"""

from libcst.metadata import ExpressionContextProvider, ScopeProvider


def resolve_scopes(module):
    """Returns libcst's `ScopeProvider` metadata for `module`.

    The same mapping as `MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)`
    (checked by `tests/codemods/test_scopes.py`), with the same precondition: no node object
    appears twice in `module`, as in any module fresh from the parser or a transformer.

    Args:
        module: a `libcst.Module`.

    Returns:
        `{node: Scope or None}` for the nodes of `module`.
    """
    contexts = ExpressionContextProvider()
    contexts.visit_Module(module)
    scopes = ScopeProvider()
    scopes.metadata = {ExpressionContextProvider: contexts._computed}
    scopes.visit_Module(module)
    return scopes._computed
