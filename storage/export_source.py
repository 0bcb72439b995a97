"""The stored rows of every case, read as a stream for the data exports.

Each child table is read with its own cursor ordered by case, and the cursors are merged
case by case, so an export of 10,000 cases holds one case's rows at a time, never the
whole casebook.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils

from domain import fields as spec
from domain.scores.summary import ScoreSummary, summarize

from .case_rows import case_from_rows

CYCLES = spec.REGIMEN_CYCLES.table
TABLES = (*spec.CHILD_TABLES, CYCLES)
_ORDER = {t: "position" for t in spec.CHILD_TABLES} | {"case_sources": "id"}


@dataclass
class StoredCase:
    row: dict  # the cases row (with id)
    children: dict[str, list[dict]]  # table -> rows with case_id (cycles: regimen_position)


def _cursor(db: sqlite_utils.Database, table: str, ranked: bool) -> Iterator[dict]:
    """A table's rows in case order (by the temp ranking when ranked, else by case id),
    each with its case's place under "_rank"."""
    case_col = {"cases": "c.id", CYCLES: "r.case_id"}.get(table, "t.case_id")
    rank, join = (("o.rank", f"JOIN temp.export_order o ON o.id = {case_col}") if ranked
                  else (case_col, ""))
    if table == CYCLES:
        sql = (
            f"SELECT {rank} AS _rank, r.case_id AS case_id, r.position AS regimen_position, "
            f"c.* FROM regimen_cycles c JOIN regimens r ON r.id = c.regimen_id {join} "
            "ORDER BY _rank, r.position, c.number, c.id"
        )
    elif table == "cases":
        sql = f"SELECT {rank} AS _rank, c.* FROM cases c {join} ORDER BY _rank"
    else:
        sql = (f"SELECT {rank} AS _rank, t.* FROM {table} t {join} "
               f"ORDER BY _rank, t.{_ORDER[table]}, t.id")
    cur = db.execute(sql)
    names = [d[0] for d in cur.description]
    for values in cur:
        yield dict(zip(names, values, strict=True))


def scores_of(case: StoredCase) -> ScoreSummary:
    """The case's classification instruments, computed from its stored rows (the exports'
    derived columns; regimens play no part in them)."""
    children = {t: rows for t, rows in case.children.items() if t not in ("regimens", CYCLES)}
    return summarize(case_from_rows(case.row, children))


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table (cases included), for progress and README.txt."""
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("cases", *TABLES)}


def iter_cases(db: sqlite_utils.Database, ranks: dict[int, int] | None = None
               ) -> Iterator[StoredCase]:
    """Every case with its rows, in case id order, or in the order of ranks (case id ->
    its place) when given: a Safe Harbor export lists its cases in the order of their
    random export ids, so that the order of rows says nothing either."""
    if ranks is not None:
        db.execute("DROP TABLE IF EXISTS temp.export_order")
        db.execute("CREATE TEMP TABLE export_order (id INTEGER PRIMARY KEY, rank INTEGER)")
        db.conn.executemany("INSERT INTO temp.export_order VALUES (?, ?)", ranks.items())
        db.conn.commit()  # the temporary table only; nothing of the casebook is written
    ranked = ranks is not None
    cursors = {t: _cursor(db, t, ranked) for t in TABLES}
    pending = {t: next(c, None) for t, c in cursors.items()}
    for case in _cursor(db, "cases", ranked):
        place = case["_rank"]
        children: dict[str, list[dict]] = {}
        for table, cur in cursors.items():
            rows = []
            head = pending[table]
            while head is not None and head["_rank"] < place:  # an orphan: skip it
                head = next(cur, None)
            while head is not None and head["_rank"] == place:
                rows.append(head)
                head = next(cur, None)
            pending[table] = head
            children[table] = rows
        yield StoredCase(case, children)
