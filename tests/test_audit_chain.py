"""Issue 12 item 9: the audit trail as evidence. Each entry's hash covers it, its changes and
the entry before; changes made outside the app are found and reported, never repaired."""

from __future__ import annotations

import sqlite3

import pytest

import main
from storage import audit
from storage.audit_chain import GENESIS, GUARDS, event_hash, verify
from storage.audit_replay import replay
from storage.backup import make_backup, restore
from storage.db import connect, open_db
from storage.migrations import SCHEMA_VERSION, migrations
from storage.repository import CaseRepository
from tests.conftest import copy_casebook
from tests.old_schema import insert_case
from tests.test_audit import assert_replay_rebuilds
from tests.test_storage import full_case


@pytest.fixture
def edited(db_path, template_casebook):
    """A casebook with edits, a new case and a delete: a trail of several kinds."""
    db = open_db(copy_casebook(template_casebook, db_path))
    repo = CaseRepository(db)
    for n in range(3):
        case = repo.get(17)
        case.notes = f"edit {n}"
        repo.save(case, reason=f"reason {n}")
    repo.save(full_case())
    repo.delete(2)
    db.close()
    return db_path


def outside_the_app(path, *statements) -> None:
    """Change the file as another program would: drop the guards, run the statements,
    and (as a careful tamperer would) create the guards again."""
    conn = sqlite3.connect(path)
    guards = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
    ).fetchall()
    for name in GUARDS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in statements:
        conn.execute(sql)
    for (sql,) in guards:
        conn.execute(sql)
    conn.commit()
    conn.close()


def report_of(path):
    db = open_db(path, seed=False)
    try:
        return verify(db, contents=True)  # as verify-audit checks
    finally:
        db.close()


def test_the_trail_of_saves_deletes_and_a_restore_is_intact(edited, tmp_path):
    report = report_of(edited)
    assert report.intact and report.events == 17 + 3 + 1 + 1
    assert "intact" in report.lines()[0]
    saved = make_backup(edited, "manual")
    restore(edited, saved)
    report = report_of(edited)
    assert report.intact and report.events == 17 + 3 + 1 + 1 + 1
    db = open_db(edited, seed=False)
    assert_replay_rebuilds(CaseRepository(db))  # a restore entry changes no case
    db.close()


def test_each_entry_is_chained_to_the_one_before(edited):
    db = connect(edited, mode="readonly")
    rows = db.execute(
        f"SELECT {audit.audit_chain.EVENT_COLUMNS}, hash FROM audit_events"
    ).fetchall()
    prev = GENESIS
    for *event, stored in rows:
        changes = db.execute(
            f"SELECT {audit.audit_chain.CHANGE_COLUMNS} FROM audit_changes WHERE event_id = ? "
            "ORDER BY id",
            [event[0]],
        ).fetchall()
        assert stored == event_hash(prev, tuple(event), changes)
        prev = stored
    db.close()


TAMPERING = {
    "an entry's case label changed": (
        ["UPDATE audit_events SET case_label = 'someone else' WHERE id = 18"],
        "entry 18 (update of 'someone else'",
    ),
    "a recorded value changed": (
        [
            "UPDATE audit_changes SET new_value = '\"edit 9\"' WHERE id = "
            "(SELECT max(id) FROM audit_changes WHERE event_id = 19)"
        ],
        "entry 19 (update of",
    ),
    "the user name changed": (
        ["UPDATE audit_events SET user_name = 'dr nobody' WHERE id = 1"],
        "entry 1 (create of",
    ),
    "an entry removed from the middle": (
        ["DELETE FROM audit_changes WHERE event_id = 19", "DELETE FROM audit_events WHERE id = 19"],
        "entry 19 is missing before entry 20",
    ),
    "the newest entries of a case removed": (
        [
            "DELETE FROM audit_changes WHERE event_id IN (20, 21, 22)",
            "DELETE FROM audit_events WHERE id IN (20, 21, 22)",
        ],
        "is at version 4 but its newest entry is for version 3",
    ),
    "a delete's entry removed": (
        ["DELETE FROM audit_changes WHERE event_id = 22", "DELETE FROM audit_events WHERE id = 22"],
        "is gone from the casebook though no entry deletes it",
    ),
    "a case deleted outside the app": (
        ["DELETE FROM cases WHERE id = 5"],
        "is gone from the casebook though no entry deletes it",
    ),
    "a case row edited, the trail left alone": (
        ["UPDATE cases SET notes = 'changed quietly' WHERE id = 5"],
        "differs from what its trail records: it was changed outside the app",
    ),
    "a lab value edited, the trail left alone": (
        ["UPDATE lab_results SET value = value * 10 WHERE id = (SELECT min(id) FROM lab_results)"],
        "differs from what its trail records",
    ),
    "an entry slipped in": (
        [
            "INSERT INTO audit_events (id, at, user_name, action, case_id, case_uuid, case_label, "
            "version, hash) VALUES (99, 'x', 'y', 'update', 1, 'u', 'l', 9, '" + "a" * 64 + "')"
        ],
        "entry 99 (update of 'l', x) does not match its hash",
    ),
    "changes slipped in without an entry": (
        [
            "INSERT INTO audit_changes (event_id, item, row_key, change, field, new_value) "
            "VALUES (500, 'case', '', 'set', 'notes', '\"x\"')"
        ],
        "1 recorded change(s) belong to no entry",
    ),
}


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
def test_tampering_outside_the_app_is_found(edited, case):
    statements, said = TAMPERING[case]
    outside_the_app(edited, *statements)
    report = report_of(edited)
    assert not report.intact
    assert any(said in p for p in report.problems), report.problems
    assert "altered outside DM Casebook" in report.lines()[0]


