"""Backups: the backup API, private files, daily and before migration, verified restore."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

import storage.backup as backup_mod
from storage.backup import (
    KEEP,
    BackupError,
    backup_dir,
    copy_of_backup,
    daily_backup,
    list_backups,
    make_backup,
    restore,
    verify_backup,
)
from storage.db import connect, open_db
from storage.migrations import SCHEMA_VERSION, migrations
from storage.repository import CaseRepository
from tests.test_storage import full_case


def content(path, restores: bool = True) -> list[str]:
    """Every row of every table of a casebook, as SQL text (without the entries of
    restores when restores is False: a restore records itself in the restored trail)."""
    db = connect(path, mode="readonly")
    try:
        rows = [line for line in db.conn.iterdump() if line.startswith("INSERT")]
    finally:
        db.close()
    if restores:
        return rows
    return [r for r in rows if ",'restore'," not in r and ",'casebook','" not in r]


def test_a_backup_is_a_private_self_contained_copy(db, db_path):
    repo = CaseRepository(db)
    repo.save(full_case())
    path = make_backup(db_path, "manual", source=db)
    assert path.parent == db_path.parent / "backups"
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup_dir(db_path).stat().st_mode & 0o777 == 0o700
    # one file: no -wal/-shm/-journal beside it, and a rollback journal, not WAL
    assert [p.name for p in backup_dir(db_path).iterdir()] == [path.name]
    assert path.read_bytes()[18:20] == b"\x01\x01"
    assert content(path) == content(db_path)
    assert verify_backup(path).cases == 18


def test_the_casebook_and_its_wal_files_are_private(db, db_path):
    CaseRepository(db).save(full_case())
    for suffix in ("", "-wal", "-shm"):
        p = db_path.with_name(db_path.name + suffix)
        assert p.stat().st_mode & 0o777 == 0o600, p


def test_a_backup_made_without_an_open_connection(db, db_path):
    path = make_backup(db_path, "manual")
    assert content(path) == content(db_path)


def test_daily_backup_once_a_day_and_the_last_seven_are_kept(db, db_path):
    first = date(2026, 3, 1)
    made = [daily_backup(db_path, source=db, today=first + timedelta(days=i)) for i in range(10)]
    assert all(made)
    assert daily_backup(db_path, source=db, today=first + timedelta(days=9)) is None
    kept = [b for b in list_backups(db_path) if b.kind == "daily"]
    assert len(kept) == KEEP == 7
    assert [b.created.date() for b in kept] == [first + timedelta(days=i) for i in range(9, 2, -1)]
    assert {b.path for b in kept} == set(made[3:])


def test_pruning_one_kind_keeps_the_others(db, db_path):
    manual = make_backup(db_path, "manual", source=db)
    for _ in range(KEEP + 2):
        make_backup(db_path, "daily", source=db)
    kinds = [b.kind for b in list_backups(db_path)]
    assert kinds.count("daily") == KEEP and manual.exists()


def test_two_backups_in_the_same_second_get_two_names(db, db_path):
    now = datetime(2026, 3, 1, 12, 0, 0)
    a = make_backup(db_path, "manual", source=db, now=now)
    b = make_backup(db_path, "manual", source=db, now=now)
    assert a != b and a.exists() and b.exists()
    assert list_backups(db_path)[0].path == b  # the newer first


def version_1_file(path) -> None:
    """A casebook as version 1 of the app wrote it, with one case."""
    db = connect(path)
    migrations.apply(db, stop_before="m002_audit_trail")
    from tests.old_schema import insert_case

    insert_case(db, full_case(), record=False)  # the columns version 1 has
    db.close()
    path.chmod(0o600)


def test_opening_an_older_file_backs_it_up_before_the_migration(db_path):
    version_1_file(db_path)
    before = content(db_path)
    db = open_db(db_path, seed=False)
    db.close()
    [b] = list_backups(db_path)
    assert b.kind == "before-migration"
    assert verify_backup(b.path).schema_version == 1
    assert content(b.path) == before
    assert content(db_path) != before  # the migrated file has the audit baseline


def test_a_new_or_current_file_is_not_backed_up_on_open(db_path):
    open_db(db_path).close()
    open_db(db_path).close()
    assert list_backups(db_path) == []


def test_a_migration_that_cannot_back_up_first_leaves_the_file_alone(db_path, monkeypatch):
    from storage.db import StoreError

    version_1_file(db_path)
    before = db_path.read_bytes()

    def fail(*args, **kwargs):
        raise BackupError("disk full")

    monkeypatch.setattr(backup_mod, "make_backup", fail)
    with pytest.raises(StoreError, match="could not be backed up first.*disk full"):
        open_db(db_path, seed=False)
    assert db_path.read_bytes() == before


def test_restore_replaces_the_content_and_keeps_the_current_one(db, db_path):
    repo = CaseRepository(db)
    saved = make_backup(db_path, "manual", source=db)
    at_backup = content(db_path)
    case = full_case()
    repo.save(case)
    after_edit = content(db_path)
    kept = restore(db_path, saved)
    assert content(db_path, restores=False) == at_backup
    assert content(kept) == after_edit
    # the restore is the newest entry of the restored trail
    assert [(e.action, e.field, e.new) for e in repo.history()[-2:]] == [
        ("restore", "restored_from", saved.name),
        ("restore", "replaced_content_kept_in", kept.name),
    ]
    assert [b.kind for b in list_backups(db_path)][:1] == ["before-restore"]
    # the window's own connection sees the restored content
    assert repo.count() == 17


def test_restoring_an_older_backup_brings_it_to_the_current_schema(db, db_path, tmp_path):
    old = tmp_path / "old.sqlite"
    version_1_file(old)
    restore(db_path, old)
    check = connect(db_path, mode="readonly")
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("SELECT label FROM cases").fetchall() == [("Clinic 2026-01",)]
    check.close()


def damaged_copy(src, dest) -> None:
    data = bytearray(src.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096 : page * 4096 + 8] = b"\xff" * 8  # break every page header
    dest.write_bytes(bytes(data))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db, db_path, tmp_path):
    good = make_backup(db_path, "manual", source=db)
    bad = tmp_path / "bad.sqlite"
    damaged_copy(good, bad)
    before = content(db_path)
    with pytest.raises(BackupError, match="damaged"):
        restore(db_path, bad)
    assert content(db_path) == before
    assert [b.kind for b in list_backups(db_path)] == ["manual"]  # not even a safety copy


@pytest.mark.parametrize("kind", ["text", "other_app", "newer"])
def test_restore_refuses_what_is_not_a_backup_of_ours(db, db_path, tmp_path, kind):
    p = tmp_path / "x.sqlite"
    if kind == "text":
        p.write_text("not a database at all, but long enough to have a header\n")
    else:
        conn = sqlite3.connect(p)  # files made by others, not by the app
        conn.execute("CREATE TABLE cases (id)")
        if kind == "newer":
            conn.execute("PRAGMA application_id = 1145914178")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
    before = content(db_path)
    with pytest.raises(BackupError, match="not an SQLite file|not a DM Casebook|newer"):
        restore(db_path, p)
    assert content(db_path) == before


def test_a_copy_of_a_backup_opens_as_a_new_casebook(db, db_path):
    saved = make_backup(db_path, "manual", source=db)
    copy = copy_of_backup(saved, db_path)
    assert copy.parent == db_path.parent and "from-backup" in copy.name
    assert copy.stat().st_mode & 0o777 == 0o600
    assert content(copy) == content(saved)
    assert CaseRepository(open_db(copy)).count() == 17


def test_a_failed_backup_leaves_no_file_behind(db, db_path, monkeypatch):
    real = backup_mod.connect

    def broken(path, mode="casebook"):
        conn = real(path, mode)
        if mode == "backup":
            conn.close()  # the copy fails halfway: its connection is gone
        return conn

    monkeypatch.setattr(backup_mod, "connect", broken)
    with pytest.raises(BackupError, match="cannot write a backup"):
        make_backup(db_path, "manual", source=db)
    assert list(backup_dir(db_path).iterdir()) == []
