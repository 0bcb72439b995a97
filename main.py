"""DM Casebook entry point: headless sub-commands, or the window when none is given.

Imports are lazy so that the CLI never loads Qt and the window opens fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from cli import build_parser, run_command

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from gui.app import run_app

        return run_app(args.db)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