@pytest.mark.parametrize("guard", GUARDS)
def test_a_removed_guard_is_reported_and_never_put_back(edited, guard):
    conn = sqlite3.connect(edited)
    conn.execute(f"DROP TRIGGER {guard}")
    conn.commit()
    conn.close()
    report = report_of(edited)
    [problem] = report.problems  # the entries themselves are as written
    assert f"trigger {guard})" in problem
    db = open_db(edited, seed=False)  # opening again does not quietly repair it
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert guard not in names
    db.close()


def test_the_user_is_the_os_account_not_logname_or_user(monkeypatch):
    import os
    import pwd

    monkeypatch.setenv("LOGNAME", "dr_mallory")
    monkeypatch.setenv("USER", "dr_mallory")
    assert audit.default_user() == pwd.getpwuid(os.getuid()).pw_name != "dr_mallory"


def test_the_check_at_start_leaves_the_case_contents_to_verify_audit(edited, capsys):
    outside_the_app(edited, "UPDATE cases SET notes = 'changed quietly' WHERE id = 5")
    db = open_db(edited, seed=False)
    assert verify(db).intact and not verify(db, contents=True).intact
    db.close()
    assert main.main(["--db", str(edited), "verify-audit"]) == 2
    assert "differs from what its trail records" in capsys.readouterr().out


def test_verify_audit_prints_the_result_and_exits_2_on_a_broken_chain(edited, capsys):
    assert main.main(["--db", str(edited), "verify-audit"]) == 0
    assert "The audit trail is intact: 22 events" in capsys.readouterr().out
    outside_the_app(edited, "UPDATE audit_events SET reason = 'typo' WHERE id = 18")
    assert main.main(["--db", str(edited), "verify-audit"]) == 2
    out, err = capsys.readouterr()
    assert "entry 18" in out and "does not match its hash" in out
    assert err.startswith("error: the audit trail was altered") and err.count("\n") == 1


def _version_3_file(path) -> None:
    """A file at schema 3 as that version left it: cases, their trail, an update."""
    db = connect(path)
    migrations.apply(db, stop_before="m002_audit_trail")
    for n in range(2):
        case = full_case()
        case.label = f"old case {n}"
        insert_case(db, case, record=False)  # the columns that schema has
    migrations.apply(db, stop_before="m004_export_log")  # m002 starts the trail
    db.execute("UPDATE cases SET notes = 'edited at v3', version = 2 WHERE id = 1")
    event = db.execute(
        "INSERT INTO audit_events (at, user_name, action, case_id, case_uuid, case_label, "
        "version) SELECT '2026-01-01T00:00:00+00:00', 'old', 'update', id, uuid, label, 2 "
        "FROM cases WHERE id = 1"
    ).lastrowid
    db.execute(
        "INSERT INTO audit_changes (event_id, item, row_key, change, field, old_value, "
        "new_value) VALUES (?, 'case', '', 'set', 'notes', ?, '\"edited at v3\"')",
        [event, audit._json(full_case().notes)],
    )
    db.conn.commit()
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    db.close()


def test_migration_8_chains_the_entries_of_a_version_3_file(tmp_path):
    path = tmp_path / "v3.sqlite"
    _version_3_file(path)
    before = connect(path, mode="readonly")
    old = before.execute("SELECT * FROM audit_events ORDER BY id").fetchall()
    n_changes = before.execute("SELECT count(*) FROM audit_changes").fetchone()[0]
    before.close()

    db = open_db(path, seed=False)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = db.execute("SELECT * FROM audit_events ORDER BY id").fetchall()
    assert [r[:-1] for r in rows[:3]] == old and len(old) == 3  # every entry, as it was
    # then m006's entry per case (the values it gave the new fields), chained as well
    assert [(r[4], r[5]) for r in rows[3:]] == [("update", 1), ("update", 2)]
    kept = db.execute("SELECT count(*) FROM audit_changes WHERE event_id <= 3").fetchone()[0]
    assert kept == n_changes
    assert verify(db).intact  # the frozen formulas of m008 and m006 are the live one
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert set(GUARDS) <= names
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_events SET reason = 'x' WHERE id = 1")
    repo = CaseRepository(db)
    case = repo.get(1)
    case.notes = "after the upgrade"
    repo.save(case)  # the chain goes on from the migrated entries
    assert verify(db).intact and verify(db).events == 6
    assert_replay_rebuilds(repo)
    assert replay(db)[1].case["notes"] == "after the upgrade"
    db.close()
    db = open_db(path, seed=False)  # once only
    assert verify(db).intact
    db.close()


def test_migration_8_run_again_changes_nothing(tmp_path):
    """As when the machine stopped after the step but before sqlite-utils recorded it."""
    path = tmp_path / "v3.sqlite"
    _version_3_file(path)
    db = open_db(path, seed=False)
    hashes = db.execute("SELECT id, hash FROM audit_events").fetchall()
    from storage.migrations import m008_audit_hash_chain

    m008_audit_hash_chain(db)
    assert db.execute("SELECT id, hash FROM audit_events").fetchall() == hashes
    assert verify(db).intact
    db.close()
