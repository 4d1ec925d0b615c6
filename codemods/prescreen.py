"""A fast, sound second prefilter for the symbol-move rules, on Python's own `ast`.

The text prefilter lets through every file mentioning `tensorflow` and `rnn`, including the
many training scripts that only have `FLAGS.rnn_size`. This check resolves attribute chains
through the file's imports, ignoring scopes: it can only over-approximate what the libcst
pass (which does respect scopes) would touch, so a file it rejects is certainly unchanged and
libcst never has to parse it.
"""

import ast
import collections

from codemods.ast_bindings import Bindings, dotted
from codemods.symbols import normalize_tensorflow_name

_RUN_TIME_LOOKUPS = frozenset({"eval", "exec", "__import__", "import_module"})


def _touches(table, name):
    """Tells whether the libcst pass would rewrite or report the dotted `name` itself."""
    entry = table.module(name)
    if entry is not None:
        return entry.move.whole_module
    found = table.member(name)
    if found is None:
        return False
    entry, member, exact = found
    return exact and (member in entry.move.names or entry.move.whole_module)


def _imports_target(table, module):
    """Whether importing `module` is rewritten or reported by the libcst pass itself."""
    return _touches(table, module) or table.missing_module(module) is not None


def _import_paths(bindings, table):
    """Returns `(local name -> possible module paths, whether an import itself is a target)`."""
    paths = collections.defaultdict(set)
    for node in bindings.import_statements:
        if isinstance(node, ast.Import):
            for alias in node.names:
                module = normalize_tensorflow_name(alias.name)
                if (alias.asname and table.module(module)) or _imports_target(table, module):
                    return paths, True
                if alias.asname:
                    paths[alias.asname].add(alias.name)
                else:
                    root = alias.name.split(".")[0]
                    paths[root].add(root)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = normalize_tensorflow_name(node.module)
            if _imports_target(table, module):
                return paths, True
            for alias in node.names:
                if alias.name == "*":
                    if table.module(module) is not None:
                        return paths, True
                elif _touches(table, f"{module}.{alias.name}"):
                    return paths, True
                paths[alias.asname or alias.name].add(f"{node.module}.{alias.name}")
    return paths, False


def may_need_symbol_moves(tree, table):
    """Tells whether the symbol-move pass could change or report anything in a module.

    Args:
        tree: the module parsed by `ast.parse`.
        table: the `MoveTable` of the active symbol-move rules.
    """
    bindings = Bindings.of(tree)
    paths, import_is_target = _import_paths(bindings, table)
    if import_is_target:
        return True
    # A name alone (`rnn`) can only be touched through its import, checked above.
    for node in bindings.attributes:
        name = dotted(node)
        if name is None:
            continue
        base, _, rest = name.partition(".")
        for path in paths.get(base, ()):
            if _touches(table, normalize_tensorflow_name(f"{path}.{rest}")):
                return True
    for node in bindings.calls:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in _RUN_TIME_LOOKUPS:
            for arg in ast.walk(node):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if table.module_named_in(arg.value):
                        return True
    return False
