"""`scores CASE`: every clinical instrument of a case, each input with its source.

TSV: one row per line of the result (the value, each input, what is missing and what it
could change, notes, unconfirmed parts, suggestions); JSON: the results as objects.
"""

from __future__ import annotations

import json
import sys

from domain.model import format_number
from domain.scores.case_scores import case_scores
from domain.scores.result import Result

from .common import CommandError, repository, write_rows

HEADER = ["instrument", "line", "label", "value", "points", "where"]
# `scores --all`: one row per case, the result of each instrument
COHORT_HEADER = [
    "case", "bohan_peter", "bohan_peter_reachable", "eular_acr_score", "eular_acr_category",
    "eular_acr_subgroup", "imacs2023_risk", "imacs2023_reachable", "tis_total", "tis_category",
    "inputs_missing",
]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "scores",
        help="Bohan & Peter, EULAR/ACR 2017, IMACS 2023 screening and TIS of a case "
        "(CASE: id or label)",
    )
    p.add_argument("case", metavar="CASE", nargs="?")
    p.add_argument("--all", action="store_true",
                   help="one row per case: each instrument's result (a cohort table)")
    p.add_argument("--format", choices=("tsv", "csv", "json"), default="tsv",
                   help="csv only with --all")
    p.set_defaults(func=run)


def rows(result: Result) -> list[list[str]]:
    """The lines of one result as TSV rows."""
    name = result.instrument
    out = [[name, "result", result.category, result.value, "", result.citation]]
    for u in result.inputs:
        pts = "" if u.points is None else format_number(u.points)
        out.append([name, "missing input" if u.missing else "input", u.label, u.value, pts,
                    u.where])
    out += [[name, "if missing", "", text, "", ""] for text in result.if_missing]
    out += [[name, "note", "", text, "", ""] for text in result.notes]
    for s in result.extra.get("suggestions", []):
        out.append([name, "suggestion", s["status"], s["text"], "", s["citation"]])
    out += [[name, "unconfirmed", "", text, "", ""] for text in result.unconfirmed]
    return out


def cohort_row(label: str, results: list[Result]) -> list[str]:
    by = {r.instrument.split(" ")[0]: r for r in results}
    bp, ea, imacs, tis = by["Bohan"], by["EULAR/ACR"], by["IMACS"], by.get("TIS")
    return [
        label, bp.value, bp.extra.get("highest_reachable") or "", ea.value, ea.category,
        ea.extra.get("subgroup") or "", imacs.value, imacs.extra["highest_reachable"],
        tis.value if tis else "", tis.category if tis else "",
        str(sum(len(r.missing) for r in results)),
    ]


def _all(args) -> int:
    repo = repository(args)
    rows = [cohort_row(h.label, case_scores(repo.get(h.id))) for h in repo.headers()]
    if args.format == "json":
        body = [dict(zip(COHORT_HEADER, r, strict=True)) for r in rows]
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    else:
        write_rows(COHORT_HEADER, rows, args.format)
    return 0


def run(args) -> int:
    if args.all and args.case:
        raise CommandError("give a CASE (id or label) or --all, not both")
    if not args.all and not args.case:
        raise CommandError("give a CASE (id or label), or --all for every case")
    if args.all:
        return _all(args)
    if args.format == "csv":
        raise CommandError("--format csv is for --all; a case's scores: tsv or json")
    repo = repository(args)
    case = repo.get(repo.resolve(args.case))
    results = case_scores(case)
    if args.format == "json":
        body = {"case": case.label, "scores": [r.to_dict() for r in results]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
        return 0
    write_rows(HEADER, [r for res in results for r in rows(res)], "tsv")
    return 0
