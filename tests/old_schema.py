"""Writing a case into a file at an older schema version, as that version stored it: only
the columns the file's tables have (later migrations add the others)."""

from __future__ import annotations

import sqlite_utils

from domain.model import Case
from storage import audit
from storage.case_rows import case_row, child_rows, cycle_rows


def insert_case(db: sqlite_utils.Database, case: Case, case_id: int | None = None,
                record: bool = True) -> int:
    """Insert case's rows straight into db, keeping the columns db has; with record, the
    trail gets its "create" event as a save would write it (needs the trail, schema 2+)."""

    def old(table: str, row: dict) -> dict:
        return {k: v for k, v in row.items() if k in db[table].columns_dict}

    meta = {"version": 1, "created_at": "2025-01-01", "updated_at": "2025-01-01"}
    if case_id is not None:
        meta["id"] = case_id
    with db.atomic():
        case_id = db["cases"].insert(old("cases", case_row(case) | meta)).last_pk
        for table, rows in child_rows(case, case_id).items():
            for r in rows:
                pk = db[table].insert(old(table, r)).last_pk
                if table == "regimens":
                    cycles = cycle_rows(case.regimens[r["position"]], pk)
                    db["regimen_cycles"].insert_all([old("regimen_cycles", c) for c in cycles])
        if record:
            audit.record_create(db, case_id, audit.now(), "test")
    return case_id
