"""`cohort`: the chosen cases together (filtered with `--where`): their grouping by
initial treatment pattern or another variable, Table 1, response by pattern, the paper's
Table of the selection."""

from __future__ import annotations

import io
from pathlib import Path

from domain.cohort_filter import FilterError, parse_where
from domain.cohort_groups import Group, group_cases, group_rows, variable
from domain.cohort_table1 import response_by_pattern, table1
from domain.survival import km_rows, survival_data
from domain.table import COLUMNS, table_order_key, table_row
from storage.cohort_read import cohort_cases
from storage.safe_write import SafeWriteError, write_bytes_atomically

from .common import CommandError, repository, write_rows
from .export_cmd import _use_offscreen_without_display

SHOWS = ("groups", "table1", "response", "table", "km")


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
        default=None,
        metavar="VARIABLE",
        help="initial-treatment (the default for --show groups), tumour, outcome, source, decade or antibody:NAME",
    )
    p.add_argument(
        "--show",
        choices=SHOWS,
        default="groups",
        help="groups (default): the grouping; table1: Table 1, by --group when given; "
        "response: response by initial treatment pattern; table: the paper's Table; "
        "km: Kaplan-Meier estimates (by --group when given)",
    )
    p.add_argument(
        "--plot",
        choices=("swimmer", "km", "trajectories"),
        default=None,
        help="draw a plot instead (by --group when given) to --out FILE.png|.svg|.pdf",
    )
    p.add_argument("--size", default="1400x800", metavar="WxH", help="plot size in pixels")
    p.add_argument("--format", choices=("tsv", "csv", "markdown"), default="tsv")
    p.add_argument(
        "--out", type=Path, default=None, metavar="FILE", help="write to FILE (all or nothing)"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        chosen = parse_where(args.where)
        var = None if args.group is None else variable(args.group)
    except FilterError as e:
        raise CommandError(str(e)) from None
    cases = sorted(chosen.apply(cohort_cases(repository(args).db)), key=table_order_key)
    if args.plot is not None:
        return _plot(args, cases, var)
    if args.show == "groups":
        header, rows = group_rows(cases, var or variable("initial-treatment"))
    elif args.show == "table1":
        t = table1(cases, var)
        header, rows = t.header, t.rows
    elif args.show == "km":
        header, rows = km_rows([(g.value, survival_data(g.cases)) for g in _groups(cases, var)])
    elif args.show == "response":
        header, rows = response_by_pattern(cases)
    else:
        header, rows = list(COLUMNS), [table_row(c) for c in cases]
    if args.out is None:
        write_rows(header, rows, args.format)
        return 0
    text = io.StringIO()
    write_rows(header, rows, args.format, text)
    try:
        write_bytes_atomically(args.out, text.getvalue().encode("utf-8"))
    except SafeWriteError as e:
        raise CommandError(str(e)) from None
    return 0


def _groups(cases, var) -> list[Group]:
    return group_cases(cases, var) if var else [Group("All", tuple(cases))]


def _plot(args, cases, var) -> int:
    if args.out is None or args.out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise CommandError("--plot needs --out FILE ending in .png, .svg or .pdf")
    w, sep, h = args.size.partition("x")
    if not (sep and w.isdigit() and h.isdigit() and 300 <= int(w) <= 8000
            and 200 <= int(h) <= 8000):
        raise CommandError(f"--size {args.size!r}: write WxH in pixels, 300x200 to 8000x8000")
    _use_offscreen_without_display()
    from gui.cohort.headless import export_cohort_plot

    try:
        export_cohort_plot(args.plot, cases, _groups(cases, var), args.out, int(w), int(h))
    except SafeWriteError as e:
        raise CommandError(str(e)) from None
    print(f"wrote {args.out}")
    return 0
