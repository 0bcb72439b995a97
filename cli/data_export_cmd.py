"""`export`: the casebook's data in one new folder (or one new .zip file), de-identified
by a chosen profile.

    main.py export --format csv|xlsx|redcap|spss|stata|r|fhir[,...]|all
                   --profile identified|limited|safe-harbor --out DIR|FILE.zip [--bom]
    main.py export --format template --out DIR

--format template writes no case: a one-row-per-case spreadsheet to fill in and import
(storage/xlsx_template.py); it takes no profile and is not logged.

DIR is created (it must not exist, or be empty) and holds README.txt saying what it
contains and what the profile removed. An --out ending in .zip writes the same files into
one new .zip file instead (it must not exist; written beside it, checked, then renamed:
a failure leaves no file). Every export is logged in the casebook.
"""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, repository


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="export the data: tidy CSV + codebook, Excel, REDCap, SPSS/Stata/R, FHIR",
        description="Write every case into a new folder (or, with an --out ending in .zip, "
        "one new .zip file), in the formats given, with the de-identification profile "
        "given; its README.txt says what it holds.",
    )
    p.add_argument("--format", default="csv",
                   help="csv, xlsx, redcap, spss, stata, r, fhir; several with commas; all; "
                   "or template (an empty one-row-per-case spreadsheet to fill in and import)")
    p.add_argument("--profile", default=None,
                   help="identified (everything), limited (relative days, no names, no free "
                   "text) or safe-harbor (no dates or days, no free text, ages 90+)")
    p.add_argument("--out", type=Path, default=None,
                   help="the new folder to write; a name ending in .zip writes one new .zip "
                   "file holding the same files instead")
    p.add_argument("--bom", action="store_true",
                   help="begin each CSV with a byte-order mark (for Excel on Windows)")
    p.set_defaults(func=run)


def run(args) -> int:
    from storage.data_export import ExportError, export_data, parse_formats

    if args.format.strip().lower() == "template":
        return _template(args)
    if args.profile is None:
        raise CommandError("--profile: choose identified, limited or safe-harbor")
    if args.out is None:
        raise CommandError("--out: give the folder (or the FILE.zip) to write the export into")
    repo = repository(args)
    try:
        result = export_data(repo.db, args.out, parse_formats(args.format), args.profile,
                             bom=args.bom)
    except ExportError as e:
        raise CommandError(str(e)) from None
    print(f"{result.cases} cases exported ({result.profile}) to {result.folder}: "
          f"{len(result.files)} files")
    return 0


def _template(args) -> int:
    from storage.data_export import ExportError
    from storage.xlsx_template import TEMPLATE_FILE, export_template

    if args.out is None:
        raise CommandError("--out: give the new folder to write the template into")
    if args.profile is not None:
        raise CommandError("--profile: a template holds no case; leave --profile out")
    if args.out.suffix.lower() == ".zip":
        raise CommandError("--out: a template is written into a new folder; give a folder "
                           "name, not a .zip")
    try:
        folder = export_template(args.out)
    except ExportError as e:
        raise CommandError(str(e)) from None
    print(f"template written: {folder / TEMPLATE_FILE}; fill in a row per case, then "
          f"`main.py import {folder / TEMPLATE_FILE}`")
    return 0
