"""`export-chart`: a case's course chart as PNG, SVG or PDF, or every case's into a folder.

    main.py export-chart CASE --out FILE.png|.svg|.pdf [--width W --height H --dpi D]
    main.py export-chart CASE --out FILE.pdf --preset single|onehalf|double|letter|slide [--dpi D]
    main.py export-chart CASE --out FILE.png --mm 85x60 [--dpi 600]
    main.py export-chart --all --out-dir DIR [--format png|svg|pdf] [--width ...]

Works without a display: when neither DISPLAY nor WAYLAND_DISPLAY is set, Qt is started on
its offscreen platform. Qt is only loaded when the command runs, never by other commands.
Errors (unknown case, no course, bad extension or size, unwritable place) are one line on
stderr, exit status 2, and no file is written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from domain.text import shown

from .common import CommandError, repository

FORMATS = ("png", "svg", "pdf")
DEFAULTS = {"width": 1800, "height": 1000, "dpi": 300}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export-chart",
        help="export a case's course chart (PNG, SVG or PDF); --all for every case with one",
    )
    p.add_argument("case", metavar="CASE", nargs="?", help="case id or label")
    p.add_argument("--out", type=Path, help="file to write: .png, .svg or .pdf")
    p.add_argument("--all", action="store_true", help="every case that has a course")
    p.add_argument("--out-dir", type=Path, help="folder for --all (created if missing)")
    p.add_argument("--format", choices=FORMATS, default="png", help="format for --all")
    # sizes are parsed here (not by argparse) so that a bad one is a one-line error
    p.add_argument("--width", default=str(DEFAULTS["width"]), help="pixels (default 1800)")
    p.add_argument("--height", default=str(DEFAULTS["height"]), help="pixels (default 1000)")
    p.add_argument("--dpi", default=None, help="dots per inch (default 300; a preset's own)")
    p.add_argument(
        "--preset",
        help="size by purpose, text sized for print: single (85 x 80 mm), onehalf (114 x 85 mm), "
        "double (174 x 100 mm), letter (half page), slide (16:9)",
    )
    p.add_argument("--mm", help="WIDTHxHEIGHT in millimetres, e.g. 85x60 (text 7.5 pt)")
    p.set_defaults(func=run)


def _whole_number(text: str, name: str) -> int:


    if not re.fullmatch(r"[0-9]{1,6}", text.strip()):
        raise CommandError(f"--{name} must be a whole number, not '{shown(text)}'")
    return int(text)


def _use_offscreen_without_display() -> None:
    """Qt needs a platform; with no display the offscreen one draws just the same."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def file_name(case_id: int, label: str, fmt: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-") or "case"
    return f"{case_id:03d}-{stem}.{fmt}"


def _size(args) -> tuple[int, int, int, float | None]:
    """Pixels, dpi and print text size from --width/--height, --mm or --preset (and --dpi)."""
    from gui.plots.presets import PRINT_TEXT_PT, PresetError, mm_to_px, parse_mm, preset

    from . import CommandError

    try:
        chosen = preset(args.preset) if args.preset else None
        mm = parse_mm(args.mm) if args.mm else None
    except PresetError as e:
        raise CommandError(str(e)) from e
    if chosen and mm:
        raise CommandError("give --preset or --mm, not both")
    default_dpi = chosen.dpi if chosen else DEFAULTS["dpi"]
    dpi = _whole_number(args.dpi, "dpi") if args.dpi is not None else default_dpi
    sized_in_px = args.width != str(DEFAULTS["width"]) or args.height != str(DEFAULTS["height"])
    if (chosen or mm) and sized_in_px:
        raise CommandError("--width/--height are pixels: not with --preset or --mm")
    if chosen:
        return *chosen.pixels(dpi), dpi, chosen.text_pt
    if mm:
        return mm_to_px(mm[0], dpi), mm_to_px(mm[1], dpi), dpi, PRINT_TEXT_PT
    return _whole_number(args.width, "width"), _whole_number(args.height, "height"), dpi, None


def run(args) -> int:


    width, height, dpi, text_pt = _size(args)
    if args.all == bool(args.case):
        raise CommandError("give either CASE with --out, or --all with --out-dir")
    if args.all and (args.out_dir is None or args.out is not None):
        raise CommandError("--all writes one file per case: give --out-dir DIR, not --out")
    if not args.all and (args.out is None or args.out_dir is not None):
        raise CommandError("give the file to write with --out FILE.png|.svg|.pdf")
    repo = repository(args)
    _use_offscreen_without_display()
    from domain.chart import course_chart
    from gui.plots.export import ExportError, check_size, export_chart, export_data, format_of
    from storage.case_index import list_cases

    try:
        size = check_size(width, height, dpi, text_pt)
        if not args.all:
            format_of(args.out)
            case = repo.get(repo.resolve(args.case))
            export_chart(case, args.out, width, height, dpi, text_pt=text_pt)
            print(args.out)
            return 0
        # one case in memory at a time; keep only the descriptions of those with a course
        with_course = []
        for case_id in sorted(c.id for c in list_cases(repo.db)):
            case = repo.get(case_id)
            data = course_chart(case, allow_dates=False)  # what export_chart would draw
            if data.has_course:
                with_course.append((case.id, case.label, data))
        if not with_course:
            raise CommandError("no case has a time course to chart")
        out_dir = args.out_dir
        if not out_dir.is_dir():
            if out_dir.exists() or not out_dir.parent.is_dir():
                raise CommandError(f"{out_dir}: not a folder that can be created")
            out_dir.mkdir()
        for case_id, label, data in with_course:
            path = out_dir / file_name(case_id, label, args.format)
            export_data(data, path, size)
            print(path)
        return 0
    except ExportError as e:
        raise CommandError(str(e)) from e
    except OSError as e:
        raise CommandError(f"{e.filename or ''}: {e.strerror}".strip(": ")) from e
