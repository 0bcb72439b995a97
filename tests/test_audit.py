"""The audit trail: field-level entries in the save's transaction, append-only, replayable."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime

import pytest

from domain.model import Cycle, LabResult, Precision
from storage import audit
from storage.audit_replay import replay
from storage.case_rows import case_row, child_rows, cycle_rows
from storage.db import connect, open_db
from storage.migrations import SCHEMA_VERSION, migrations
from storage.repository import CaseRepository
from storage.snapshot import case_from_snapshot, read_snapshot
from tests.casegen import edit, random_case
from tests.test_storage import full_case


def changes_of(repo: CaseRepository, case_id: int, event: int = -1) -> list[tuple]:
    """(change, item, row_key, field, old, new) of one event of a case (the last by default)."""
    entries = repo.history(case_id)
    last = sorted({e.event_id for e in entries})[event]
    return [
        (e.change, e.item, e.row_key, e.field, e.old, e.new) for e in entries if e.event_id == last
    ]


@pytest.fixture
def repo(tmp_path):
    db = open_db(tmp_path / "c.sqlite", seed=False)
    yield CaseRepository(db, user="dr.tanaka")
    db.close()


def test_create_records_every_field_with_time_user_and_reason(repo):
    case = full_case()
    repo.save(case, reason="new patient")
    entries = repo.history(case.id)
    assert {e.action for e in entries} == {"create"}
    assert {(e.user, e.reason, e.version, e.case_label) for e in entries} == {
        ("dr.tanaka", "new patient", 1, "Clinic 2026-01")
    }
    at = datetime.fromisoformat(entries[0].at)
    assert at.utcoffset().total_seconds() == 0  # UTC
    added = {(e.item, e.row_key, e.field): e.new for e in entries}
    assert all(e.change == "add" and e.old_json is None for e in entries)
    assert added[("case", "", "label")] == "Clinic 2026-01"
    assert added[("lab_results", "1", "value")] == 9000.0
    assert added[("lab_results", "2", "comparator")] == "<"
    assert added[("regimen_cycles", "1.2", "day_precision")] == "approximate"
    assert added[("case_sources", "1", "field")] == "age"


def test_update_records_only_the_changed_fields(repo):
    case = full_case()
    repo.save(case)
    case.label = "Clinic 2026-01b"
    case.labs[1].value = 7.0
    repo.save(case, reason="typo", user="dr.sato")
    assert changes_of(repo, case.id) == [
        ("set", "case", "", "label", "Clinic 2026-01", "Clinic 2026-01b"),
        ("set", "lab_results", "2", "value", 5.0, 7.0),
        ("set", "lab_results", "2", "value_canonical", 5.0, 7.0),  # derived, as the flag
    ]
    last = repo.history(case.id)[-1]
    assert (last.action, last.user, last.reason, last.version) == ("update", "dr.sato", "typo", 2)


def test_child_rows_added_and_removed_are_recorded_by_row(repo):
    case = full_case()
    repo.save(case)
    case.labs.insert(0, LabResult("CK", 1200, "IU/L", day=40))
    removed = case.labs.pop()  # CRP, formerly row 3
    repo.save(case)
    got = changes_of(repo, case.id)
    assert ("add", "lab_results", "1", "value", None, 1200.0) in got
    assert ("add", "lab_results", "1", "day", None, 40) in got
    assert ("remove", "lab_results", "3", "analyte", removed.analyte, None) in got
    # the two rows in between moved but did not change: nothing recorded for them
    assert {key for _, item, key, *_ in got if item == "lab_results"} == {"1", "3"}


def test_regimen_cycles_are_recorded_within_their_regimen(repo):
    case = full_case()
    repo.save(case)
    case.regimens[0].cycles[1].day = 37
    case.regimens[0].cycles.append(Cycle(3, 57, Precision.EXACT))
    repo.save(case)
    got = changes_of(repo, case.id)
    assert ("set", "regimen_cycles", "1.2", "day", 36, 37) in got
    assert ("add", "regimen_cycles", "1.3", "number", None, 3) in got
    assert all(item == "regimen_cycles" for _, item, *_ in got)


def test_delete_records_what_the_case_held(repo):
    case = full_case()
    case_id = repo.save(case)
    uuid = case.uuid
    repo.delete(case_id, reason="duplicate entry")
    entries = [e for e in audit.entries(repo.db, uuid) if e.action == "delete"]
    assert {e.change for e in entries} == {"remove"} and entries[0].reason == "duplicate entry"
    removed = {(e.item, e.row_key, e.field): e.old for e in entries}
    assert removed[("case", "", "label")] == "Clinic 2026-01"
    assert removed[("steroid_steps", "2", "dose")] == 32.0
    assert removed[("regimen_cycles", "1.1", "day")] == 15


def test_a_save_that_changes_nothing_writes_nothing(repo):
    case = full_case()
    repo.save(case)
    before = list(repo.db.conn.iterdump())
    repo.save(case)
    assert case.version == 1
    assert list(repo.db.conn.iterdump()) == before


@pytest.mark.parametrize("table", ["audit_events", "audit_changes"])
def test_the_database_refuses_to_change_or_delete_the_trail(repo, tmp_path, table):
    repo.save(full_case())
    other = connect(tmp_path / "c.sqlite")  # any connection, not only the app's repository
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute(f"UPDATE {table} SET id = id")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute(f"DELETE FROM {table}")
    assert other.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    other.close()


def test_a_failed_save_leaves_no_audit_entry(repo):
    case = full_case()
    repo.save(case)
    n = repo.db.execute("SELECT count(*) FROM audit_changes").fetchone()[0]
    repo.db.execute(
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON audit_changes "
        "BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    case.label = "never saved"
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        repo.save(case)
    repo.db.execute("DROP TRIGGER fail")
    assert repo.db.execute("SELECT count(*) FROM audit_changes").fetchone()[0] == n
    assert repo.get(case.id).label == "Clinic 2026-01"


def assert_replay_rebuilds(repo: CaseRepository) -> None:
    rebuilt = replay(repo.db)
    ids = [r[0] for r in repo.db.execute("SELECT id FROM cases").fetchall()]
    assert sorted(rebuilt) == sorted(ids)
    for case_id in ids:
        assert rebuilt[case_id] == read_snapshot(repo.db, case_id)
        assert case_from_snapshot(rebuilt[case_id], case_id) == repo.get(case_id)


def test_replaying_the_trail_after_hundreds_of_random_edits_rebuilds_every_case(repo):
    rng = random.Random(20170415)
    live: list[int] = []
    ops = {"create": 0, "update": 0, "delete": 0}
    for _ in range(400):
        r = rng.random()
        if not live or r < 0.15:
            live.append(repo.save(random_case(rng)))
            ops["create"] += 1
        elif r < 0.22:
            repo.delete(live.pop(rng.randrange(len(live))))
            ops["delete"] += 1
        else:
            case = repo.get(rng.choice(live))
            edit(case, rng)
            repo.save(case)
            ops["update"] += 1
    assert min(ops.values()) >= 20 and len(live) >= 5
    assert repo.db.execute("SELECT count(*) FROM audit_events").fetchone()[0] >= 350
    assert_replay_rebuilds(repo)


def test_the_seeded_paper_cases_replay_too(tmp_path):
    db = open_db(tmp_path / "p.sqlite")
    repo = CaseRepository(db)
    assert repo.count() == 17
    assert {e.reason for e in repo.history()} == {
        "preloaded from Takashima et al., Intern Med 2017"
    }
    assert_replay_rebuilds(repo)


def test_upgrading_a_version_1_file_starts_the_trail_with_its_cases(tmp_path):
    path = tmp_path / "old.sqlite"
    db = open_db(path, seed=False)  # the current schema; remake it as version 1
    db.close()
    path.unlink()
    db = connect(path)
    migrations.apply(db, stop_before="m002_audit_trail")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    case = full_case()  # written as version-1 rows, straight into the tables

    def v1(table: str, row: dict) -> dict:  # the columns version 1 has (later steps add some)
        return {k: v for k, v in row.items() if k in db[table].columns_dict}

    row = case_row(case) | {"version": 3, "created_at": "2025-01-01", "updated_at": "2025-02-01"}
    case_id = db["cases"].insert(v1("cases", row)).last_pk
    for table, rows in child_rows(case, case_id).items():
        for r in rows:
            pk = db[table].insert(v1(table, r)).last_pk
            if table == "regimens":
                cycles = cycle_rows(case.regimens[r["position"]], pk)
                db["regimen_cycles"].insert_all([v1("regimen_cycles", c) for c in cycles])
    db.close()

    db = open_db(path, seed=False)
    repo = CaseRepository(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    entries = repo.history(case_id)
    assert (entries[0].action, entries[0].version) == ("create", 3)
    assert "audit trail started" in entries[0].reason
    # later steps that add fields record the values they gave (m006): same version
    later = {(e.action, e.version) for e in entries if e.event_id != entries[0].event_id}
    assert later <= {("update", 3)}
    assert_replay_rebuilds(repo)
    loaded = repo.get(case_id)
    loaded.notes = "after the upgrade"
    repo.save(loaded)
    assert_replay_rebuilds(repo)
