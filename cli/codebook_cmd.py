"""`codebook`: every recorded field, as the codebook or the REDCap data dictionary.

Generated from the field spec (domain/fields.py); it needs no casebook file.
"""

from __future__ import annotations

import sys

from domain.codebook import (
    CODEBOOK_COLUMNS,
    REDCAP_COLUMNS,
    codebook_markdown,
    codebook_rows,
    redcap_dictionary,
)

from .common import write_rows


def add_parser(sub) -> None:
    p = sub.add_parser(
        "codebook",
        help="print the codebook of every recorded field, or the REDCap data dictionary",
    )
    p.add_argument("--format", choices=("csv", "tsv", "markdown", "redcap"), default="csv",
                   help="redcap: the 18-column data dictionary CSV REDCap imports")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.format == "markdown":
        sys.stdout.write(codebook_markdown())
    elif args.format == "redcap":
        rows = redcap_dictionary()
        write_rows(list(REDCAP_COLUMNS), [[r[c] for c in REDCAP_COLUMNS] for r in rows], "csv")
    else:
        rows = list(codebook_rows())
        write_rows(list(CODEBOOK_COLUMNS), [[r[c] for c in CODEBOOK_COLUMNS] for r in rows],
                   args.format)
    return 0
