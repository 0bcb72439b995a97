"""Writing a case straight into a file at an older schema, as that version of the app did:
only the tables and columns that schema has (later steps add some)."""

from __future__ import annotations

import sqlite_utils

from domain.model import Case
from storage.case_rows import case_row, child_rows


def as_of(db: sqlite_utils.Database, table: str, row: dict) -> dict:
    return {k: v for k, v in row.items() if k in db[table].columns_dict}


def insert_case(db: sqlite_utils.Database, case: Case, **extra) -> int:
    """The case's row and its child rows (regimens left out: their cycles need ids)."""
    row = case_row(case) | {"version": 1, "created_at": "x", "updated_at": "x"} | extra
    case_id = db["cases"].insert(as_of(db, "cases", row)).last_pk
    for table, rows in child_rows(case, case_id).items():
        if table != "regimens" and db[table].exists():
            db[table].insert_all([as_of(db, table, r) for r in rows])
    return case_id
