"""A case as it is stored: its rows, read in one go, and the Case built from them.

A Snapshot holds the stored values only (no row ids, no positions: order is the list
order). It is what the audit trail compares before and after a save, what replaying the
trail rebuilds, and what CaseRepository.get turns into a Case, so the three agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from domain.model import (
    Agent,
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    Cycle,
    Finding,
    LabResult,
    Precision,
    Regimen,
    Source,
    SteroidStep,
    Treatment,
    TreatmentKind,
)

from .case_rows import CHILD_TABLES, case_from_row, source_of

# columns that identify or order a row rather than hold a value of the case
CASE_META = ("id", "version", "created_at", "updated_at")
CHILD_META = ("id", "case_id", "position")
CYCLE_META = ("id", "regimen_id")
# child rows are read in this order: the list order of the case
ORDER = {t: "position" for t in CHILD_TABLES} | {"case_sources": "id"}


@dataclass
class Snapshot:
    """A stored case: the cases row and each child table's rows, in order.

    Regimen rows carry their cycles (ordered by number) under the key "cycles".
    """

    case: dict
    children: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in CHILD_TABLES})
    version: int = 0


def _strip(row: dict, meta: tuple[str, ...]) -> dict:
    return {k: v for k, v in row.items() if k not in meta}


def read_snapshot(db: sqlite_utils.Database, case_id: int) -> Snapshot | None:
    """The stored rows of a case, or None when there is no such case."""
    cur = db.execute("SELECT * FROM cases WHERE id = ?", [case_id])
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    if row is None:
        return None
    case = dict(zip(names, row, strict=True))
    snap = Snapshot(case=_strip(case, CASE_META), version=case["version"])
    regimen_index: dict[int, int] = {}
    for table in CHILD_TABLES:
        cur = db.execute(
            f"SELECT * FROM {table} WHERE case_id = ? ORDER BY {ORDER[table]}, id", [case_id]
        )
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        if table == "regimens":
            regimen_index = {r["id"]: i for i, r in enumerate(rows)}
        snap.children[table] = [_strip(r, CHILD_META) for r in rows]
    regimens = snap.children["regimens"]
    for r in regimens:
        r["cycles"] = []
    cur = db.execute(
        "SELECT c.* FROM regimen_cycles c JOIN regimens r ON r.id = c.regimen_id "
        "WHERE r.case_id = ? ORDER BY c.number, c.id",
        [case_id],
    )
    names = [d[0] for d in cur.description]
    for r in cur.fetchall():
        cycle = dict(zip(names, r, strict=True))
        regimens[regimen_index[cycle["regimen_id"]]]["cycles"].append(_strip(cycle, CYCLE_META))
    return snap


def case_from_snapshot(snap: Snapshot, case_id: int | None) -> Case:
    """The Case a snapshot stores (what CaseRepository.get returns)."""
    case = case_from_row({**snap.case, "id": case_id, "version": snap.version})
    ch = snap.children
    for r in ch["case_sources"]:
        case.sources[r["field"]] = Source(r["reference"], r["locator"], r["quote"])
    case.labs = [
        LabResult(
            analyte=r["analyte"],
            value=r["value"],
            unit=r["unit"],
            day=r["day"],
            precision=Precision(r["day_precision"]),
            comparator=r["comparator"],
            ref_low=r["ref_low"],
            ref_high=r["ref_high"],
            note=r["note"],
            source=source_of(r),
        )
        for r in ch["lab_results"]
    ]
    case.antibodies = [
        AntibodyResult(
            antibody=r["antibody"],
            status=AntibodyStatus(r["status"]),
            titre=r["titre"],
            pattern=r["pattern"],
            method=r["method"],
            day=r["day"],
            precision=Precision(r["day_precision"]),
            note=r["note"],
            source=source_of(r),
        )
        for r in ch["antibody_results"]
    ]
    case.steroid_steps = [
        SteroidStep(
            drug=r["drug"],
            dose=r["dose"],
            unit=r["unit"],
            from_day=r["from_day"],
            from_precision=Precision(r["from_precision"]),
            to_day=r["to_day"],
            to_precision=Precision(r["to_precision"]),
            route=r["route"],
            note=r["note"],
            source=source_of(r),
        )
        for r in ch["steroid_steps"]
    ]
    case.regimens = [
        Regimen(
            name=r["name"],
            agents=[Agent(**a) for a in json.loads(r["agents"])],
            cycles=[
                Cycle(
                    number=c["number"],
                    day=c["day"],
                    precision=Precision(c["day_precision"]),
                    source=source_of(c),
                )
                for c in r["cycles"]
            ],
            cycle_length_days=r["cycle_length_days"],
            note=r["note"],
            source=source_of(r),
        )
        for r in ch["regimens"]
    ]
    case.treatments = [
        Treatment(
            kind=TreatmentKind(r["kind"]),
            name=r["name"],
            start_day=r["start_day"],
            start_precision=Precision(r["start_precision"]),
            end_day=r["end_day"],
            end_precision=Precision(r["end_precision"]),
            detail=r["detail"],
            source=source_of(r),
        )
        for r in ch["treatments"]
    ]
    case.assessments = [
        Assessment(
            kind=AssessmentKind(r["kind"]),
            value=r["value"],
            day=r["day"],
            precision=Precision(r["day_precision"]),
            note=r["note"],
            source=source_of(r),
        )
        for r in ch["assessments"]
    ]
    case.findings = [
        Finding(
            kind=r["kind"],
            name=r["name"],
            result=r["result"],
            day=r["day"],
            precision=Precision(r["day_precision"]),
            source=source_of(r),
        )
        for r in ch["findings"]
    ]
    return case
