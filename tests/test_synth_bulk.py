"""The bulk writer stores cases exactly as CaseRepository.save does, a batch at a time."""

from __future__ import annotations

import sqlite3

import pytest

from devtools.bulk import insert_cases
from devtools.synth import synthetic_case, synthetic_cases
from storage.audit_replay import replay
from storage.repository import CaseRepository, InvalidCase
from storage.snapshot import read_snapshot


def _count(db, table="cases") -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_bulk_written_cases_read_back_as_written(db, repo):
    cases = list(synthetic_cases(25, seed=5))
    assert insert_cases(db, cases, batch_size=10, audit=False) == 25
    assert _count(db) == 17 + 25
    assert [c.id for c in cases] == list(range(18, 43))
    for case in cases:
        assert case.version == 1
        assert repo.get(case.id) == case
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_bulk_rows_are_the_rows_save_writes(db, repo):
    bulk = synthetic_case(3, seed=9)
    saved = synthetic_case(3, seed=9)
    saved.uuid = "00000000-0000-4000-8000-000000000003"
    insert_cases(db, [bulk], audit=False)
    repo.save(saved)
    a, b = read_snapshot(db, bulk.id), read_snapshot(db, saved.id)
    a.case.pop("uuid"), b.case.pop("uuid")
    assert a == b


def test_with_audit_every_case_has_its_create_event_and_replays(db):
    cases = list(synthetic_cases(6, seed=2))
    insert_cases(db, cases, batch_size=4, audit=True, reason="test cohort")
    events = db.execute(
        "SELECT case_id, action, reason FROM audit_events WHERE case_id > 17 ORDER BY id"
    ).fetchall()
    assert events == [(c.id, "create", "test cohort") for c in cases]
    replayed = replay(db)
    for case in cases:
        assert replayed[case.id] == read_snapshot(db, case.id)


def test_without_audit_no_trail_is_written(db):
    before = _count(db, "audit_events")
    insert_cases(db, synthetic_cases(3, seed=2), audit=False)
    assert _count(db, "audit_events") == before


def test_an_invalid_case_stops_before_its_batch_is_written(db):
    cases = list(synthetic_cases(7, seed=1))
    cases[5].age = 200
    with pytest.raises(InvalidCase, match="Age"):
        insert_cases(db, cases, batch_size=4, audit=False)
    # the first batch (4 cases) is in, the second (with the bad case) is not
    assert _count(db) == 17 + 4
    labels = [r[0] for r in db.execute("SELECT label FROM cases WHERE id > 17 ORDER BY id")]
    assert labels == [c.label for c in cases[:4]]


def test_a_batch_failing_in_sqlite_leaves_nothing_of_it(db):
    first = list(synthetic_cases(3, seed=1))
    insert_cases(db, first, audit=False)
    rows_before = {t: _count(db, t) for t in ("cases", "lab_results", "regimen_cycles")}
    again = list(synthetic_cases(3, seed=1, start=4))
    again[2].uuid = first[0].uuid  # the third case collides on its uuid
    with pytest.raises(sqlite3.IntegrityError):
        insert_cases(db, again, audit=False)
    assert {t: _count(db, t) for t in rows_before} == rows_before


def test_a_stored_case_is_refused(db, repo):
    case = synthetic_case(1, seed=1)
    repo.save(case)
    with pytest.raises(ValueError, match="already stored"):
        insert_cases(db, [case], audit=False)


def test_cases_written_after_bulk_get_the_next_ids(db, repo):
    insert_cases(db, synthetic_cases(3, seed=1), audit=False)
    later = synthetic_case(4, seed=1)
    repo.save(later)
    assert later.id == 21
    more = list(synthetic_cases(2, seed=1, start=5))
    insert_cases(db, more, audit=False)
    assert [c.id for c in more] == [22, 23]
    assert isinstance(CaseRepository(db).get(23).labs[0].value, float)


def test_columns_of_one_value_are_kept_once_with_their_type():
    from devtools.bulk import _split_constants

    columns, rows, constants = _split_constants(
        ("a", "b", "c", "d"), [(1, 1.0, None, "x"), (2, 1, None, "x")]
    )
    assert columns == ("a", "b")  # 1.0 and 1 are not one value: REAL vs INTEGER
    assert rows == [(1, 1.0), (2, 1)]
    assert constants == {"c": None, "d": "x"}
    assert _split_constants(("a",), [(5,)]) == (("a",), [(5,)], {})
    assert _split_constants(("a", "b"), [(5, 6), (5, 6)])[0] == ("a",)  # a table keeps one


def test_a_single_case_batch_shifts_its_constant_case_id(db, repo):
    one = synthetic_case(8, seed=3)
    insert_cases(db, [one], audit=False)
    insert_cases(db, [synthetic_case(9, seed=3)], audit=False)
    assert repo.get(one.id).labs == one.labs and len(one.labs) >= 20
