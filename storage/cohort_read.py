"""Every case whole, read for the cohort views: one query per table, not one per case.

CaseRepository.get reads one case in eight queries; a cohort of 10,000 read that way
takes 80,000. Here each table is read once, ordered as snapshot.py orders a case's rows,
and every case is built through the same field-spec path (case_from_rows).
"""

from __future__ import annotations

import sqlite_utils

from domain.model import AssessmentKind, Case
from domain.scores.facts import BP_ENZYMES, EULAR_ENZYMES

from .case_rows import CHILD_TABLES, case_from_rows
from .snapshot import CASE_META, ORDER


def _rows(db: sqlite_utils.Database, sql: str, params: list | None = None) -> list[dict]:
    cur = db.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# what the cohort views read: the labs the views and the instruments of Table 1 use (CK;
# the enzymes of Bohan & Peter and EULAR/ACR), the dysphagia assessments (an input of the
# instruments), no findings and no core-set visits (only the TIS reads them, not shown in
# the cohort). Measured in docs/benchmarks.md and the README's cohort section.
COHORT_LABS = tuple(dict.fromkeys(("CK", *BP_ENZYMES, *EULAR_ENZYMES)))
COHORT_ASSESSMENTS = (AssessmentKind.DYSPHAGIA.value,)
COHORT_SKIPS = ("findings", "core_set_visits")


def all_cases(
    db: sqlite_utils.Database,
    lab_analytes: tuple[str, ...] | None = None,
    skip: tuple[str, ...] = (),
    assessment_kinds: tuple[str, ...] | None = None,
) -> list[Case]:
    """Every case, in id order: whole by default; with lab_analytes only those labs, with
    assessment_kinds only those assessments, and the child tables in skip left empty (such
    partial cases are for reading, never for saving)."""
    only = {"lab_results": ("analyte", lab_analytes),
            "assessments": ("kind", assessment_kinds)}
    heads = _rows(db, "SELECT * FROM cases ORDER BY id")
    children: dict[int, dict[str, list[dict]]] = {
        h["id"]: {t: [] for t in CHILD_TABLES} for h in heads
    }
    regimens: dict[int, dict] = {}
    for table in CHILD_TABLES:
        if table in skip:
            continue
        where, params = "", []
        column, values = only.get(table, ("", None))
        if values is not None:
            where = f"WHERE {column} IN (" + ", ".join("?" * len(values)) + ")"
            params = list(values)
        sql = f"SELECT * FROM {table} {where} ORDER BY case_id, {ORDER[table]}, id"
        # rows keep their key columns: the field spec reads only the columns it names
        for row in _rows(db, sql, params):
            if table == "regimens":
                row["cycles"] = []
                regimens[row["id"]] = row
            children[row["case_id"]][table].append(row)
    if "regimens" not in skip:
        for c in _rows(db, "SELECT * FROM regimen_cycles ORDER BY regimen_id, number, id"):
            regimens[c["regimen_id"]]["cycles"].append(c)
    return [
        case_from_rows(
            {k: v for k, v in h.items() if k not in CASE_META},
            children[h["id"]],
            id=h["id"],
            version=h["version"],
        )
        for h in heads
    ]


def cohort_cases(db: sqlite_utils.Database) -> list[Case]:
    """The cases as the cohort views and Table 1's instruments need them (COHORT_LABS,
    the dysphagia assessments, no findings or core-set visits)."""
    return all_cases(db, COHORT_LABS, COHORT_SKIPS, COHORT_ASSESSMENTS)


# what the instruments alone read (the case list's score column): no treatments, sources,
# findings or core-set visits
SCORE_SKIPS = ("steroid_steps", "regimens", "treatments", "findings", "core_set_visits",
               "case_sources")


def score_cases(db: sqlite_utils.Database) -> list[Case]:
    """The cases with only what Bohan & Peter, EULAR/ACR and IMACS 2023 read (criteria,
    age, the enzymes, antibodies, dysphagia): for reading, never for saving."""
    return all_cases(db, COHORT_LABS, SCORE_SKIPS, COHORT_ASSESSMENTS)
