"""`cases`: the cases with the id the other commands take."""

from __future__ import annotations

from domain.table import table_order_key, table_row

from .common import repository, write_rows


def add_parser(sub) -> None:
    p = sub.add_parser("cases", help="list the cases with their ids")
    p.add_argument("--format", choices=("tsv", "csv", "markdown"), default="tsv")
    p.set_defaults(func=run)


def run(args) -> int:
    cases = sorted(repository(args).headers(), key=table_order_key)
    rows = []
    for c in cases:
        cells = table_row(c)
        rows.append([str(c.id), c.label, cells[1], cells[2], cells[6]])
    write_rows(["id", "label", "age/sex", "diagnosis", "final outcome"], rows, args.format)
    return 0
