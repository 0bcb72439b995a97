"""`tis`: the Total Improvement Score (2016 ACR/EULAR myositis response) between two
visits, from values given on the command line or from a case's core-set visits."""

from __future__ import annotations

import json
import sys

from domain.model import format_number
from domain.scores.case_scores import tis_between
from domain.scores.tis import Measure, tis
from domain.validation import ValidationError, parse_number

from .common import CommandError, repository, write_rows
from .scores_cmd import HEADER, rows

# option, measure, label, limits of one visit's value
OPTIONS = (
    ("physician", "physician_global", "physician global (VAS cm)", 0, 10),
    ("patient", "patient_global", "patient global (VAS cm)", 0, 10),
    ("mmt", "mmt", "MMT", 0, 260),
    ("haq", "haq", "HAQ", 0, 3),
    ("enzyme", "enzyme", "muscle enzyme", 0, 1_000_000),
    ("extramuscular", "extramuscular", "extramuscular global (VAS cm)", 0, 10),
)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "tis",
        help="Total Improvement Score between two visits: each measure as BASELINE FOLLOWUP "
        "(e.g. --physician 6 3 --mmt 110 125 --mmt-max 150), or --case CASE",
    )
    for option, _m, label, lo, hi in OPTIONS:
        p.add_argument(f"--{option}", nargs=2, metavar=("BASELINE", "FOLLOWUP"),
                       help=f"{label}, {lo} to {hi}")
    p.add_argument("--mmt-max", metavar="N", help="the MMT's maximum: 80 one side, 150 both")
    p.add_argument("--juvenile", action="store_true", help="juvenile thresholds (30/45/70)")
    p.add_argument("--case", metavar="CASE",
                   help="take the values from this case's first and last core-set visits")
    p.add_argument("--format", choices=("tsv", "json"), default="tsv")
    p.set_defaults(func=run)


def _number(text: str, field: str, lo: float, hi: float) -> float:
    try:
        return parse_number(text, field, lo, hi)
    except ValidationError as e:
        raise CommandError(str(e)) from None


def _from_values(args):
    measures = {}
    for option, key, _label, lo, hi in OPTIONS:
        pair = getattr(args, option)
        if pair:
            b, f = (_number(t, f"--{option}", lo, hi) for t in pair)
            measures[key] = Measure(b, f, "given on the command line")
    if not measures:
        raise CommandError("give at least one measure, e.g. --physician 6 3, or --case CASE")
    mmt_max = None
    if "mmt" in measures:
        if args.mmt_max is None:
            raise CommandError("--mmt needs --mmt-max: 80 (one side) or 150 (both sides)")
        mmt_max = _number(args.mmt_max, "--mmt-max", 1, 260)
        for v in (measures["mmt"].baseline, measures["mmt"].followup):
            if v > mmt_max:
                raise CommandError(f"--mmt: {format_number(v)} is above --mmt-max "
                                   f"{format_number(mmt_max)}")
    if "enzyme" in measures and measures["enzyme"].baseline == 0:
        raise CommandError("--enzyme: a baseline of 0 gives no relative change; "
                           "allowed above 0")
    return tis(measures, mmt_max, args.juvenile)


def _from_case(args):
    if any(getattr(args, o[0]) for o in OPTIONS):
        raise CommandError("give either --case or the measures' values, not both")
    repo = repository(args)
    case = repo.get(repo.resolve(args.case))
    dated = sorted((v for v in case.core_set_visits if v.day is not None), key=lambda v: v.day)
    if len(dated) < 2:
        raise CommandError(f"'{case.label}' has {len(dated)} dated core-set visit(s); "
                           "the TIS needs two")
    return tis_between(case, dated[0], dated[-1], args.juvenile or None)


def run(args) -> int:
    result = _from_case(args) if args.case else _from_values(args)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return 0
    write_rows(HEADER, rows(result), "tsv")
    return 0
