"""Backups of the casebook in a `backups` folder beside it, with SQLite's backup API.

Never a copy of the live file (it may be mid-write, and its WAL holds recent saves): the
backup API reads one consistent snapshot. A backup is written under a temporary name and
renamed when complete, so a crash never leaves half a backup that looks whole. Each file
is readable by its owner only and uses a rollback journal, so it is one self-contained file.

Kinds: "daily" (the first start of each day), "manual" (File > Back up now),
"before-migration" (before an upgrade changes the schema), "before-restore" (the current
file, kept before a backup replaces it). The newest KEEP of each kind are kept.
"""

from __future__ import annotations

import glob
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .db import check_header, connect, copy_into, create_private
from .migrations import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

BACKUP_DIR = "backups"
KEEP = 7
KINDS = ("daily", "manual", "before-migration", "before-restore")
_STAMP = "%Y%m%d-%H%M%S"
_REST = re.compile(
    r"(?P<stamp>[0-9]{8}-[0-9]{6})(?:-(?P<n>[0-9]+))?-(?P<kind>" + "|".join(KINDS) + r")\.sqlite"
)


class BackupError(Exception):
    """A backup could not be made, read or restored; the message is for the clinician."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created: datetime  # local time, from the file name


@dataclass(frozen=True)
class BackupSummary:
    """What verify_backup found in a backup file."""

    cases: int
    schema_version: int


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def check_backup_dir(folder: Path) -> None:
    """Refuse a backups folder that someone else could swap or fill: a symlink (it may
    point anywhere), one writable by the group or others, or one owned by another user."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise BackupError(f"the backups folder {folder} is a symbolic link; make it a folder")
    if not stat.S_ISDIR(st.st_mode):
        raise BackupError(f"{folder} is not a folder, so backups cannot go there")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise BackupError(f"the backups folder {folder} belongs to another user")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise BackupError(
            f"the backups folder {folder} is writable by other users "
            f"(mode {stat.S_IMODE(st.st_mode):o}); run chmod 700 on it"
        )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This casebook's backups, newest first."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    prefix = db_path.stem + "-"
    found = []
    for p in folder.iterdir():
        if not p.name.startswith(prefix):
            continue
        m = _REST.fullmatch(p.name[len(prefix) :])
        if m:
            created = datetime.strptime(m["stamp"], _STAMP)
            found.append((created, int(m["n"] or 0), BackupInfo(p, m["kind"], created)))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for *_, info in found]


def _new_name(folder: Path, stem: str, kind: str, now: datetime) -> Path:
    """A name that sorts after every backup made in the same second (of any kind)."""
    base = f"{stem}-{now.strftime(_STAMP)}"
    taken = [
        int(m["n"] or 0)
        for p in folder.glob(f"{glob.escape(base)}-*")
        if (m := _REST.fullmatch(p.name.removesuffix(".partial")[len(stem) + 1 :]))
    ]
    n = max(taken) + 1 if taken else 0
    return folder / (f"{base}-{kind}.sqlite" if n == 0 else f"{base}-{n}-{kind}.sqlite")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(src: sqlite_utils.Database, dest: Path, mode: str) -> None:
    """The backup API from an open connection into a new private file at dest."""
    create_private(dest)
    dst = connect(dest, mode=mode)
    try:
        src.conn.backup(dst.conn)
        if mode == "backup":
            # the copied header says WAL when the source is WAL; a backup is one file
            dst.execute("PRAGMA journal_mode=DELETE")
        check = dst.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"the copy failed its check ({check})")
    finally:
        dst.close()


def integrity_problems(db: sqlite_utils.Database, limit: int = 3) -> list[str]:
    """What SQLite's full integrity_check finds (empty when the file is intact).

    quick_check, used at open, does not compare indexes with their tables: a file with a
    damaged index passes it, then fails saves later, and every backup of it is refused
    by restore. So a backup is made only from a casebook that passes this check.
    """
    rows = [r[0] for r in db.execute(f"PRAGMA integrity_check({limit})").fetchall()]
    return [] if rows == ["ok"] else rows


def damaged_message(db_path: Path, problems: list[str]) -> str:
    return (
        f"The casebook {Path(db_path).name} fails SQLite's integrity check "
        f"({'; '.join(p[:80] for p in problems[:2])}), so no backup was made from it and "
        "the existing backups were kept as they are. Restore one with File > Restore from "
        "backup..."
    )


