"""The audit trail as evidence: each event's hash covers it, its changes and the hash of
the event before it, so an entry changed, removed or slipped in outside the app breaks the
chain from there on.

The hash is SHA-256 of the canonical JSON array
    [previous hash, id, at, user_name, reason, action, case_id, case_uuid, case_label,
     version, [[item, row_key, row_label, change, field, old_value, new_value], ...]]
(changes in the order written, values as their stored JSON text), with 64 zeros before
the first event. Migration m008 chained the events already in a file with the same
formula (frozen in storage/m008_chain.py); a test checks that both agree.

What it cannot show: someone who rewrites the trail and recomputes every hash after it
(the chain is not a signature; nothing in the file is secret), or who removes the newest
events of a case together with the case. verify() also reports a case whose stored
version is ahead of its trail or whose content is not what its trail rebuilds (replay),
change rows that belong to no event, and the append-only triggers when they are missing (they are reported, never quietly put back: that would
hide the tampering).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from domain.text import shown

GENESIS = "0" * 64
EVENT_COLUMNS = "id, at, user_name, reason, action, case_id, case_uuid, case_label, version"
CHANGE_COLUMNS = "item, row_key, row_label, change, field, old_value, new_value"
# the triggers m002 made: the database itself refuses to change or delete an entry
GUARDS = {
    f"{table}_no_{op}": (table, op.upper())
    for table in ("audit_events", "audit_changes")
    for op in ("update", "delete")
}
MAX_LISTED = 5  # problems named one by one; the rest are counted


def event_hash(prev: str, event: tuple, changes: list[tuple]) -> str:
    """The hash of one event (its EVENT_COLUMNS values) and its changes (CHANGE_COLUMNS)."""
    data = [prev, *event, [list(c) for c in changes]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def last_event(db: sqlite_utils.Database) -> tuple[int, str]:
    """(id, hash) of the newest event; (0, GENESIS) for an empty trail."""
    row = db.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


@dataclass
class ChainReport:
    """The result of verify(): intact when there are no problems."""

    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """What the window and verify-audit say, one line each."""
        if self.intact:
            return [
                f"The audit trail is intact: {self.events} events, each chained to the one "
                "before it, and the database refuses changes to it."
            ]
        head = (
            "The audit trail was altered outside DM Casebook "
            f"({len(self.problems)} problem(s) in {self.events} events):"
        )
        listed = [f"- {p}" for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - MAX_LISTED
        return [head, *listed, *([f"- and {more} more"] if more > 0 else [])]


def _guard_problems(db: sqlite_utils.Database) -> list[str]:
    found = {
        name: (table, sql or "")
        for name, table, sql in db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
    }
    out = []
    for name, (table, op) in GUARDS.items():
        got = found.get(name)
        sql = " ".join(got[1].upper().split()) if got else ""
        if got is None or got[0] != table or f"BEFORE {op}" not in sql or "RAISE(ABORT" not in sql:
            out.append(
                f"the database no longer refuses {op} on {table}: its guard (trigger "
                f"{name}) was removed or changed"
            )
    return out


def _about(event: list) -> str:
    _, at, _, _, action, _, _, label, _ = event
    return f"{action}, {at}" if action == "restore" else f"{action} of '{shown(label, 40)}', {at}"


def verify(db: sqlite_utils.Database, contents: bool = False) -> ChainReport:
    """Check every event's hash and link, the guards, orphan changes, cases ahead of their
    trail; with contents, also that every case is what its trail rebuilds (about three
    times as long: verify-audit does it, the window's check at start does not)."""
    report = ChainReport(problems=_guard_problems(db))
    changes: dict[int, list[tuple]] = defaultdict(list)
    for event_id, *change in db.execute(
        f"SELECT event_id, {CHANGE_COLUMNS} FROM audit_changes ORDER BY id"
    ).fetchall():
        changes[event_id].append(tuple(change))
    prev, expected_id = GENESIS, 1
    for *event, stored in db.execute(
        f"SELECT {EVENT_COLUMNS}, hash FROM audit_events ORDER BY id"
    ).fetchall():
        report.events += 1
        event_id = event[0]
        what = f"entry {event_id} ({_about(event)})"
        if event_id != expected_id:
            gone = (
                f"entry {expected_id} is"
                if event_id == expected_id + 1
                else f"entries {expected_id} to {event_id - 1} are"
            )
            report.problems.append(f"{gone} missing before {what}")
        if stored != event_hash(prev, tuple(event), changes.pop(event_id, [])):
            report.problems.append(
                f"{what} does not match its hash: changed, or the "
                "entry before it was changed or removed"
            )
        prev, expected_id = stored, event_id + 1
    orphans = sum(len(v) for v in changes.values())
    if orphans:
        report.problems.append(f"{orphans} recorded change(s) belong to no entry")
    for label, version, last in db.execute(
        "SELECT c.label, c.version, max(e.version) FROM cases c "
        "JOIN audit_events e ON e.case_uuid = c.uuid GROUP BY c.id HAVING c.version > max(e.version)"
    ).fetchall():
        report.problems.append(
            f"case '{shown(label, 40)}' is at version {version} but its newest entry is "
            f"for version {last}: entries were removed"
        )
    # the newest entry of each case in the trail: a delete, or the case is in the file
    for label, action, present in db.execute(
        "SELECT e.case_label, e.action, c.id IS NOT NULL FROM audit_events e "
        "JOIN (SELECT max(id) AS id FROM audit_events WHERE action != 'restore' "
        "GROUP BY case_uuid) last ON last.id = e.id "
        "LEFT JOIN cases c ON c.uuid = e.case_uuid"
    ).fetchall():
        if (action == "delete") == bool(present):
            report.problems.append(
                f"case '{shown(label, 40)}' is in the casebook though its newest entry deletes it"
                if present
                else f"case '{shown(label, 40)}' is gone from the casebook though no entry "
                "deletes it"
            )
    if contents:
        report.problems += _cases_unlike_their_trail(db)
    return report


def _cases_unlike_their_trail(db: sqlite_utils.Database) -> list[str]:
    """Cases whose stored content is not what replaying their trail gives (a case row
    edited by another program, the trail left alone)."""
    from .audit_replay import replay  # it imports audit, which imports this module
    from .snapshot import read_snapshot

    try:
        rebuilt = replay(db)
    except (KeyError, IndexError, ValueError, TypeError, StopIteration) as e:
        return [f"the trail cannot be replayed ({type(e).__name__}): its entries were changed"]
    out = []
    for case_id, snap in rebuilt.items():
        stored = read_snapshot(db, case_id)
        if stored is not None and stored.version == snap.version and stored != snap:
            out.append(
                f"case '{shown(stored.case.get('label', ''), 40)}' differs from what its "
                "trail records: it was changed outside the app"
            )
    return out
