"""Named selections of cases (the cohort window's "Save selection"): name -> filters.

A selection stores the filters as their `--where` clauses, so the same criteria choose
the cases again after edits; reading one back goes through domain.cohort_filter, which
refuses anything it cannot read.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

from domain.cohort_filter import CohortFilter, from_json

from .db import write_transaction

MAX_NAME = 80


class SelectionError(ValueError):
    """A name that cannot be used; nothing was written."""


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SelectionError("Selection name: type a name (1 to 80 characters)")
    if len(name) > MAX_NAME:
        raise SelectionError(f"Selection name: at most {MAX_NAME} characters")
    return name


def save_selection(db: sqlite_utils.Database, name: str, chosen: CohortFilter) -> str:
    """Store (or replace) the named selection in one transaction; returns the name kept."""
    name = _clean(name)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(db):
        db.execute(
            "INSERT INTO saved_selections (name, filters, created_at, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "filters = excluded.filters, updated_at = excluded.updated_at",
            [name, chosen.to_json(), now, now],
        )
    return name


def selection_names(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM saved_selections ORDER BY name")]


def load_selection(db: sqlite_utils.Database, name: str) -> CohortFilter:
    row = db.execute("SELECT filters FROM saved_selections WHERE name = ?", [name]).fetchone()
    if row is None:
        raise SelectionError(f"no selection named {name!r}")
    return from_json(row[0])


def delete_selection(db: sqlite_utils.Database, name: str) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM saved_selections WHERE name = ?", [name])
