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

from .common import repository, write_rows

HEADER = ["instrument", "line", "label", "value", "points", "where"]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "scores",
        help="Bohan & Peter, EULAR/ACR 2017, IMACS 2023 screening and TIS of a case "
        "(CASE: id or label)",
    )
    p.add_argument("case", metavar="CASE")
    p.add_argument("--format", choices=("tsv", "json"), default="tsv")
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


def run(args) -> int:
    repo = repository(args)
    case = repo.get(repo.resolve(args.case))
    results = case_scores(case)
    if args.format == "json":
        body = {"case": case.label, "scores": [r.to_dict() for r in results]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
        return 0
    write_rows(HEADER, [r for res in results for r in rows(res)], "tsv")
    return 0
