"""Headless commands of main.py. Each command module exposes add_parser(sub) and run(args)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devtools import synth_cmd

from . import (
    cases_cmd,
    codebook_cmd,
    cohort_cmd,
    course_cmd,
    data_export_cmd,
    export_cmd,
    export_log_cmd,
    import_cmd,
    report_cmd,
    scores_cmd,
    table_cmd,
    tis_cmd,
    verify_audit_cmd,
)
from .common import CommandError, for_terminal_if_tty

COMMANDS = [
    table_cmd, cases_cmd, course_cmd, codebook_cmd, synth_cmd, export_cmd, report_cmd,
    data_export_cmd, import_cmd, export_log_cmd, cohort_cmd, verify_audit_cmd, scores_cmd,
    tis_cmd,
]

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="main.py",
        description="DM Casebook: dermatomyositis and associated cancers. "
        "With no command, opens the window.",
    )
    p.add_argument(
        "--db", type=Path, default=None, help="casebook file (default: your user data folder)"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return p


def run_command(args: argparse.Namespace) -> int:
    from storage.db import StoreError
    from storage.repository import CaseNotFound

    try:
        return args.func(args)
    except (StoreError, CaseNotFound, CommandError) as e:
        line = " ".join(str(e).splitlines())  # one line, whatever the message holds
        print(for_terminal_if_tty(f"error: {line}", sys.stderr), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `... | head`
        return 0
