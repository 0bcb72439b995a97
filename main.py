"""DM Casebook entry point: headless sub-commands, or the window when none is given.

Imports are lazy so that the CLI never loads Qt and the window opens fast: with no
command, only `--db` is read and the headless commands' modules are never imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # the window's only option, read first: anything else (a command, --help, a mistake)
    # goes to the whole parser, which imports every command's module
    window = argparse.ArgumentParser(prog="main.py", add_help=False)
    window.add_argument("--db", type=Path, default=None)
    known, rest = window.parse_known_args(argv)
    if not rest:
        from gui.app import run_app

        return run_app(known.db)
    from cli import build_parser, run_command

    args = build_parser().parse_args(argv)
    if args.command is None:
        from gui.app import run_app

        return run_app(args.db)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
