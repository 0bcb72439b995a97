"""The score-inputs step: a file at schema 3 gains the criteria facts and the core-set visits."""

from __future__ import annotations

import sqlite3

import pytest

from domain.model import CoreSetVisit, MmtSide, Presence
from storage.audit_replay import replay
from storage.db import connect, open_db
from storage.migrations import _STEPS, SCHEMA_VERSION, migrations
from storage.repository import CaseRepository
from storage.snapshot import read_snapshot
from tests.old_files import insert_case
from tests.test_storage import full_case

# the first step after version 3 (the audit chain's step 4 once merged, else this one)
AFTER_V3 = _STEPS[3]


def _version_3_file(path) -> int:
    """A case written at version 1, brought to version 3 (its trail begun by step 2)."""
    db = connect(path)
    migrations.apply(db, stop_before="m002_audit_trail")
    case_id = insert_case(db, full_case())
    migrations.apply(db, stop_before=AFTER_V3)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    db.close()
    return case_id


def test_a_version_3_file_gains_the_score_inputs_and_keeps_its_case(tmp_path):
    path = tmp_path / "v3.sqlite"
    case_id = _version_3_file(path)
    db = open_db(path, seed=False)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "m005_score_inputs" in _STEPS
    repo = CaseRepository(db)
    case = repo.get(case_id)
    assert case.labs == full_case().labs
    assert case.criteria.heliotrope is None  # not recorded: nothing was invented
    assert case.core_set_visits == []
    case.criteria.heliotrope = Presence.PRESENT
    case.criteria.muscle_biopsy = Presence.NOT_DONE
    case.criteria.onset_age = 58
    visit = CoreSetVisit(day=0, physician_global=6, mmt_side=MmtSide.RIGHT,
                         **{f"mmt_{g}": 8 for g in (
                             "neck_flexors", "deltoid", "biceps", "wrist_extensors",
                             "gluteus_maximus", "gluteus_medius", "quadriceps",
                             "ankle_dorsiflexors")})
    case.core_set_visits = [visit]
    repo.save(case)
    again = repo.get(case_id)
    assert again.criteria == case.criteria
    assert again.core_set_visits == [visit]
    stored = db.execute("SELECT mmt8_total FROM core_set_visits").fetchone()[0]
    assert stored == 64  # the derived total is stored for exports
    # the trail alone rebuilds the case, though its first entry predates the new columns
    assert replay(db)[case_id] == read_snapshot(db, case_id)
    db.close()


def test_the_new_columns_refuse_values_outside_their_lists(tmp_path):
    path = tmp_path / "v3.sqlite"
    case_id = _version_3_file(path)
    open_db(path, seed=False).close()
    db = connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE cases SET heliotrope = 'yes' WHERE id = ?", [case_id])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO core_set_visits (case_id, position, mmt_neck_flexors) VALUES (?, 0, 11)",
            [case_id],
        )
    db.close()
