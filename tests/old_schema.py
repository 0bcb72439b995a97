"""Writing a case into a file at an older schema version, as that version stored it: only
the columns the file's tables have (later migrations add the others)."""

from __future__ import annotations

import json

import sqlite_utils

from domain.model import Case
from storage import audit
from storage.case_rows import case_row, child_rows, cycle_rows


def insert_case(db: sqlite_utils.Database, case: Case, case_id: int | None = None,
                record: bool = True) -> int:
    """Insert case's rows straight into db, keeping the columns db has; with record, the
    trail gets its "create" event as a save would write it (needs the trail, schema 2+)."""

    def old(table: str, row: dict) -> dict:
        keep = db[table].columns_dict  # one PRAGMA table_info per row, not per key
        return {k: v for k, v in row.items() if k in keep}

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
        if record and "hash" in db["audit_events"].columns_dict:
            audit.record_create(db, case_id, audit.now(), "test")
        elif record:  # before m008: the event had no hash
            _record_unchained(db, case_id)
    return case_id


def _old_snapshot(db: sqlite_utils.Database, case_id: int):
    """read_snapshot of a file whose schema lacks child tables added since (the score
    inputs' core-set visits): only the tables the file has are read."""
    from storage import snapshot

    kept = snapshot.CHILD_TABLES
    snapshot.CHILD_TABLES = [t for t in kept if db[t].exists()]
    try:
        snap = snapshot.read_snapshot(db, case_id)
    finally:
        snapshot.CHILD_TABLES = kept
    for table in kept:  # a table the file does not have holds nothing
        snap.children.setdefault(table, [])
    return snap


def _record_unchained(db: sqlite_utils.Database, case_id: int) -> None:
    """The "create" event as the trail held it before m008 chained it (no hash column)."""
    snap = _old_snapshot(db, case_id)
    event = db.execute(
        "INSERT INTO audit_events (at, user_name, reason, action, case_id, case_uuid, "
        "case_label, version) VALUES (?, 'test', '', 'create', ?, ?, ?, ?)",
        [audit.now(), case_id, snap.case["uuid"], snap.case["label"], snap.version],
    ).lastrowid
    for c in audit.diff(None, snap):
        db.execute(
            "INSERT INTO audit_changes (event_id, item, row_key, row_label, change, field, "
            "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [event, c.item, c.row_key, c.row_label, c.change, c.field,
             None if c.change == audit.ADD else json.dumps(c.old, ensure_ascii=False),
             None if c.change == audit.REMOVE else json.dumps(c.new, ensure_ascii=False)],
        )
