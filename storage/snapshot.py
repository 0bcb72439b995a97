"""A case as it is stored: its rows, read in one go, and the Case built from them.

A Snapshot holds the stored values only (no row ids, no positions: order is the list
order). It is what the audit trail compares before and after a save, what replaying the
trail rebuilds, and what CaseRepository.get turns into a Case, so the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain.model import Case

from .case_rows import CHILD_TABLES, case_from_rows

if TYPE_CHECKING:
    import sqlite_utils

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
    return case_from_rows(snap.case, snap.children, id=case_id, version=snap.version)
