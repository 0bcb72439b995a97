"""Shared helpers of the headless commands."""

from __future__ import annotations

import csv
import sys

from domain.text import for_terminal
from storage.db import open_db
from storage.repository import CaseRepository
from storage.safe_write import csv_text


class CommandError(Exception):
    """A one-line message for stderr; the command exits with status 2."""


def repository(args) -> CaseRepository:
    return CaseRepository(open_db(args.db))


def for_terminal_if_tty(text: str, stream) -> str:
    """Control and text-direction characters removed when stream is a terminal (an ESC
    stored in a label would otherwise drive it); files and pipes get the text as is."""
    return for_terminal(text) if _is_tty(stream) else text


def _is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return isatty is not None and isatty()


def write_rows(header: list[str], rows: list[list[str]], fmt: str, out=None) -> None:
    """Rows as tsv, csv or a Markdown table on stdout (cleaned for a terminal)."""
    out = out or sys.stdout
    if _is_tty(out):
        rows = [[for_terminal(c) for c in r] for r in rows]
    if fmt == "markdown":

        def esc(s: str) -> str:
            return s.replace("|", "\\|")

        out.write("| " + " | ".join(esc(h) for h in header) + " |\n")
        out.write("|" + "|".join("---" for _ in header) + "|\n")
        for r in rows:
            out.write("| " + " | ".join(esc(c) for c in r) + " |\n")
        return
    if fmt == "csv":  # cells a spreadsheet would run as formulas are neutralised
        out.write(csv_text(header, rows))
        return
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
