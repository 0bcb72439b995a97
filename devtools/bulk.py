"""Writing many new cases fast (the synthetic cohort, imports): a batch per transaction.

The rows come from the repository's own row builders (case_row, child_rows, cycle_rows),
so a bulk-written case is stored exactly as CaseRepository.save stores it. What differs
is how they reach SQLite, in three steps:

1. build_batch: cases -> checked rows as plain tuples, with batch-local ids (case k of
   the batch has id k). Needs no database.
2. stage_batch: the tuples into a scratch SQLite file (no constraints, no sync), one
   executemany per table. Needs no casebook, so 1 and 2 can run in worker processes.
   (write_batch stages in an attached in-memory database instead.)
3. copy_staged: one INSERT ... SELECT per table from the attached scratch file into the
   casebook, adding the file's id offsets, in one write transaction.

Why staged: the schema's CHECK (x IN (...)) constraints cost SQLite about 2.5 us per row
and constraint when each row is its own statement execution (an executemany), and
almost nothing inside one INSERT ... SELECT; and step 3, the only one that must run in
the writing process, is all in C (docs/benchmarks.md, "bulk write").

The audit trail: with audit=True each case gets its "create" event through the audit
module, as CaseRepository.save writes it (a row per stored field: ~1,100 rows and ~10 ms
per synthetic case). The synthetic cohort is written with audit=False: its cases are not
clinical records and are regenerated from their seed, and a full trail would take ~100 s
and ~800 MB for 10,000 cases (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path

import sqlite_utils

from domain.model import Case
from storage import audit as audit_trail
from storage.case_rows import CHILD_TABLES, case_row, child_rows, cycle_rows
from storage.db import connect, write_transaction
from storage.repository import raise_if_invalid

BATCH_SIZE = 1000
# parents before children, for the foreign keys
TABLE_ORDER = ("cases", *CHILD_TABLES, "regimen_cycles")
# columns holding a batch-local id, and the table whose ids they are (None: this table)
ID_COLUMNS = {"id": None, "case_id": "cases", "regimen_id": "regimens"}
STAGE = "bulk_stage"


@dataclass
class RowBatch:
    """A batch of cases as rows, ids local to the batch: table -> (columns, tuples), and
    table -> {column: value} for the columns that hold one value in every row of the
    batch (kept once rather than bound for every row: staging binds a third fewer values)."""

    count: int = 0
    tables: dict[str, tuple[tuple[str, ...], list[tuple]]] = field(default_factory=dict)
    constants: dict[str, dict[str, object]] = field(default_factory=dict)

    def full_rows(self, table: str) -> tuple[tuple[str, ...], list[tuple]]:
        """A table's rows with every column (the constant ones put back)."""
        columns, rows = self.tables[table]
        consts = self.constants.get(table, {})
        return (*columns, *consts), [(*r, *consts.values()) for r in rows]


def batches(cases: Iterable[Case], size: int = BATCH_SIZE) -> Iterator[list[Case]]:
    it = iter(cases)
    while batch := list(islice(it, size)):
        yield batch


def check_new_cases(cases: list[Case]) -> None:
    """Raise before anything is written: a stored case, or a case with errors."""
    for case in cases:
        if case.id is not None:
            raise ValueError(f"'{case.label}' is already stored (id {case.id})")
        raise_if_invalid(case)


def build_batch(cases: list[Case]) -> RowBatch:
    """Check the cases and build their rows: case k (from 1) has id k, regimens likewise."""
    check_new_cases(cases)
    now = audit_trail.now()
    dicts: dict[str, list[dict]] = {t: [] for t in TABLE_ORDER}
    regimen_id = 1
    for case_id, case in enumerate(cases, 1):
        row = case_row(case)
        row.update(id=case_id, version=1, created_at=now, updated_at=now)
        dicts["cases"].append(row)
        children = child_rows(case, case_id)
        for regimen, regimen_row in zip(case.regimens, children["regimens"], strict=True):
            regimen_row["id"] = regimen_id
            dicts["regimen_cycles"].extend(cycle_rows(regimen, regimen_id))
            regimen_id += 1
        for table, table_rows in children.items():
            dicts[table].extend(table_rows)
    batch = RowBatch(count=len(cases))
    for table in TABLE_ORDER:
        rows = dicts[table]
        if rows:
            columns = tuple(rows[0])
            get = itemgetter(*columns)
            columns, tuples, constants = _split_constants(columns, [get(r) for r in rows])
            batch.tables[table] = (columns, tuples)
            if constants:
                batch.constants[table] = constants
    return batch


def _split_constants(
    columns: tuple[str, ...], rows: list[tuple]
) -> tuple[tuple[str, ...], list[tuple], dict[str, object]]:
    """Take out the columns with one value (of one type: 1 is not 1.0) in every row."""
    if len(rows) < 2:
        return columns, rows, {}
    by_column = list(zip(*rows, strict=True))
    varying = [
        i
        for i, col in enumerate(by_column)
        if col.count(col[0]) != len(col) or len(set(map(type, col))) != 1
    ] or [0]  # a table needs a column
    if len(varying) == len(columns):
        return columns, rows, {}
    constants = {c: by_column[i][0] for i, c in enumerate(columns) if i not in varying}
    kept = tuple(columns[i] for i in varying)
    return kept, list(zip(*(by_column[i] for i in varying), strict=True)), constants


