"""The log of every data export (migration m004): who, when, profile, formats, where,
how many cases and which files. Written in its own transaction once the export folder is
in place; append-only (the database refuses UPDATE and DELETE)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .db import write_transaction

if TYPE_CHECKING:  # the History reads the log on plain sqlite3 (db.Casebook) too
    import sqlite_utils


@dataclass(frozen=True)
class ExportEvent:
    id: int
    at: str  # UTC, ISO 8601
    user: str
    profile: str
    formats: str  # "csv,spss"
    destination: str  # the export folder
    case_count: int
    files: tuple[str, ...]


def record_export(db: sqlite_utils.Database, event: ExportEvent) -> int:
    with write_transaction(db):
        cur = db.execute(
            "INSERT INTO export_log (at, user_name, profile, formats, destination, "
            "case_count, files) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [event.at, event.user, event.profile, event.formats, event.destination,
             event.case_count, json.dumps(list(event.files))],
        )
    return cur.lastrowid


def export_events(db: sqlite_utils.Database) -> list[ExportEvent]:
    """Every export, newest first."""
    rows = db.execute(
        "SELECT id, at, user_name, profile, formats, destination, case_count, files "
        "FROM export_log ORDER BY id DESC"
    ).fetchall()
    return [ExportEvent(*r[:7], tuple(json.loads(r[7]))) for r in rows]
