"""How a migration step is registered (storage/migrations.py lists the steps): the
sqlite-utils migration set, the steps in order, and the schema version a step sets."""

from __future__ import annotations

import functools
from collections.abc import Callable

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("dm_casebook")
_STEPS: list[str] = []


def step(func: Callable[[sqlite_utils.Database], None] | None = None, *,
         transactional: bool = True) -> Callable:
    """Register a migration: a step sets user_version to the number of steps applied with
    it, in its own transaction.

    The file's schema version is the number of steps applied, so SCHEMA_VERSION (below the
    last step) and every file's user_version come from this one list. A step inserted at
    a merge before steps a file already has runs after them and still counts one more.
    """
    if func is None:  # @step(transactional=False)
        return functools.partial(step, transactional=transactional)
    _STEPS.append(func.__name__)

    @functools.wraps(func)
    def apply(db: sqlite_utils.Database) -> None:
        func(db)
        # a step run outside a transaction sets the version inside its own as well
        db.execute(f"PRAGMA user_version = {_version_with(db, func.__name__)}")

    migrations(name=func.__name__, transactional=transactional)(apply)
    return func


def _version_with(db: sqlite_utils.Database, name: str) -> int:
    """The schema version once step `name` is applied: the steps applied before it, + 1."""
    done = {m.name for m in migrations.applied(db)} - {name}
    return len(done & set(_STEPS)) + 1
