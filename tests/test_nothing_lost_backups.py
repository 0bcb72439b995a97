"""Issue 12 items 2, 4, 10: backups that survive a clock ahead, damage that is not
copied into them, and a backups folder someone else could tamper with."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from storage.backup import (
    KEEP,
    BackupError,
    backup_dir,
    kept_backups,
    list_backups,
    make_backup,
    restore,
    verify_backup,
)
from storage.db import open_db
from tests.test_backup import content


def _future_backups(db_path, kind: str, n: int = KEEP) -> list:
    """n backups of a kind whose names say 2099 (a clock once ahead), files older."""
    model = make_backup(db_path, kind)
    folder = backup_dir(db_path)
    made = []
    for i in range(n):
        p = folder / f"{db_path.stem}-2099010{i + 1}-120000-{kind}.sqlite"
        shutil.copy2(model, p)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))  # 1970: really older than any new one
        made.append(p)
    model.unlink()
    return made


@pytest.mark.parametrize("kind", ["manual", "daily", "before-restore"])
def test_a_new_backup_survives_names_from_a_clock_that_was_ahead(db, db_path, kind):
    future = _future_backups(db_path, kind)
    new = make_backup(db_path, kind, source=db)
    assert new.exists()
    kept = kept_backups(db_path, kind)
    assert len(kept) == KEEP and kept[0] == new
    # the oldest by real age went, not the new one
    assert not future[0].exists() and all(p.exists() for p in future[1:])


def test_a_restore_keeps_its_before_restore_copy(db, db_path):
    good = make_backup(db_path, "manual", source=db)
    _future_backups(db_path, "before-restore")
    kept = restore(db_path, good)
    assert kept.exists() and verify_backup(kept).cases == 17


def _damage_an_index(db_path) -> None:
    """One byte changed inside the uuid index: quick_check passes, integrity_check not."""
    db = sqlite3.connect(db_path)
    root = db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_cases_1'"
    ).fetchone()[0]
    uuid = db.execute("SELECT uuid FROM cases ORDER BY uuid LIMIT 1 OFFSET 5").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(db_path.read_bytes())
    at = (root - 1) * size + data[(root - 1) * size : root * size].find(uuid.encode())
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    db_path.write_bytes(bytes(data))
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    check.close()


def test_no_backup_is_made_from_a_casebook_that_fails_the_integrity_check(db_path):
    open_db(db_path).close()
    good = make_backup(db_path, "daily")
    _damage_an_index(db_path)
    for kind in ("daily", "manual"):
        with pytest.raises(BackupError, match="fails SQLite's integrity check") as e:
            make_backup(db_path, kind)
        assert "\n" not in str(e.value)
    assert [b.path for b in list_backups(db_path)] == [good]  # nothing made, nothing pruned
    verify_backup(good)


def test_the_last_good_backups_are_not_rotated_out_by_a_damaged_casebook(db_path):
    open_db(db_path).close()
    good = [make_backup(db_path, "daily") for _ in range(KEEP)]
    _damage_an_index(db_path)
    for _ in range(KEEP + 1):  # a week and more of daily starts
        with pytest.raises(BackupError):
            make_backup(db_path, "daily")
    assert all(p.exists() for p in good)


def test_a_damaged_casebook_is_still_kept_before_a_restore_replaces_it(db_path):
    open_db(db_path).close()
    good = make_backup(db_path, "manual")
    older = [make_backup(db_path, "before-restore") for _ in range(KEEP)]
    _damage_an_index(db_path)
    before = content(db_path)
    kept = restore(db_path, good)
    assert kept.exists() and content(kept) == before  # what it replaced, as it was
    assert all(p.exists() for p in older)  # a damaged copy prunes nothing
    assert content(db_path, restores=False) == content(good)


def test_a_symlinked_backups_folder_is_refused(db, db_path, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    backup_dir(db_path).symlink_to(elsewhere)
    with pytest.raises(BackupError, match="symbolic link"):
        make_backup(db_path, "manual", source=db)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_backups_folder_writable_by_others_is_refused(db, db_path, mode):
    folder = backup_dir(db_path)
    folder.mkdir()
    folder.chmod(mode)
    with pytest.raises(BackupError, match="writable by other users") as e:
        make_backup(db_path, "manual", source=db)
    assert f"{mode:o}" in str(e.value)
    assert list(folder.iterdir()) == []


def test_a_backups_folder_owned_by_another_user_is_refused(db, db_path, monkeypatch):
    backup_dir(db_path).mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(db_path).st_uid + 1)
    with pytest.raises(BackupError, match="belongs to another user"):
        make_backup(db_path, "manual", source=db)
