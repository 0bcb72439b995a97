"""`export-log`: every data export made from the casebook, newest first (who, when,
profile, formats, where, how many cases)."""

from __future__ import annotations

from .common import repository, write_rows

HEADER = ["when (UTC)", "who", "profile", "formats", "cases", "folder"]


def add_parser(sub) -> None:
    p = sub.add_parser("export-log", help="list every data export made from the casebook")
    p.add_argument("--format", choices=("tsv", "csv", "markdown"), default="tsv")
    p.set_defaults(func=run)


def run(args) -> int:
    from storage.export_log import export_events

    events = export_events(repository(args).db)
    write_rows(HEADER, [[e.at, e.user, e.profile, e.formats, str(e.case_count), e.destination]
                        for e in events], args.format)
    return 0
