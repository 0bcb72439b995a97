"""The case list, read fast: one query for the case-level fields it needs, one for sources.

The one read path for lists of cases: the window's list reads the fields of its row
(domain.fields.LIST_FIELDS, about 0.06 s at 10,000 cases); `table` and `cases` read every
case-level field (CaseRepository.headers). Both build their cases through the field spec.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from domain import fields as spec
from domain.model import Case, Source

from .case_rows import case_from_row

if TYPE_CHECKING:
    import sqlite_utils


def list_cases(db: sqlite_utils.Database, columns: Iterable[str] | None = None) -> list[Case]:
    """Every case with the given case-level fields (default: the list's) and its sources."""
    names = ["id", "version", *(spec.LIST_FIELDS if columns is None else columns)]
    cur = db.execute(f"SELECT {', '.join(names)} FROM cases")
    cases: dict[int, Case] = {}
    for values in cur:
        row = dict(zip(names, values, strict=True))
        cases[row["id"]] = case_from_row(row)
    for case_id, field, reference, locator, quote in db.execute(
        "SELECT case_id, field, reference, locator, quote FROM case_sources ORDER BY id"
    ):
        cases[case_id].sources[field] = Source(reference, locator, quote)
    return list(cases.values())


def list_rows(db: sqlite_utils.Database) -> list[dict]:
    """The window's list: each case's stored list fields (domain.fields.LIST_FIELDS) as
    they are, one query and no Case built (the list words a row when it shows it)."""
    names = ["id", "version", *spec.LIST_FIELDS]
    cur = db.execute(f"SELECT {', '.join(names)} FROM cases")
    return [dict(zip(names, values, strict=True)) for values in cur]


def all_case_fields() -> list[str]:
    return [f.name for f in spec.CASE.fields]


def positive_antibodies(db: sqlite_utils.Database) -> dict[int, list[str]]:
    """case id -> the antibodies reported positive, in their order."""
    out: dict[int, list[str]] = {}
    for case_id, antibody in db.execute(
        "SELECT case_id, antibody FROM antibody_results WHERE status = 'positive' "
        "ORDER BY case_id, position"
    ):
        out.setdefault(case_id, []).append(antibody)
    return out


def cases_with_series(db: sqlite_utils.Database, analyte: str = "CK") -> list[tuple[int, str]]:
    """(id, label) of the cases with at least one timed result of analyte, by label."""
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT c.id, c.label FROM cases c WHERE EXISTS (SELECT 1 FROM lab_results l "
            "WHERE l.case_id = c.id AND l.analyte = ? AND l.day IS NOT NULL) "
            "ORDER BY c.label COLLATE NOCASE",
            [analyte],
        )
    ]
