"""The audit trail: every create, update and delete of a case, field by field.

Written from Python inside the save's own transaction (so it commits or rolls back with the
change): triggers could not call Python with trusted_schema=OFF, and a main-schema trigger
cannot read a TEMP table holding the user name. The database itself refuses UPDATE and
DELETE on the trail (migration m002).

One audit_events row per create/update/delete (UTC time, user, optional reason, the case's
version after it), and one audit_changes row per field that changed. Values are stored as
JSON so that replaying them gives back the exact stored value (60.0 stays a float, None
stays NULL). Child rows are addressed by their 1-based row number, regimen cycles by
"regimen.cycle": a removed row by its number before the change, an added or changed row by
its number after it. Replaying the events in order rebuilds every case (replay()).

Each event carries a hash over itself, its changes and the previous event's hash
(storage/audit_chain.py): its id is the last id + 1, taken under the save's write lock.
A restore of a backup is an event of its own ("restore", case id 0).
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from domain import fields as spec

from . import audit_chain
from .case_rows import CHILD_TABLES
from .snapshot import Snapshot, read_snapshot

if TYPE_CHECKING:
    import sqlite_utils

ADD, SET, REMOVE = "add", "set", "remove"
RESTORE = "restore"  # an event of the whole casebook: a backup was restored
CYCLES = "regimen_cycles"
# what names a child row in the History, e.g. "Lab result 3 (CK)"
ROW_NAME_FIELDS = {e.table: e.name_fields for e in spec.ENTITIES if e.name_fields}
_CHUNK = 60  # rows per INSERT statement (8 values each, well under SQLite's variable limit)


@dataclass(frozen=True)
class Change:
    item: str  # "case" or a child table name
    row_key: str  # "" for the case, "3" for a child row, "1.2" for a regimen's cycle
    change: str  # "add", "set" or "remove"
    field: str
    old: object  # the value before ("add": absent)
    new: object  # the value after ("remove": absent)
    row_label: str = ""


@dataclass(frozen=True)
class AuditEntry:
    """One row of the History: an event joined with one of its changes."""

    event_id: int
    at: str  # UTC, ISO 8601
    user: str
    reason: str
    action: str  # "create", "update", "delete", "restore"
    case_id: int
    case_uuid: str
    case_label: str
    version: int
    item: str
    row_key: str
    change: str
    field: str
    old_json: str | None  # None: the row did not exist before
    new_json: str | None  # None: the row no longer exists
    row_label: str = ""  # names the row, e.g. "CK" for a lab result

    @property
    def old(self) -> object:
        return None if self.old_json is None else json.loads(self.old_json)

    @property
    def new(self) -> object:
        return None if self.new_json is None else json.loads(self.new_json)


def default_user() -> str:
    """The operating-system account the app runs as, as the audit trail's "who".

    From the password database by user id, not from LOGNAME or USER, which anyone can set.
    """
    try:
        import pwd
    except ImportError:  # pragma: no cover - not a POSIX system
        return getpass.getuser()
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # an id with no account (e.g. some containers)
        return f"uid {os.getuid()}"


# ---- comparing two snapshots ----------------------------------------------------------
def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _differs(a: object, b: object) -> bool:
    # 1 and 1.0 compare equal but are stored differently: compare the type too
    return a != b or type(a) is not type(b)


def _label(table: str, row: dict) -> str:
    fields = ROW_NAME_FIELDS.get(table, ())  # the case row has no name fields
    return " ".join(str(row[f]) for f in fields if row.get(f) not in (None, ""))


def match_rows(old: list[dict], new: list[dict]) -> tuple[list[int], list[int], list[tuple]]:
    """(removed old indexes, added new indexes, (old, new) index pairs kept in order).

    Identical rows are matched first (difflib), so inserting a row reports one added row,
    not every later row changed; other rows in a replaced stretch pair up by position.
    """
    removed, added, pairs = [], [], []
    sm = SequenceMatcher(None, [_key(r) for r in old], [_key(r) for r in new], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        n = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        pairs += zip(range(i1, i1 + n), range(j1, j1 + n), strict=True)
        removed += range(i1 + n, i2)
        added += range(j1 + n, j2)
    return removed, added, pairs


def _row_changes(table: str, kind: str, key: str, row: dict) -> list[Change]:
    label = _label(table, row)
    return [
        Change(
            table, key, kind, f, v if kind == REMOVE else None, v if kind == ADD else None, label
        )
        for f, v in row.items()
        if f != "cycles"
    ]


def _list_changes(
    table: str, old: list[dict], new: list[dict], old_key=str, new_key=str
) -> list[Change]:
    """Removed rows (numbered as before), then the rows after the change in their order:
    added ones whole, kept ones by the fields that differ; a regimen's cycles within it."""
    out: list[Change] = []
    removed, _added, pairs = match_rows(old, new)
    for i in removed:
        out += _row_changes(table, REMOVE, old_key(i + 1), old[i])
        for k, c in enumerate(old[i].get("cycles", []), 1):
            out += _row_changes(CYCLES, REMOVE, f"{i + 1}.{k}", c)
    partner = {j: i for i, j in pairs}
    for j, b in enumerate(new):
        if j not in partner:
            out += _row_changes(table, ADD, new_key(j + 1), b)
            for k, c in enumerate(b.get("cycles", []), 1):
                out += _row_changes(CYCLES, ADD, f"{j + 1}.{k}", c)
            continue
        i = partner[j]
        a, label = old[i], _label(table, b)
        out += [
            Change(table, new_key(j + 1), SET, f, a[f], v, label)
            for f, v in b.items()
            if f != "cycles" and _differs(a[f], v)
        ]
        if "cycles" in b:
            out += _list_changes(
                CYCLES,
                a["cycles"],
                b["cycles"],
                lambda k, r=i + 1: f"{r}.{k}",
                lambda k, r=j + 1: f"{r}.{k}",
            )
    return out


