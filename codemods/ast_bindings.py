"""The names a module binds, and how, read from its `ast` in one walk.

The `ast` fast paths (`codemods.ast_migration`) only act on names whose meaning is plain:
bound once, by a module-level import, and by nothing else anywhere in the file. For those,
libcst's scope analysis can only give the qualified name the import spells.
"""

import ast
import collections
import functools


class Bindings:
    """Every binding of every name of a module, its calls and its depth, in one walk.

    Args:
        tree: the module parsed by `ast.parse`.

    Attributes:
        imports: name -> `[(statement, path)]` of the module-level imports binding it; the
            path is the dotted name the import binds (`tensorflow.compat.v1` for
            `import tensorflow.compat.v1 as tf`, `tensorflow.keras.layers` for
            `from tensorflow.keras import layers`), `None` for `import a.b` (binds `a`).
        other_imports: names bound by imports below the module level or relative imports.
        roots: name -> the first components of the modules of all imports binding it
            (`"."` for relative imports).
        other: names bound by anything else (assignments, parameters, `def`, `global`, ...).
        loads: name -> how many times it is read (`ast.Name` in a load context).
        calls: every `ast.Call`.
        import_statements: every `ast.Import` and `ast.ImportFrom`.
        attributes: every `ast.Attribute`.
        attribute_uses: `(name, attribute)` of every `name.attribute`.
        depth: depth of the deepest node.
    """

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def of(tree):
        """The `Bindings` of `tree`, computed once for the rules that ask in turn."""
        return Bindings(tree)

    def __init__(self, tree):
        self.imports, self.other_imports, self.roots, self.other = {}, set(), {}, set()
        self.loads, self.calls, self.depth = collections.Counter(), [], 0
        self.import_statements, self.attributes, self.attribute_uses = [], [], set()
        top = {id(statement) for statement in tree.body}
        stack = [(tree, 1)]
        pop, push = stack.pop, stack.append
        while stack:  # `ast.walk` with depths; the hottest loop of the `ast` paths.
            node, depth = pop()
            kind = type(node)
            if kind is ast.Name:
                if type(node.ctx) is ast.Load:
                    self.loads[node.id] += 1
                else:
                    self.other.add(node.id)
                self.depth = max(self.depth, depth + 1)  # Its context is its only child.
                continue
            self.depth = max(self.depth, depth)
            if kind is ast.Constant:
                continue
            self._visit(node, kind, id(node) in top)
            depth += 1
            for field in node._fields:
                child = getattr(node, field, None)
                if isinstance(child, list):
                    for item in child:
                        if isinstance(item, ast.AST):
                            push((item, depth))
                elif isinstance(child, ast.AST):
                    push((child, depth))

    def _visit(self, node, kind, top):
        if kind is ast.Call:
            self.calls.append(node)
        elif kind is ast.Attribute:
            self.attributes.append(node)
            if type(node.value) is ast.Name:
                self.attribute_uses.add((node.value.id, node.attr))
        elif kind in (ast.Import, ast.ImportFrom):
            self.import_statements.append(node)
            self._visit_import(node, top)
        elif kind is ast.arg:
            self.other.add(node.arg)
        elif kind in (ast.Global, ast.Nonlocal):
            self.other.update(node.names)
        elif kind is ast.MatchMapping:
            if node.rest:
                self.other.add(node.rest)
        elif kind is not ast.alias and isinstance(getattr(node, "name", None), str):
            self.other.add(node.name)  # def, class, except ... as, match captures, type params.

    def _visit_import(self, node, top):
        relative = isinstance(node, ast.ImportFrom) and (node.level or not node.module)
        for alias in node.names:
            if alias.name == "*":
                continue  # libcst binds no name for it either.
            if isinstance(node, ast.Import):
                local = alias.asname or alias.name.partition(".")[0]
                path = alias.name if alias.asname or "." not in alias.name else None
                root = alias.name.partition(".")[0]
            else:
                local, path = alias.asname or alias.name, f"{node.module}.{alias.name}"
                root = "." if relative else node.module.partition(".")[0]
            self.roots.setdefault(local, set()).add(root)
            if top and not relative:
                self.imports.setdefault(local, []).append((node, path))
            else:
                self.other_imports.add(local)

    def imported(self, name):
        """Whether some import binds `name`."""
        return name in self.imports or name in self.other_imports

    def plain_import(self, name, repeated=False):
        """`(statement, path)` of the one module-level import that binds `name` when nothing
        else binds it anywhere, else `None`.

        Args:
            name: a local name.
            repeated: also accept several such imports of the same path (a notebook's cells
                import `tensorflow` again), and give the last one in the file.
        """
        imports = self.imports.get(name, ())
        if not imports or len(imports) > 1 and not repeated:
            return None
        if name in self.other or name in self.other_imports:
            return None
        if len({(type(statement), path) for statement, path in imports}) != 1:
            return None
        last = max(imports, key=lambda item: item[0].lineno)
        return last if last[1] is not None else None


def dotted(node):
    """`"a.b.c"` for an `ast.Name`/`ast.Attribute` chain, `None` for any other expression."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def children(node):
    """The child nodes of `node`, in the order of `ast.iter_child_nodes`, but faster."""
    found = []
    for field in node._fields:
        child = getattr(node, field, None)
        if type(child) is list:
            found += [item for item in child if isinstance(item, ast.AST)]
        elif isinstance(child, ast.AST):
            found.append(child)
    return found
