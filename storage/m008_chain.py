"""m008, frozen as it was at that step: the audit trail's events get a hash chain.

Self-contained (no import of the live audit modules, whose meaning may change): the
table as it was at this step, rebuilt with a hash column and with 'restore' allowed as
an action, and the hash formula of that step (the same as storage/audit_chain.py's
event_hash at the time; a test checks that they agree).

The events already in the file are chained as they are found: what was changed before
this step cannot be told apart; from here on any change breaks the chain.
"""

from __future__ import annotations

import hashlib
import json

import sqlite_utils

_GENESIS = "0" * 64
_EVENT = "id, at, user_name, reason, action, case_id, case_uuid, case_label, version"
_CHANGE = "item, row_key, row_label, change, field, old_value, new_value"


def _m008_hash(prev: str, event: tuple, changes: list[tuple]) -> str:
    data = [prev, *event, [list(c) for c in changes]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_events(db: sqlite_utils.Database) -> None:
    """Inside the step's transaction, with foreign keys off (the table is rebuilt)."""
    db.execute(
        """
        CREATE TABLE audit_events_m008 (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_name TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
            case_id INTEGER NOT NULL,
            case_uuid TEXT NOT NULL,
            case_label TEXT NOT NULL,
            version INTEGER NOT NULL,
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        ) STRICT
        """
    )
    changes: dict[int, list[tuple]] = {}
    for event_id, *change in db.execute(
        f"SELECT event_id, {_CHANGE} FROM audit_changes ORDER BY id"
    ).fetchall():
        changes.setdefault(event_id, []).append(tuple(change))
    prev = _GENESIS
    for event in db.execute(f"SELECT {_EVENT} FROM audit_events ORDER BY id").fetchall():
        prev = _m008_hash(prev, tuple(event), changes.get(event[0], []))
        db.execute(
            f"INSERT INTO audit_events_m008 ({_EVENT}, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*event, prev],
        )
    db.execute("DROP TABLE audit_events")  # its index and triggers go with it
    db.execute("ALTER TABLE audit_events_m008 RENAME TO audit_events")
    db.execute("CREATE INDEX idx_audit_events_case ON audit_events(case_uuid)")
    for op in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER audit_events_no_{op.lower()} BEFORE {op} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: "
            f"{op} is not allowed'); END"
        )
