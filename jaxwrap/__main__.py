"""Command line: ``python -m jaxwrap COMMAND [ARGS...]``.

Commands
--------
scope
    Query the scope manifest (``python -m jaxwrap scope --help``).
demo
    Run a short tour of jaxwrap.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence


def _scope(args: list[str]) -> int:
    from jaxwrap._src import scope_cli

    return scope_cli.main(args)


def _demo(args: list[str]) -> int:
    try:
        demo = importlib.import_module("jaxwrap._src.demo")
    except ModuleNotFoundError as err:
        if err.name != "jaxwrap._src.demo":
            raise
        print("python -m jaxwrap demo: the demo is not available in this build", file=sys.stderr)
        return 1
    result = demo.main()
    return result if isinstance(result, int) else 0


_COMMANDS = {
    "scope": ("is a numpy/scipy API supported, and if not, what to use", _scope),
    "demo": ("run a short tour of jaxwrap", _demo),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m jaxwrap",
        description="jaxwrap command line tools.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n"
        + "\n".join(f"  {name:<8}{help_}" for name, (help_, _) in _COMMANDS.items())
        + "\n\nRun `python -m jaxwrap COMMAND --help` for a command's options.",
    )
    parser.add_argument(
        "command", choices=sorted(_COMMANDS), metavar="COMMAND", help="one of: scope, demo"
    )
    parser.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    ns = parser.parse_args(argv)
    return _COMMANDS[ns.command][1](ns.args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into e.g. `head`, which exited early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
