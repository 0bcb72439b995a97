"""`table`: the paper's literature Table rebuilt from the store."""

from __future__ import annotations

from domain.table import COLUMNS, table_order_key, table_row

from .common import repository, write_rows


def add_parser(sub) -> None:
    p = sub.add_parser("table", help="print the literature Table rebuilt from the store")
    p.add_argument("--format", choices=("tsv", "csv", "markdown"), default="tsv")
    p.set_defaults(func=run)


def run(args) -> int:
    cases = sorted(repository(args).headers(), key=table_order_key)
    write_rows(list(COLUMNS), [table_row(c) for c in cases], args.format)
    return 0
