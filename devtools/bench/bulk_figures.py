"""Bulk write: the synthetic writer (devtools/bulk.py) beside plain executemany.

Both write the same rows into a casebook of the same schema, a transaction per 1,000
cases. Ours starts from Case objects (check, row building, staging, copy); executemany
starts from the finished row tuples, so the ratio is what all of our care costs.
"""

from __future__ import annotations

from pathlib import Path

from devtools.bulk import BATCH_SIZE, TABLE_ORDER, batches, build_batch, insert_cases
from domain.model import Case
from storage.db import open_db, write_transaction

from .cohorts import fresh
from .stats import timed


def _rows(db) -> int:
    return sum(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_ORDER)


def _absolute(cases: list[Case], first_case: int, first_regimen: int) -> list[dict]:
    """The rows of each batch with the ids the casebook will give them."""
    out = []
    case_off, reg_off = first_case - 1, first_regimen - 1
    for batch_cases in batches(cases, BATCH_SIZE):
        batch = build_batch(batch_cases)
        tables = {}
        for table in batch.tables:
            columns, rows = batch.full_rows(table)
            shift = {
                i: (case_off if c == "case_id" or (c == "id" and table == "cases") else reg_off)
                for i, c in enumerate(columns)
                if c in ("case_id", "regimen_id") or (c == "id" and table in ("cases", "regimens"))
            }
            tables[table] = (
                columns,
                [tuple(v + shift[i] if i in shift else v for i, v in enumerate(r)) for r in rows],
            )
        out.append(tables)
        case_off += batch.count
        reg_off += len(batch.tables.get("regimens", ((), []))[1])
    return out


def _new_db(path: Path, seed: bool):
    return open_db(fresh(path), seed=seed)


def bulk_vs_executemany(
    cases: list[Case], workdir: Path, runs: int, with_paper: bool
) -> tuple[list[float], list[float], list[float], int]:
    """(ratio ours/executemany in rows/s, our rows/s, executemany rows/s) per run, and the
    rows each run writes."""
    ratios, ours, plain = [], [], []
    for run in range(runs):
        for c in cases:
            c.id, c.version = None, 0
        db = _new_db(workdir / f"bulk-ours-{run % 2}.sqlite", with_paper)
        before = _rows(db)
        seconds = timed(lambda db=db: insert_cases(db, cases, audit=False))
        written = _rows(db) - before
        first_case = db.execute(
            "SELECT min(id) FROM cases WHERE uuid = ?", [cases[0].uuid]
        ).fetchone()[0]
        first_regimen = db.execute(
            "SELECT coalesce(min(id), 1) FROM regimens WHERE case_id >= ?", [first_case]
        ).fetchone()[0]
        db.close()
        for c in cases:
            c.id, c.version = None, 0
        prepared = _absolute(cases, first_case, first_regimen)
        db = _new_db(workdir / f"bulk-plain-{run % 2}.sqlite", with_paper)

        def plain_write(db=db, prepared=prepared) -> None:
            for tables in prepared:
                with write_transaction(db):
                    for table in TABLE_ORDER:
                        if table in tables:
                            columns, rows = tables[table]
                            marks = ", ".join("?" * len(columns))
                            db.conn.executemany(
                                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
                            )

        before_plain = _rows(db)
        plain_seconds = timed(plain_write)
        if _rows(db) - before_plain != written:
            raise RuntimeError("executemany wrote a different number of rows")
        db.close()
        ours.append(written / seconds)
        plain.append(written / plain_seconds)
        ratios.append(ours[-1] / plain[-1])
    return ratios, ours, plain, written
