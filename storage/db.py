"""Opening the casebook file: checks before any write, data-safety pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils
from platformdirs import user_data_dir

from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
DB_FILENAME = "casebook.sqlite"

PRAGMAS = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", "5000"),
    ("trusted_schema", "OFF"),
)


class StoreError(Exception):
    """The file cannot be used as a casebook; the message is for the clinician."""


def default_db_path() -> Path:
    """The casebook file in the platform's user data folder (DM_CASEBOOK_DB overrides)."""
    env = os.environ.get("DM_CASEBOOK_DB")
    if env:
        return Path(env)
    return Path(user_data_dir("DM Casebook", appauthor=False)) / DB_FILENAME


def check_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a casebook this app can open."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a casebook file")
    if not path.exists():
        folder = path.parent
        if not folder.is_dir():
            raise StoreError(f"cannot create {path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise StoreError(f"cannot create {path}: the folder {folder} is not writable")
        return
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    if path.stat().st_size == 0:
        # an empty file is a new SQLite database (e.g. a start that stopped at once)
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only; copy it somewhere writable to open it")
        return
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a DM Casebook database (not an SQLite file)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} is damaged or unreadable ({e})") from None
    if quick != "ok":
        raise StoreError(f"{path} is damaged (integrity check: {quick})")
    if app_id != APPLICATION_ID and (app_id != 0 or tables > 0):
        raise StoreError(f"{path} is an SQLite file of another application, not a casebook")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer DM Casebook (schema {version}, this app knows "
            f"{SCHEMA_VERSION}); update the app to open it"
        )
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; copy it somewhere writable to open it")


def connect(path: Path) -> sqlite_utils.Database:
    """A connection with the data-safety pragmas (CRAFT.md section 4) and nothing else."""
    conn = sqlite3.connect(str(path))
    for name, value in PRAGMAS:
        conn.execute(f"PRAGMA {name}={value}")
    return sqlite_utils.Database(conn, execute_plugins=False)


def open_db(path: Path | str | None = None, seed: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) a casebook file, migrate it and, when new, load the paper.

    Raises StoreError, with nothing written, for a file that is not ours, newer than us,
    damaged or read-only, or a folder that cannot hold a new file.
    """
    path = Path(path) if path is not None else default_db_path()
    if path == default_db_path() and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path)
    if not path.exists():
        # create it readable by its owner only, before SQLite opens it
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    try:
        db = connect(path)
        migrations.apply(db)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open {path}: {e}") from None
    if seed:
        from .seed import seed_paper_cases

        seed_paper_cases(db)
    return db
