"""m002's backfill, frozen as it was at that step: a "create" audit event for every case
already in the file. Self-contained (no import of the live audit or snapshot modules, whose
meaning changes as the schema grows): the tables and columns of that step, and the change
rows as audit.diff(None, ...) wrote them then."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


_M002_CHILDREN = (
    ("lab_results", ("analyte",)),
    ("antibody_results", ("antibody",)),
    ("steroid_steps", ("drug",)),
    ("regimens", ("name",)),
    ("treatments", ("name",)),
    ("assessments", ("kind",)),
    ("findings", ("name",)),
    ("case_sources", ("field",)),
)


def _m002_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def _m002_rows(db: sqlite_utils.Database, sql: str, params: list) -> list[dict]:
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def backfill(db: sqlite_utils.Database) -> None:
    import json
    from datetime import UTC, datetime

    at = datetime.now(UTC).isoformat(timespec="seconds")
    user = _m002_user()
    reason = "audit trail started: the case as it was at the upgrade"

    def adds(item: str, key: str, row: dict, skip: tuple[str, ...], names=()) -> list[tuple]:
        label = " ".join(str(row[f]) for f in names if row.get(f) not in (None, ""))
        return [
            (item, key, label, "add", f, None, json.dumps(v, ensure_ascii=False))
            for f, v in row.items()
            if f not in skip
        ]

    for case in _m002_rows(db, "SELECT * FROM cases ORDER BY id", []):
        changes = adds("case", "", case, ("id", "version", "created_at", "updated_at"))
        for table, names in _M002_CHILDREN:
            order = "id" if table == "case_sources" else "position, id"
            rows = _m002_rows(
                db, f"SELECT * FROM {table} WHERE case_id = ? ORDER BY {order}", [case["id"]]
            )
            for i, row in enumerate(rows, 1):
                changes += adds(table, str(i), row, ("id", "case_id", "position"), names)
                if table != "regimens":
                    continue
                cycles = _m002_rows(
                    db,
                    "SELECT * FROM regimen_cycles WHERE regimen_id = ? ORDER BY number, id",
                    [row["id"]],
                )
                for k, cycle in enumerate(cycles, 1):
                    changes += adds(
                        "regimen_cycles", f"{i}.{k}", cycle, ("id", "regimen_id"), ("number",)
                    )
        event_id = db.execute(
            "INSERT INTO audit_events (at, user_name, reason, action, case_id, case_uuid, "
            "case_label, version) VALUES (?, ?, ?, 'create', ?, ?, ?, ?)",
            [at, user, reason, case["id"], case["uuid"], case["label"], case["version"]],
        ).lastrowid
        for c in changes:
            db.execute(
                "INSERT INTO audit_changes (event_id, item, row_key, row_label, change, field, "
                "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [event_id, *c],
            )
