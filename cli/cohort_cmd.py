"""`cohort`: the chosen cases together: their grouping (by initial treatment pattern or
another variable), filtered with `--where`."""

from __future__ import annotations

from domain.cohort_filter import FilterError, parse_where
from domain.cohort_groups import group_rows, variable
from domain.table import table_order_key
from storage.cohort_read import all_cases

from .common import CommandError, repository, write_rows


def add_parser(sub) -> None:
    p = sub.add_parser(
        "cohort",
        help="the cases together: grouping by initial treatment pattern (or another "
        "variable), filtered with --where",
    )
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep matching cases (repeatable, combined with AND; values with commas "
        "are OR): text=WORDS, tumour=SCLC,LCNEC, antibody:TIF1-gamma=positive, "
        "pattern=..., outcome=Alive|Dead|not specified, source=published|own, "
        "year=1990-2010[,unknown]",
    )
    p.add_argument(
        "--group",
        default="initial-treatment",
        metavar="VARIABLE",
        help="initial-treatment (default), tumour, outcome, source, decade or antibody:NAME",
    )
    p.add_argument("--format", choices=("tsv", "csv", "markdown"), default="tsv")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        chosen = parse_where(args.where)
        var = variable(args.group)
    except FilterError as e:
        raise CommandError(str(e)) from None
    cases = sorted(chosen.apply(all_cases(repository(args).db)), key=table_order_key)
    header, rows = group_rows(cases, var)
    write_rows(header, rows, args.format)
    return 0
