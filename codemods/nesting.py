"""Deeply nested code: migrated in a thread with a large stack, up to a depth limit.

libcst parses, analyses and prints code with recursive Python functions, a few frames per
level of nesting, so a `+` chain of 400 terms or 200 chained method calls exceeds Python's
default recursion limit, although CPython compiles both. Code that hits the limit is
migrated again in a thread whose stack and recursion limit are large enough. Code nested
deeper than `MAX_DEPTH` levels is refused with a clear message instead: CPython itself stops
compiling at about 1,500 nested operators, and libcst's parser slows down quadratically with
the depth (3,000 levels take it 3 s).
"""

import ast
import sys
import threading

MAX_DEPTH = 3000
_STACK_BYTES = 512 * 2**20
_RECURSION_LIMIT = 100_000


def deepest_node(tree):
    """Returns `(depth, line)` of the deepest node of an `ast` tree, found without recursion."""
    deepest, line, stack = 0, None, [(tree, 1, None)]
    while stack:
        node, depth, node_line = stack.pop()
        node_line = getattr(node, "lineno", node_line)
        if depth > deepest:
            deepest, line = depth, node_line
        stack.extend((child, depth + 1, node_line) for child in ast.iter_child_nodes(node))
    return deepest, line


def call_with_deep_stack(function, *args):
    """Calls `function(*args)` in a thread with a large stack and a high recursion limit.

    Returns:
        What `function` returns.

    Raises:
        Whatever `function` raises.
    """
    outcome = {}

    def run():
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # Re-raised in the calling thread.
            outcome["error"] = error
        finally:
            sys.setrecursionlimit(limit)

    previous = threading.stack_size(_STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="tf1compat-deep-nesting")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
