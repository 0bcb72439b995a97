"""Opening the casebook file: checks before any write, data-safety pragmas, migrations."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrations
from .write_refusal import refusal

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
DB_FILENAME = "casebook.sqlite"

BUSY_TIMEOUT_MS = 5000
LOW_DISK_BYTES = 8 * 1024 * 1024  # below this the disk counts as full
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


class EmptyCasebook(StoreError):
    """The file is empty (0 bytes): a new casebook only when the user says so."""


def _too_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_DISK_BYTES
    except OSError:
        return False


def sqlite_failure(path: Path, e: sqlite3.Error, doing: str = "opened") -> str:
    """What an SQLite error means for the clinician, on one line, by its error code:
    a full disk or a read-only file is not "damaged"; local-disk advice only for I/O."""
    code = getattr(e, "sqlite_errorcode", 0) or 0
    primary = code & 0xFF
    if primary == sqlite3.SQLITE_FULL or (
        primary == sqlite3.SQLITE_IOERR and _too_full(path.parent)
    ):
        return (
            f"{path} could not be {doing}: the disk is full; free some space, then try "
            "again (nothing was changed)"
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return (
            f"{path} could not be {doing}: the file, its folder or its -wal/-shm "
            "companions cannot be written; copy it to a folder you can write to"
        )
    if primary == sqlite3.SQLITE_IOERR:
        return (
            f"{path} could not be {doing}: the disk reported an input/output error; "
            "check that the file is on a local disk with free space"
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"{path} is damaged ({_one_line(e)})"
    return f"{path} could not be {doing} ({_one_line(e)})"


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def _dangling_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def check_header(path: Path, error: type[Exception], not_sqlite: str) -> None:
    """Raise `error` unless path can be read and starts as an SQLite file does (then the
    message is `not_sqlite`)."""
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise error(f"cannot read {path}: {e.strerror}") from None
    if header != SQLITE_HEADER:
        raise error(not_sqlite)


def check_file(path: Path, allow_empty: bool = False, quick: bool = True) -> None:
    """Refuse, without writing anything, a file that is not a casebook this app can open.

    Nothing is created beside a refused file: it is checked through a read-only,
    immutable connection (a mode=ro connection to a WAL file makes its -shm).
    An empty file raises EmptyCasebook unless allow_empty (the user chose to start a
    new casebook in it). quick=False leaves out SQLite's quick check, which reads the
    whole file (0.4 s at 10,000 cases): the window runs it after it is up, off the GUI
    thread (quick_check_problem), and refuses writes when it fails.
    """
    if _dangling_link(path):
        raise StoreError(f"{path} is a symbolic link to {os.readlink(path)}, which does not exist")
    try:
        st = path.stat()
    except FileNotFoundError:
        folder = path.parent
        if not folder.is_dir():
            raise StoreError(f"cannot create {path}: the folder {folder} does not exist") from None
        if not os.access(folder, os.W_OK):
            raise StoreError(f"cannot create {path}: the folder {folder} is not writable") from None
        return
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a folder, not a casebook file")
    if not stat.S_ISREG(st.st_mode):
        # a named pipe would block the first read forever
        raise StoreError(
            f"{path} is not an ordinary file (a named pipe, device or socket), not a casebook"
        )
    if st.st_size == 0:
        if not allow_empty:
            raise EmptyCasebook(
                f"{path} is an empty file (0 bytes), not a casebook; choose another file, "
                "or start a new casebook in it from the window"
            )
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only; copy it somewhere writable to open it")
        return
    check_header(path, StoreError, f"{path} is not a DM Casebook database (not an SQLite file)")
    try:
        db = connect(path, mode="check")
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            quick = db.execute("PRAGMA quick_check").fetchone()[0] if quick else "ok"
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        code = (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise StoreError(f"{path} is damaged or unreadable ({_one_line(e)})") from None
        raise StoreError(sqlite_failure(path, e)) from None
    if quick != "ok":
        raise StoreError(f"{path} is damaged (integrity check: {_one_line(quick)})")
    if app_id != APPLICATION_ID and (app_id != 0 or tables > 0):
        raise StoreError(f"{path} is an SQLite file of another application, not a casebook")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer DM Casebook (schema {version}, this app knows "
            f"{SCHEMA_VERSION}); update the app to open it"
        )
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; copy it somewhere writable to open it")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"{path} is in a read-only folder ({path.parent}): the casebook keeps its "
            "journal (-wal, -shm) beside the file; copy it to a folder you can write to"
        )


def quick_check_problem(path: Path) -> str | None:
    """What SQLite's quick check finds wrong with the casebook at path, in one sentence,
    or None when it passes. Reads through its own read-only connection (any thread)."""
    try:
        db = connect(path, mode="readonly")
        try:
            quick = db.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        return f"{path} is damaged or unreadable ({_one_line(e)})"
    return None if quick == "ok" else f"{path} is damaged (integrity check: {_one_line(quick)})"


def connect(path: Path, mode: str = "casebook") -> Casebook:
    """The app's only way to open an SQLite file: a connection with the data-safety pragmas.

    mode "casebook" (read-write, WAL), "backup" (a backup file being written), "readonly"
    (opened with mode=ro and query_only: it can never write), "check" (readonly, and
    immutable while no connection has it open: nothing is created beside the file) or
    "scratch" (a temporary file of the app's own, never the casebook: no journal, no sync).
    """
    pragmas = MODE_PRAGMAS["readonly" if mode == "check" else mode]
    if mode in ("readonly", "check"):
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        if mode == "check" and not Path(f"{path}-shm").exists():
            # no connection has the file open (WAL keeps -shm while one does): read it
            # as immutable so that SQLite creates no -shm/-wal beside it
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True)
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


def copy_into(source: Casebook, target: Path, mode: str = "casebook") -> None:
    """The whole of the open database `source` into the file target (opened with mode)."""
    copy = connect(target, mode=mode)
    try:
        source.conn.backup(copy.conn)
    finally:
        copy.close()


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
    refused = refusal(db.conn)
    if refused is not None:
        raise StoreError(refused)
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


def open_db(
    path: Path | str | None = None, seed: bool = True, allow_empty: bool = False,
    quick_check: bool = True,
) -> sqlite_utils.Database:
    """Open (creating if needed) a casebook file, migrate it and, when new, load the paper.

    Raises StoreError, with nothing written, for a file that is not ours, newer than us,
    damaged or read-only, or a folder that cannot hold a new file; EmptyCasebook for an
    empty file unless allow_empty (its permissions are kept as they are).
    quick_check=False (the window) leaves SQLite's quick check of an up-to-date file to
    the caller (quick_check_problem); a file that needs migrating is checked here first.
    """
    path = Path(path) if path is not None else default_db_path()
    if path == default_db_path() and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path, allow_empty, quick=quick_check)
    created = not path.exists()
    is_new = created or path.stat().st_size == 0
    if created:
        create_private(path)
    from .backup import BackupError, make_backup

    db = None
    try:
        db = connect(path)
        if is_new or not migrations.up_to_date(db):  # else sqlite-utils is not needed yet
            if not is_new and not quick_check:  # never migrate a damaged file
                problem = quick_check_problem(path)
                if problem is not None:
                    db.close()
                    raise StoreError(problem)
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
        if created:  # the file this call made: not left behind as an empty "casebook"
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        raise StoreError(sqlite_failure(path, e)) from None
    if seed:
        from .seed import seed_paper_cases

        seed_paper_cases(db)
    return db
