"""Opening the casebook file: checks before any write, data-safety pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrations

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
DB_FILENAME = "casebook.sqlite"

BUSY_TIMEOUT_MS = 5000
# CRAFT.md section 4, on every connection. journal_mode is a property of the file: the
# casebook is WAL; a backup file uses a rollback journal so that it stays one self-contained
# file; a read-only connection cannot change it (and must not write at all).
SAFETY_PRAGMAS = (
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    ("trusted_schema", "OFF"),
)
MODE_PRAGMAS = {
    "casebook": (("journal_mode", "WAL"), *SAFETY_PRAGMAS),
    "backup": (("journal_mode", "DELETE"), *SAFETY_PRAGMAS),
    "readonly": (*SAFETY_PRAGMAS, ("query_only", "ON")),
    # a temporary file the app writes and reads back itself (e.g. a staged bulk batch),
    # never the casebook: if the machine stops it is simply made again, so no journal/sync
    "scratch": (
        ("journal_mode", "OFF"),
        ("synchronous", "OFF"),
        *((k, v) for k, v in SAFETY_PRAGMAS if k != "synchronous"),
    ),
}
# a writer that finds the file locked waits busy_timeout per attempt, this many times
BUSY_ATTEMPTS = 3


class StoreError(Exception):
    """The file cannot be used as a casebook; the message is for the clinician."""


class StoreBusy(sqlite3.OperationalError):
    """Another window or program kept the casebook locked; nothing was written.

    A subclass of sqlite3.OperationalError so that code catching database errors shows it;
    its message is plain words for the clinician.
    """


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
        db = connect(path, mode="readonly")
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            quick = db.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            db.close()
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


def connect(path: Path, mode: str = "casebook") -> Casebook:
    """The app's only way to open an SQLite file: a connection with the data-safety pragmas.

    mode "casebook" (read-write, WAL), "backup" (a backup file being written), "readonly"
    (opened with mode=ro and query_only: it can never write, e.g. to check a file) or
    "scratch" (a temporary file of the app's own, never the casebook: no journal, no sync).
    """
    pragmas = MODE_PRAGMAS[mode]
    if mode == "readonly":
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(str(path))
    try:
        for name, value in pragmas:
            conn.execute(f"PRAGMA {name}={value}")
        conn.execute("PRAGMA recursive_triggers=on")  # as sqlite_utils.Database sets it
    except BaseException:
        conn.close()
        raise
    return Casebook(conn)


def _reads_only(sql: str) -> bool:
    """A SELECT, or a PRAGMA that sets nothing: no transaction to open or commit."""
    head = sql.lstrip()[:7].upper()
    return head.startswith("SELECT") or (head == "PRAGMA " and "=" not in sql)


class Casebook:
    """An open SQLite connection that is a sqlite_utils.Database as soon as one is needed.

    sqlite-utils and numpy (which it imports) take ~0.25 s to import, and the window's
    first screen needs neither: opening, checking, the case list and reading a case only
    run SQL. execute() goes straight to sqlite3 until anything else (atomic(), a table,
    tracer(), ...) is first asked for; from then on everything, execute() included, goes
    through the sqlite_utils.Database made on the same connection.
    """

    __slots__ = ("_full", "conn")

    def __init__(self, conn: sqlite3.Connection):
        object.__setattr__(self, "conn", conn)
        object.__setattr__(self, "_full", None)

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        full = self._full
        if full is None and _reads_only(sql):  # never opens a transaction: as sqlite-utils
            return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        return self.full().execute(sql, parameters)  # its tracer, if set, sees each statement

    def full(self) -> sqlite_utils.Database:
        """The sqlite_utils.Database on this connection (imported and made the first time)."""
        if self._full is None:
            import sqlite_utils

            object.__setattr__(self, "_full", sqlite_utils.Database(self.conn, execute_plugins=False))
        return self._full

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str):
        return getattr(self.full(), name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self.full(), name, value)

    def __getitem__(self, table: str):
        return self.full()[table]


def busy_message(attempt: int, attempts: int) -> str:
    return (
        "The casebook is busy: another window or program is saving to it. "
        f"Retrying ({attempt} of {attempts})…"
    )


def _is_busy(e: sqlite3.OperationalError) -> bool:
    code = getattr(e, "sqlite_errorcode", None)
    if code is None:  # pragma: no cover - Python < 3.11 has no error codes
        return "locked" in str(e) or "busy" in str(e)
    return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _began(db: sqlite_utils.Database) -> bool:
    """BEGIN IMMEDIATE; False when another writer holds the lock (other errors raise)."""
    try:
        db.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as e:
        if not _is_busy(e):
            raise
        return False


def _begin_immediate(
    db: sqlite_utils.Database, on_busy: Callable[[str], None] | None, attempts: int
) -> None:
    """BEGIN IMMEDIATE: take the write lock now, before anything is read for the write.

    A deferred BEGIN that reads and then writes fails at once (SQLITE_BUSY_SNAPSHOT,
    no busy wait) when another connection wrote in between. The first try does not wait,
    so the caller can be told "busy, retrying" before the waits of busy_timeout begin.
    """
    conn = db.conn
    timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout=0")
    try:
        if _began(db):
            return
    finally:
        conn.execute(f"PRAGMA busy_timeout={timeout}")
    for attempt in range(1, attempts + 1):
        if on_busy is not None:
            on_busy(busy_message(attempt, attempts))
        if _began(db):
            return
    seconds = max(1, round(attempts * timeout / 1000))
    raise StoreBusy(
        "The casebook stayed busy: another window or program kept it locked for "
        f"{seconds} seconds, so nothing was saved. Close the other window or wait a "
        "moment, then save again."
    )


@contextmanager
def write_transaction(
    db: sqlite_utils.Database,
    on_busy: Callable[[str], None] | None = None,
    attempts: int = BUSY_ATTEMPTS,
) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing writes holding the write lock from the start.

    Inside a transaction already open (e.g. seeding several cases at once) this is a
    savepoint of it. When the file stays locked, raises StoreBusy with nothing written;
    on_busy(message) is called before each retry (e.g. to show it in a status bar).
    Every statement, BEGIN and COMMIT included, goes through db.execute (and its tracer,
    which the failure-injection tests use).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        _begin_immediate(db, on_busy, attempts)
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def create_private(path: Path) -> None:
    """An empty file readable by its owner only, before SQLite opens it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_db(path: Path | str | None = None, seed: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) a casebook file, migrate it and, when new, load the paper.

    Raises StoreError, with nothing written, for a file that is not ours, newer than us,
    damaged or read-only, or a folder that cannot hold a new file.
    """
    path = Path(path) if path is not None else default_db_path()
    if path == default_db_path() and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path)
    is_new = not path.exists() or path.stat().st_size == 0
    if not path.exists():
        create_private(path)
    from .backup import BackupError, make_backup

    db = None
    try:
        db = connect(path)
        if is_new or not migrations.up_to_date(db):  # else sqlite-utils is not needed yet
            if not is_new and migrations.pending(db):
                # an existing casebook is copied before its schema is changed (CRAFT.md 2.6)
                make_backup(path, "before-migration", source=db)
            migrations.apply(db)
    except BackupError as e:
        db.close()
        raise StoreError(
            f"{path} needs an upgrade for this version of the app, but it could not be "
            f"backed up first, so it was left as it is: {e}"
        ) from None
    except sqlite3.DatabaseError as e:
        if db is not None:
            db.close()
        raise StoreError(f"cannot open {path}: {e}") from None
    if seed:
        from .seed import seed_paper_cases

        seed_paper_cases(db)
    return db
