"""`course CASE`: a case's timeline, one row per timed fact."""

from __future__ import annotations

from domain.timeline import COURSE_COLUMNS, course

from .common import repository, write_rows


def add_parser(sub) -> None:
    p = sub.add_parser("course", help="print a case's timeline (CASE: id or label)")
    p.add_argument("case", metavar="CASE")
    p.add_argument("--format", choices=("tsv", "csv"), default="tsv")
    p.set_defaults(func=run)


def run(args) -> int:
    repo = repository(args)
    case = repo.get(repo.resolve(args.case))
    write_rows(list(COURSE_COLUMNS), [f.cells() for f in course(case)], args.format)
    return 0
