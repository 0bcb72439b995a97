"""The stored rows of every case, read as a stream for the data exports.

Each child table is read with its own cursor ordered by case, and the cursors are merged
case by case, so an export of 10,000 cases holds one case's rows at a time, never the
whole casebook.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils

from domain import fields as spec

CYCLES = spec.REGIMEN_CYCLES.table
TABLES = (*spec.CHILD_TABLES, CYCLES)
_ORDER = {t: "position" for t in spec.CHILD_TABLES} | {"case_sources": "id"}


@dataclass
class StoredCase:
    row: dict  # the cases row (with id)
    children: dict[str, list[dict]]  # table -> rows with case_id (cycles: regimen_position)


def _cursor(db: sqlite_utils.Database, table: str) -> Iterator[dict]:
    if table == CYCLES:
        sql = (
            "SELECT r.case_id AS case_id, r.position AS regimen_position, c.* "
            "FROM regimen_cycles c JOIN regimens r ON r.id = c.regimen_id "
            "ORDER BY r.case_id, r.position, c.number, c.id"
        )
    elif table == "cases":
        sql = "SELECT * FROM cases ORDER BY id"
    else:
        sql = f"SELECT * FROM {table} ORDER BY case_id, {_ORDER[table]}, id"
    cur = db.execute(sql)
    names = [d[0] for d in cur.description]
    for values in cur:
        yield dict(zip(names, values, strict=True))


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table (cases included), for progress and README.txt."""
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("cases", *TABLES)}


def iter_cases(db: sqlite_utils.Database) -> Iterator[StoredCase]:
    """Every case with its rows, in case id order."""
    cursors = {t: _cursor(db, t) for t in TABLES}
    pending = {t: next(c, None) for t, c in cursors.items()}
    for case in _cursor(db, "cases"):
        case_id = case["id"]
        children: dict[str, list[dict]] = {}
        for table, cur in cursors.items():
            rows = []
            head = pending[table]
            while head is not None and head["case_id"] < case_id:  # an orphan: skip it
                head = next(cur, None)
            while head is not None and head["case_id"] == case_id:
                rows.append(head)
                head = next(cur, None)
            pending[table] = head
            children[table] = rows
        yield StoredCase(case, children)
