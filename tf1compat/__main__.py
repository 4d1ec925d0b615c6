"""`python -m tf1compat run script.py [args...]`: runs an unmodified TF1 script on tf1compat.

The script runs as `python script.py args...` would run it (as `__main__`, with its folder
first on `sys.path` and `sys.argv` set), after `tf1compat.install(compat_v1=True)`, which
stays in effect until the process ends. See `tf1compat.install` for what it patches.
"""

import argparse
import os
import runpy
import sys


def main(argv=None):
    """Parses `argv` (default `sys.argv[1:]`) and runs the command; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m tf1compat",
        description="Run unmodified TensorFlow 1 code on TensorFlow 2.16+ with tf1compat.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="run a TF1 script in zero-edit mode (tf1compat.install(compat_v1=True))")
    run.add_argument("script", help="the Python file to run")
    run.add_argument("args", nargs=argparse.REMAINDER, help="the script's own arguments")
    options = parser.parse_args(argv)
    if not os.path.isfile(options.script):
        parser.error(f"no such script: {options.script!r}")

    from tf1compat.install import install

    install(compat_v1=True)
    sys.argv = [options.script, *options.args]
    sys.path[0] = os.path.dirname(os.path.abspath(options.script))
    runpy.run_path(options.script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