def make_backup(
    db_path: Path,
    kind: str,
    source: sqlite_utils.Database | None = None,
    now: datetime | None = None,
) -> Path:
    """Back up the casebook at db_path (through source, an open connection, if given).

    Refuses (BackupError, nothing written or deleted) a casebook that fails the full
    integrity check, except for "before-restore": what a restore replaces is kept even
    when damaged (it may be all there is), and then no backup of that kind is pruned.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    problems: list[str] = []
    try:
        check_backup_dir(folder)
        folder.mkdir(mode=0o700, exist_ok=True)
        final = _new_name(folder, db_path.stem, kind, now or datetime.now())
        partial = folder / (final.name + ".partial")
        src = source if source is not None else connect(db_path, mode="readonly")
        try:
            problems = integrity_problems(src)
            if problems and kind != "before-restore":
                raise BackupError(damaged_message(db_path, problems))
            _copy(src, partial, "backup")
        finally:
            if source is None:
                src.close()
        os.replace(partial, final)
        _fsync_dir(folder)
    except (OSError, sqlite3.Error) as e:
        if "partial" in locals():
            partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write a backup in {folder}: {e}") from None
    if not problems:
        prune(db_path, kind, made=final)
    return final


def _age_key(info: BackupInfo) -> tuple[int, datetime]:
    """Newest first by the file's real modification time, not the name's stamp: names
    from a clock that was ahead, or from another machine, must not outrank a new file."""
    try:
        mtime = info.path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return (mtime, info.created)


def prune(db_path: Path, kind: str, keep: int = KEEP, made: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups of one kind (by file age); returns what
    was deleted. `made`, the backup just made, is always kept."""
    ours = sorted((b for b in list_backups(db_path) if b.kind == kind), key=_age_key, reverse=True)
    others = [b.path for b in ours if made is None or b.path != Path(made)]
    old = others[keep - 1 :] if made is not None else others[keep:]
    for p in old:
        p.unlink(missing_ok=True)
    return old


def kept_backups(db_path: Path, kind: str) -> list[Path]:
    """The backups of one kind now in the folder, newest (by file age) first."""
    ours = [b for b in list_backups(db_path) if b.kind == kind]
    return [b.path for b in sorted(ours, key=_age_key, reverse=True)]


def daily_backup(
    db_path: Path, source: sqlite_utils.Database | None = None, today: date | None = None
) -> Path | None:
    """Today's backup, unless there already is one; returns its path, or None."""
    today = today or date.today()
    if any(b.kind == "daily" and b.created.date() == today for b in list_backups(db_path)):
        return None
    now = datetime.now()
    if now.date() != today:
        now = datetime.combine(today, now.time())
    return make_backup(db_path, "daily", source=source, now=now)


def verify_backup(path: Path) -> BackupSummary:
    """Check a backup fully before it is used: an intact casebook this app can read."""
    path = Path(path)
    check_header(path, BackupError, f"{path} is not a casebook backup (not an SQLite file)")
    try:
        db = connect(path, mode="check")
        try:
            problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if problems != ["ok"]:
                raise BackupError(f"{path} is damaged ({'; '.join(problems[:3])})")
            if app_id != APPLICATION_ID:
                raise BackupError(f"{path} is not a DM Casebook backup")
            if version > SCHEMA_VERSION:
                raise BackupError(
                    f"{path} was written by a newer DM Casebook (schema {version}); "
                    "update the app to use it"
                )
            cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path} is damaged or unreadable ({e})") from None
    return BackupSummary(cases, version)


def restore(db_path: Path, backup_path: Path) -> Path:
    """Replace the casebook's content by a verified backup; returns the backup of the
    current content made first (kind "before-restore")."""
    from .audit import record_restore
    from .db import StoreError, open_db, write_transaction

    db_path, backup_path = Path(db_path), Path(backup_path)
    if backup_path.resolve() == db_path.resolve():
        raise BackupError("choose a backup, not the casebook itself")
    verify_backup(backup_path)
    kept = make_backup(db_path, "before-restore")
    try:
        src = connect(backup_path, mode="readonly")
        try:
            copy_into(src, db_path)
        finally:
            src.close()
        # a backup from before an upgrade gets this version's schema now; the restore
        # itself is the newest entry of the restored trail
        restored = open_db(db_path, seed=False)
        try:
            with write_transaction(restored):
                record_restore(restored, backup_path.name, kept.name)
        finally:
            restored.close()
    except (sqlite3.Error, StoreError) as e:
        raise BackupError(
            f"restoring {backup_path.name} failed ({e}); the previous content is in {kept}"
        ) from None
    return kept


def copy_of_backup(backup_path: Path, db_path: Path) -> Path:
    """A new casebook file beside db_path holding a verified backup's content.

    For a casebook that cannot be opened: the backup is used without writing to the bad
    file or changing the backup itself.
    """
    verify_backup(backup_path)
    db_path = Path(db_path)
    stamp = datetime.now().strftime(_STAMP)
    dest = db_path.parent / f"{db_path.stem}-from-backup-{stamp}.sqlite"
    n = 1
    while dest.exists():
        n += 1
        dest = db_path.parent / f"{db_path.stem}-from-backup-{stamp}-{n}.sqlite"
    try:
        src = connect(backup_path, mode="readonly")
        try:
            _copy(src, dest, "casebook")
        finally:
            src.close()
    except (OSError, sqlite3.Error, BackupError) as e:
        if dest.exists():
            dest.unlink()  # our own new file, never the bad one
        raise BackupError(f"cannot create {dest}: {e}") from None
    return dest


def count_cases(path: Path) -> int | None:
    """How many cases a backup holds (a quick look for a list; None if unreadable)."""
    try:
        db = connect(path, mode="check")
        try:
            return db.execute("SELECT count(*) FROM cases").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
