"""The migration steps of storage/migrations.py as a sqlite_utils.Migrations, made when
first used: importing sqlite-utils (and numpy, which it imports) costs ~0.25 s, and opening
a casebook that is up to date needs none of it (up_to_date reads the record with plain SQL).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class MigrationSet:
    """pending() and apply() as sqlite_utils.Migrations has them; up_to_date() without it."""

    def __init__(self, name: str, steps: list[str], registered: list[tuple[str, Callable, bool]]):
        self.name = name
        self._steps = steps  # the steps' names, in order (filled as migrations.py is read)
        self._registered = registered  # (name, function, transactional), in the same order
        self._real = None

    def real(self):
        """The sqlite_utils.Migrations holding every step (imported and made the first time)."""
        if self._real is None:
            from sqlite_utils import Migrations

            self._real = Migrations(self.name)
            for name, apply, transactional in self._registered:
                self._real(name=name, transactional=transactional)(apply)
        return self._real

    def up_to_date(self, db) -> bool:
        """Every step recorded as applied, read with plain SQL from the table that
        sqlite_utils.Migrations keeps (False when there is none yet)."""
        table = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if table is None:
            return False
        done = {
            r[0]
            for r in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [self.name]
            )
        }
        return all(name in done for name in self._steps)

    def pending(self, db) -> list:
        return self.real().pending(_full(db))

    def apply(self, db, **kwargs) -> None:
        self.real().apply(_full(db), **kwargs)


def _full(db):
    """The sqlite_utils.Database behind a storage.db.Casebook (or db itself)."""
    from .db import Casebook

    return db.full() if isinstance(db, Casebook) else db


MIGRATION_SET = "dm_casebook"
_STEPS: list[str] = []
_REGISTERED: list[tuple[str, Callable, bool]] = []  # (name, step with its version, transactional)


migrations = MigrationSet(MIGRATION_SET, _STEPS, _REGISTERED)


def step(func: Callable[[sqlite_utils.Database], None] | None = None, *,
         transactional: bool = True) -> Callable:
    """Register a migration: the Nth step sets user_version to N in its own transaction.

    The file's schema version is the number of steps applied, so SCHEMA_VERSION (below the
    last step) and every file's user_version come from this one list.
    """
    if func is None:  # @step(transactional=False)
        return functools.partial(step, transactional=transactional)
    _STEPS.append(func.__name__)
    version = len(_STEPS)

    @functools.wraps(func)
    def apply(db: sqlite_utils.Database) -> None:
        func(db)
        # a step run outside a transaction sets the version inside its own as well
        db.execute(f"PRAGMA user_version = {version}")

    _REGISTERED.append((func.__name__, apply, transactional))
    return func


@contextlib.contextmanager
def own_transaction(db: sqlite_utils.Database, name: str):
    """The transaction of a step that rebuilds a table: foreign keys off around it (that
    pragma cannot change inside a transaction; a DROP would cascade), BEGIN IMMEDIATE, and
    user_version set to the step's number in the same COMMIT."""
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            db.execute(f"PRAGMA user_version = {_STEPS.index(name) + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.execute("PRAGMA foreign_keys = ON")
