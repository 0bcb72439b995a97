"""CaseRepository: all SQL for a case and everything in it.

Saving a case is one transaction that holds the write lock from its start: the case row,
every child row and the audit trail's entries are written together or not at all.
The rows come from case_rows.py, driven by the field spec (domain/fields.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from domain.checks import check_case
from domain.model import Case
from domain.text import shown

from . import audit, case_index
from .case_rows import CHILD_TABLES, case_row, child_rows, cycle_rows
from .db import write_transaction
from .snapshot import case_from_snapshot, read_snapshot

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAX_INT = 2**63 - 1  # a larger number is no case id (and would overflow)


class CaseNotFound(LookupError):
    pass


class InvalidCase(ValueError):
    """The case has problems; nothing was written."""

    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class ConflictError(RuntimeError):
    """The case changed in the file since it was opened; nothing was written."""


class _Unchanged(Exception):
    """Raised inside a save that changed nothing, to roll it back (no new version)."""


def raise_if_invalid(case: Case) -> None:
    """InvalidCase, before anything is written, when check_case finds errors."""
    errors = [p for p in check_case(case) if p.severity == "error"]
    if errors:
        raise InvalidCase(errors)


class CaseRepository:
    """Reads and writes cases; every write is one transaction with its audit entries.

    user: the name the audit trail records (default: the operating-system user).
    on_busy(message): called when the file is locked by another writer, before each
    retry ("busy, retrying"), e.g. to show it in the status bar.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        user: str | None = None,
        on_busy: Callable[[str], None] | None = None,
    ):
        self.db = db
        self.user = user or audit.default_user()
        self.on_busy = on_busy

    # ---- reading -------------------------------------------------------------------
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM cases").fetchone()[0]

    def headers(self) -> list[Case]:
        """Every case with its case-level fields and sources, no timed data."""
        return case_index.list_cases(self.db, case_index.all_case_fields())

    def positive_antibodies(self) -> dict[int, list[str]]:
        """case id -> antibodies reported positive (for filtering the list)."""
        return case_index.positive_antibodies(self.db)

    def resolve(self, ref: str) -> int:
        """A case id from what a user typed: the id, or the exact label."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit() and int(ref) <= SQLITE_MAX_INT:
            row = self.db.execute("SELECT id FROM cases WHERE id = ?", [int(ref)]).fetchone()
        else:
            row = self.db.execute(
                "SELECT id FROM cases WHERE label = ? COLLATE NOCASE", [ref]
            ).fetchone()
        if row is None:
            raise CaseNotFound(f"no case '{shown(ref)}'; `cases` lists the ids")
        return row[0]

    def get(self, case_id: int) -> Case:
        snap = read_snapshot(self.db, case_id)
        if snap is None:
            raise CaseNotFound(f"no case with id {case_id}")
        return case_from_snapshot(snap, case_id)

    def history(self, case_id: int | None = None) -> list[audit.AuditEntry]:
        """The audit trail of one case (by its uuid, so it survives the case's deletion
        only through the whole-casebook trail), or of every case when case_id is None."""
        if case_id is None:
            return audit.entries(self.db)
        row = self.db.execute("SELECT uuid FROM cases WHERE id = ?", [case_id]).fetchone()
        if row is None:
            raise CaseNotFound(f"no case with id {case_id}")
        return audit.entries(self.db, row[0])

    # ---- writing -------------------------------------------------------------------
    def save(
        self,
        case: Case,
        check_version: bool = True,
        *,
        reason: str = "",
        user: str | None = None,
    ) -> int:
        """Write the whole case and its audit entries in one transaction; returns its id.

        Refuses (InvalidCase) a case with errors, and (ConflictError) a case whose stored
        version moved on since it was read. A save that changes nothing writes nothing
        and keeps the version. Raises storage.db.StoreBusy when another writer kept the
        file locked. On success case.id and case.version are set.
        """
        raise_if_invalid(case)
        now, who = audit.now(), user or self.user
        row = case_row(case)
        try:
            with write_transaction(self.db, self.on_busy):
                if case.id is None:
                    row.update(version=1, created_at=now, updated_at=now)
                    case_id = self._insert("cases", [row])
                    self._insert_children(case, case_id)
                    after = audit.record_create(self.db, case_id, now, who, reason)
                else:
                    case_id = case.id
                    before = read_snapshot(self.db, case_id)
                    if before is None:
                        raise CaseNotFound(f"case {case_id} was deleted meanwhile")
                    if before.case["uuid"] != case.uuid:
                        # another case now has this id (the one opened was deleted)
                        raise CaseNotFound(
                            f"'{shown(case.label)}' was deleted elsewhere since you opened it; "
                            f"case {case_id} is now another case, which was left as it is"
                        )
                    if check_version and before.version != case.version:
                        raise ConflictError(
                            f"'{shown(case.label)}' was changed elsewhere since you opened it "
                            f"(version {case.version}, now {before.version})"
                        )
                    row.update(version=before.version + 1, updated_at=now)
                    sets = ", ".join(f"{k} = ?" for k in row)
                    self.db.execute(
                        f"UPDATE cases SET {sets} WHERE id = ?", [*row.values(), case_id]
                    )
                    for table in CHILD_TABLES:
                        self.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
                    self._insert_children(case, case_id)
                    after = read_snapshot(self.db, case_id)
                    changes = audit.diff(before, after)
                    if not changes:
                        raise _Unchanged
                    audit.record(self.db, "update", case_id, after, changes, now, who, reason)
        except _Unchanged:
            case.version = before.version
            return case_id
        case.id, case.version = case_id, after.version
        return case_id

    def _insert(self, table: str, rows: list[dict]) -> int:
        """INSERT the rows (all with the same keys); returns the last row id."""
        cols = list(rows[0])
        one = "(" + ", ".join("?" * len(cols)) + ")"
        per = max(1, 500 // len(cols))  # stay far below SQLite's variable limit
        last = 0
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            cur = self.db.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join([one] * len(chunk))}",
                [r[c] for r in chunk for c in cols],
            )
            last = cur.lastrowid
        return last

    def _insert_children(self, case: Case, case_id: int) -> None:
        rows = child_rows(case, case_id)
        for table, table_rows in rows.items():
            if table_rows and table != "regimens":
                self._insert(table, table_rows)
        for regimen, reg_row in zip(case.regimens, rows["regimens"], strict=True):
            regimen_id = self._insert("regimens", [reg_row])
            cycles = cycle_rows(regimen, regimen_id)
            if cycles:
                self._insert("regimen_cycles", cycles)

    def delete(self, case_id: int, *, reason: str = "", user: str | None = None) -> None:
        """Delete a case and everything in it; the audit trail keeps what it held."""
        now = audit.now()
        with write_transaction(self.db, self.on_busy):
            before = read_snapshot(self.db, case_id)
            if before is None:
                raise CaseNotFound(f"no case with id {case_id}")
            self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
            audit.record(
                self.db,
                "delete",
                case_id,
                before,
                audit.diff(before, None),
                now,
                user or self.user,
                reason,
            )
