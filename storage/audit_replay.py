"""Rebuilding every case from the audit trail alone.

The proof that the trail is complete: replay() applies the recorded events in order and
must give back exactly what the case tables hold (tests compare it after hundreds of
random edits, and after each crash of the crash test).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from .audit import ADD, CYCLES, REMOVE, RESTORE, SET
from .case_rows import CHILD_TABLES
from .snapshot import CASE_META, Snapshot


def _case_defaults(db: sqlite_utils.Database) -> dict[str, object]:
    """Each case column's default: the value a column added by a later migration holds in
    a case whose "create" entry predates it (and that no later entry set)."""
    out = {}
    for _cid, name, _type, _notnull, default, _pk in db.execute("PRAGMA table_info(cases)"):
        if name not in CASE_META:
            out[name] = None if default is None else db.execute(f"SELECT {default}").fetchone()[0]
    return out

if TYPE_CHECKING:
    import sqlite_utils


def _apply_list(rows: list[dict], changes: list[tuple]) -> list[dict]:
    """Rows after one event: drop removed rows (numbered before), place added rows and set
    fields (numbered after); the rows kept fill the other places in their order."""
    removed = {pos for kind, pos, *_ in changes if kind == REMOVE}
    added: dict[int, dict] = defaultdict(dict)
    for kind, pos, field, value in changes:
        if kind == ADD:
            added[pos][field] = value
    kept = iter([r for i, r in enumerate(rows, 1) if i not in removed])
    size = len(rows) - len(removed) + len(added)
    out = [added[p] if p in added else next(kept) for p in range(1, size + 1)]
    for kind, pos, field, value in changes:
        if kind == SET:
            out[pos - 1][field] = value
    return out


def _apply(snap: Snapshot, changes: list[tuple]) -> None:
    by_item: dict[str, list[tuple]] = defaultdict(list)
    for item, row_key, kind, field, value in changes:
        by_item[item].append((row_key, kind, field, value))
    for _, kind, field, value in by_item.pop("case", []):
        if kind != REMOVE:
            snap.case[field] = value
    cycles = by_item.pop(CYCLES, [])
    # cycle removals are numbered in the regimen list before this event
    gone = {tuple(map(int, k.split("."))) for k, kind, *_ in cycles if kind == REMOVE}
    for r, regimen in enumerate(snap.children["regimens"], 1):
        regimen["cycles"] = [c for k, c in enumerate(regimen["cycles"], 1) if (r, k) not in gone]
    for table in CHILD_TABLES:
        changes_here = [(kind, int(k), f, v) for k, kind, f, v in by_item.pop(table, [])]
        if changes_here:
            snap.children[table] = _apply_list(snap.children[table], changes_here)
    per_regimen: dict[int, list[tuple]] = defaultdict(list)
    for k, kind, f, v in cycles:
        if kind != REMOVE:
            r, c = map(int, k.split("."))
            per_regimen[r].append((kind, c, f, v))
    for r, regimen in enumerate(snap.children["regimens"], 1):
        regimen.setdefault("cycles", [])
        if per_regimen.get(r):
            regimen["cycles"] = _apply_list(regimen["cycles"], per_regimen[r])
    if by_item:
        raise ValueError(f"unknown items in the audit trail: {sorted(by_item)}")


def replay(db: sqlite_utils.Database) -> dict[int, Snapshot]:
    """Every case that exists after all recorded events, by case id, from the trail alone."""
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for event_id, item, row_key, kind, field, new in db.execute(
        "SELECT event_id, item, row_key, change, field, new_value FROM audit_changes ORDER BY id"
    ).fetchall():
        value = json.loads(new) if new is not None else None
        grouped[event_id].append((item, row_key, kind, field, value))
    cases: dict[int, Snapshot] = {}
    defaults = _case_defaults(db)
    for event_id, action, case_id, version in db.execute(
        "SELECT id, action, case_id, version FROM audit_events ORDER BY id"
    ).fetchall():
        if action == RESTORE:  # of the whole casebook: no case changes
            continue
        if action == "delete":
            cases.pop(case_id, None)
            continue
        if action == "create":
            cases[case_id] = Snapshot(case=dict(defaults))
        snap = cases[case_id]
        _apply(snap, grouped.get(event_id, []))
        snap.version = version
    return cases
