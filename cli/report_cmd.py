"""`report`: a case's one-page report (PDF or PNG, A4 or US Letter), or every case's.

    main.py report CASE --out FILE.pdf|.png [--page a4|letter] [--dpi 150] [--dates]
    main.py report --all --out-dir DIR [--format pdf|png] [--page ...]

No calendar dates (nor occupation) unless --dates / --identifying. Needs no display (Qt
starts offscreen without one). Errors are one line on stderr, exit 2, and nothing written.
"""

from __future__ import annotations

from pathlib import Path

from .common import repository
from .export_cmd import _use_offscreen_without_display, _whole_number, file_name

FORMATS = ("pdf", "png")
PAGES = ("a4", "letter")


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="a case's one-page report (PDF or PNG); --all for every case")
    p.add_argument("case", metavar="CASE", nargs="?", help="case id or label")
    p.add_argument("--out", type=Path, help="file to write: .pdf or .png")
    p.add_argument("--all", action="store_true", help="every case")
    p.add_argument("--out-dir", type=Path, help="folder for --all (created if missing)")
    p.add_argument("--format", choices=FORMATS, default="pdf", help="format for --all")
    p.add_argument("--page", choices=PAGES, default="a4", help="page size (default a4)")
    p.add_argument("--dpi", default="150", help="PNG resolution (default 150)")
    p.add_argument("--dates", action="store_true", help="show calendar dates (they identify)")
    p.add_argument("--identifying", action="store_true", help="also the occupation")
    p.set_defaults(func=run)


def run(args) -> int:
    from . import CommandError

    dpi = _whole_number(args.dpi, "dpi")
    if args.all == bool(args.case):
        raise CommandError("give either CASE with --out, or --all with --out-dir")
    if args.all and (args.out_dir is None or args.out is not None):
        raise CommandError("--all writes one file per case: give --out-dir DIR, not --out")
    if not args.all and (args.out is None or args.out_dir is not None):
        raise CommandError("give the file to write with --out FILE.pdf|.png")
    if not args.all and args.out.suffix.lower().lstrip(".") not in FORMATS:
        raise CommandError(f"{args.out.name}: the file name must end in .pdf or .png")
    repo = repository(args)
    _use_offscreen_without_display()
    from gui.case_report import write_report
    from gui.plots.export import ExportError, ensure_app
    from storage.case_index import list_cases

    ensure_app()
    options = {"page": args.page, "dpi": dpi, "allow_dates": args.dates,
               "identifying": args.identifying}
    try:
        if not args.all:
            write_report(repo.get(repo.resolve(args.case)), args.out, **options)
            print(args.out)
            return 0
        out_dir = args.out_dir
        if not out_dir.is_dir():
            if out_dir.exists() or not out_dir.parent.is_dir():
                raise CommandError(f"{out_dir}: not a folder that can be created")
            out_dir.mkdir()
        for case_id in sorted(c.id for c in list_cases(repo.db)):
            case = repo.get(case_id)  # one case in memory at a time
            path = out_dir / file_name(case.id, case.label, args.format)
            write_report(case, path, **options)
            print(path)
        return 0
    except ExportError as e:
        raise CommandError(str(e)) from e