def diff(before: Snapshot | None, after: Snapshot | None) -> list[Change]:
    """Every field that differs: a create adds all, a delete removes all."""
    empty = Snapshot(case={})
    a, b = before or empty, after or empty
    out: list[Change] = []
    if before is None or after is None:
        kind = ADD if before is None else REMOVE
        out += _row_changes("case", kind, "", (after or before).case)
    else:
        for f, v in b.case.items():
            if _differs(a.case[f], v):
                out.append(Change("case", "", SET, f, a.case[f], v))
    for table in CHILD_TABLES:
        out += _list_changes(table, a.children[table], b.children[table])
    return out


# ---- writing ----------------------------------------------------------------------------
def now() -> str:
    """The audit trail's clock: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_create(
    db: sqlite_utils.Database, case_id: int, at: str, user: str, reason: str = ""
) -> Snapshot:
    """Record a just-inserted case as created (every stored field); returns its snapshot."""
    snap = read_snapshot(db, case_id)
    record(db, "create", case_id, snap, diff(None, snap), at, user, reason)
    return snap


def _json(v: object) -> str:
    return json.dumps(v, ensure_ascii=False)


def record(
    db: sqlite_utils.Database,
    action: str,
    case_id: int,
    snap: Snapshot | None,
    changes: Iterable[Change],
    at: str,
    user: str,
    reason: str = "",
) -> int:
    """Append one event and its changes, chained to the event before (call inside the
    save's transaction, which holds the write lock: no other event can come between)."""
    rows = [
        (
            c.item,
            c.row_key,
            c.row_label,
            c.change,
            c.field,
            None if c.change == ADD else _json(c.old),
            None if c.change == REMOVE else _json(c.new),
        )
        for c in changes
    ]
    last_id, prev = audit_chain.last_event(db)
    event_id = last_id + 1
    uuid, label, version = (
        (snap.case["uuid"], snap.case["label"], snap.version) if snap else ("", "", 0)
    )
    event = (event_id, at, user, reason, action, case_id, uuid, label, version)
    db.execute(
        f"INSERT INTO audit_events ({audit_chain.EVENT_COLUMNS}, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*event, audit_chain.event_hash(prev, event, rows)],
    )
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
        db.execute(
            f"INSERT INTO audit_changes (event_id, {audit_chain.CHANGE_COLUMNS}) VALUES {values}",
            [v for row in chunk for v in (event_id, *row)],
        )
    return event_id


def record_restore(
    db: sqlite_utils.Database, backup_name: str, kept_name: str, user: str | None = None
) -> int:
    """A restore of a backup, as an event of the (restored) trail: which backup, and
    where the replaced content (and its own trail) was kept."""
    changes = [
        Change("casebook", "", ADD, "restored_from", None, backup_name),
        Change("casebook", "", ADD, "replaced_content_kept_in", None, kept_name),
    ]
    return record(db, RESTORE, 0, None, changes, now(), user or default_user())


# ---- reading ----------------------------------------------------------------------------
_ENTRY_SQL = (
    "SELECT e.id, e.at, e.user_name, e.reason, e.action, e.case_id, e.case_uuid, "
    "e.case_label, e.version, c.item, c.row_key, c.change, c.field, c.old_value, "
    "c.new_value, c.row_label FROM audit_events e JOIN audit_changes c ON c.event_id = e.id"
)


def entries(db: sqlite_utils.Database, case_uuid: str | None = None) -> list[AuditEntry]:
    """The trail in the order it was written (one case's, or all)."""
    where, params = ("WHERE e.case_uuid = ?", [case_uuid]) if case_uuid else ("", [])
    cur = db.execute(f"{_ENTRY_SQL} {where} ORDER BY e.id, c.id", params)
    return [AuditEntry(*r) for r in cur.fetchall()]