def _stage(conn, batch: RowBatch, schema: str = "main") -> None:
    """Create the batch's untyped tables in schema and fill them, one executemany each."""
    conn.execute(f"CREATE TABLE {schema}.batch (count INTEGER)")
    conn.execute(f"INSERT INTO {schema}.batch VALUES (?)", [batch.count])
    conn.execute(f"CREATE TABLE {schema}.constants (tbl TEXT, col TEXT, value)")
    conn.executemany(
        f"INSERT INTO {schema}.constants VALUES (?, ?, ?)",
        [(t, c, v) for t, consts in batch.constants.items() for c, v in consts.items()],
    )
    for table, (columns, rows) in batch.tables.items():
        conn.execute(f"CREATE TABLE {schema}.{table} ({', '.join(columns)})")
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {schema}.{table} VALUES ({marks})", rows)


def stage_batch(batch: RowBatch, path: Path) -> Path:
    """Write a batch's rows to a new scratch SQLite file (for copy_staged)."""
    scratch = connect(path, mode="scratch")
    try:
        with scratch.atomic():
            _stage(scratch.conn, batch)
    finally:
        scratch.close()
    return path


def copy_staged(
    db: sqlite_utils.Database, path: Path, audit: bool = True, reason: str = ""
) -> tuple[int, int]:
    """Copy a batch staged in a file into the casebook in one transaction:
    (first case id, count). audit: record each case's "create" event (same transaction)."""
    db.execute(f"ATTACH DATABASE ? AS {STAGE}", [str(path)])
    try:
        return _copy(db, audit, reason)
    finally:
        db.execute(f"DETACH DATABASE {STAGE}")


def write_batch(
    db: sqlite_utils.Database, batch: RowBatch, audit: bool = True, reason: str = ""
) -> int:
    """Write a batch in one transaction; returns the id its first case got.

    Staged in an attached in-memory database: no file, and no fixed cost that would
    matter for a few cases."""
    db.execute(f"ATTACH DATABASE ':memory:' AS {STAGE}")
    try:
        with db.atomic():  # a transaction of its own: the copy's must start afresh
            _stage(db.conn, batch, STAGE)
        first, _ = _copy(db, audit, reason)
    finally:
        db.execute(f"DETACH DATABASE {STAGE}")
    return first


def _copy(db: sqlite_utils.Database, audit: bool, reason: str) -> tuple[int, int]:
    count = db.execute(f"SELECT count FROM {STAGE}.batch").fetchone()[0]
    staged = {
        r[0] for r in db.execute(f"SELECT name FROM {STAGE}.sqlite_master WHERE type='table'")
    }
    constants: dict[str, dict[str, object]] = {}
    for table, column, value in db.execute(f"SELECT tbl, col, value FROM {STAGE}.constants"):
        constants.setdefault(table, {})[column] = value
    with write_transaction(db):
        offsets = {"cases": _max_id(db, "cases"), "regimens": _max_id(db, "regimens")}
        for table in TABLE_ORDER:
            if table not in staged:
                continue
            cur = db.execute(f"SELECT * FROM {STAGE}.{table} LIMIT 0")
            columns = [d[0] for d in cur.description]
            select = [_shifted(table, c, offsets) for c in columns]
            consts = constants.get(table, {})
            params = [_shifted_value(table, c, v, offsets) for c, v in consts.items()]
            db.execute(
                f"INSERT INTO main.{table} ({', '.join([*columns, *consts])}) "
                f"SELECT {', '.join(select + ['?'] * len(consts))} "
                f"FROM {STAGE}.{table} ORDER BY rowid",
                params,
            )
        if audit:
            _record_creates(db, offsets["cases"] + 1, count, reason)
    return offsets["cases"] + 1, count


def _owner(table: str, column: str) -> str | None:
    """The table whose ids a column holds (its own for "id"), or None."""
    return (ID_COLUMNS[column] or table) if column in ID_COLUMNS else None


def _shifted_value(table: str, column: str, value, offsets: dict[str, int]):
    owner = _owner(table, column)
    return value + offsets[owner] if owner in offsets and value is not None else value


def _shifted(table: str, column: str, offsets: dict[str, int]) -> str:
    owner = _owner(table, column)
    return f"{column} + {int(offsets[owner])}" if owner in offsets else column


def _record_creates(db: sqlite_utils.Database, first: int, count: int, reason: str) -> None:
    at, user = audit_trail.now(), audit_trail.default_user()
    for case_id in range(first, first + count):
        audit_trail.record_create(db, case_id, at, user, reason)


def insert_cases(
    db: sqlite_utils.Database,
    cases: Iterable[Case],
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    audit: bool = True,
    reason: str = "",
) -> int:
    """Insert new cases (their id must be None); returns how many were written.

    Each batch is one transaction. A case with errors (check_case) raises InvalidCase
    before its batch is written; earlier batches stay written. On success each case
    gets its id and version 1, as after CaseRepository.save.
    """
    written = 0
    for cases_batch in batches(cases, batch_size):
        first = write_batch(db, build_batch(cases_batch), audit, reason)
        for i, case in enumerate(cases_batch):
            case.id, case.version = first + i, 1
        written += len(cases_batch)
        if progress is not None:
            progress(written)
    return written


def insert_staged(
    db: sqlite_utils.Database,
    paths: Iterable[Path],
    progress: Callable[[int], None] | None = None,
    audit: bool = True,
    reason: str = "",
) -> int:
    """Copy batches staged elsewhere (e.g. by worker processes), deleting each file once
    it is in; returns the number of cases written."""
    written = 0
    for path in paths:
        _, count = copy_staged(db, path, audit, reason)
        Path(path).unlink()
        written += count
        if progress is not None:
            progress(written)
    return written


def _max_id(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
