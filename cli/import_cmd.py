"""`import`: cases from a tidy CSV export of this app (its folder, its cases.csv, or the
.zip an export wrote), its
Excel workbook (.xlsx), a filled-in spreadsheet template (`export --format template`; an
.xlsx with the sheet case_template), REDCap records of the project its dictionary made
(redcap_records.csv), or another casebook file (a site's: merged; only read).

    main.py import FILE_OR_DIR [--dry-run] [--valid-only] [--existing skip|update]

Every row is checked as a typed value would be; the report (stdout) names each problem's
file, row, column and what is allowed. Nothing is written unless every row is valid (or,
with --valid-only, the cases without a problem are), nor on a dry run; then all cases are saved in one transaction, each with its audit entry. A
case already in the casebook (same uuid) is skipped, or updated with --existing update.
"""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, repository


def add_parser(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import cases from a tidy CSV export of this app or another casebook file, "
        "with a validation report",
    )
    p.add_argument("path", metavar="FILE_OR_DIR", type=Path,
                   help="an export folder, its cases.csv, an export's .zip, its .xlsx, a "
                   "filled-in template .xlsx, redcap_records.csv, or another casebook file")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument("--valid-only", action="store_true",
                   help="write the cases without problems and leave out those with one "
                   "(default: nothing is written when any row has a problem)")
    p.add_argument("--existing", choices=("skip", "update"), default="skip",
                   help="a case already in the casebook (same uuid): skip it (default) or "
                   "update it")
    p.set_defaults(func=run)


def run(args) -> int:
    from storage.data_import import DataImportError, import_data

    repo = repository(args)
    try:
        report = import_data(repo.db, args.path, dry_run=args.dry_run,
                             on_existing=args.existing, valid_only=args.valid_only)
    except DataImportError as e:
        raise CommandError(str(e)) from None
    for p in report.problems:
        print(p)
    if report.blocked:
        raise CommandError(report.summary())
    print(report.summary())
    return 0
