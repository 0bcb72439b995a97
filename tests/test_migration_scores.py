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
from tests.old_schema import insert_case
from tests.test_storage import full_case

# the first step after version 3 (the audit chain's step 4 once merged, else this one)
AFTER_V3 = _STEPS[3]


def _version_3_file(path) -> int:
    """A case written at version 1, brought to version 3 (its trail begun by step 2)."""
    db = connect(path)
    migrations.apply(db, stop_before="m002_audit_trail")
    case_id = insert_case(db, full_case(), record=False)
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


def _as_before_the_score_inputs(path, criteria=None):
    """The index case as a file seeded before this version holds it: no criteria facts, no
    criteria sources, no record of having had them (edits made through the repository, so
    the trail stays whole)."""
    from domain.model import CriteriaFacts

    db = open_db(path)
    repo = CaseRepository(db)
    case = repo.get(repo.resolve("Takashima 2017 (index case)"))
    case.criteria = criteria or CriteriaFacts()
    case.sources = {k: s for k, s in case.sources.items() if not k.startswith("criteria.")}
    repo.save(case)
    db.execute("DELETE FROM meta WHERE key = 'seed:takashima2017:criteria'")
    db.close()
    return case.id


def test_an_older_casebook_gets_the_index_case_criteria_once_audited(template_casebook, tmp_path):
    from tests.conftest import copy_casebook

    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    case_id = _as_before_the_score_inputs(path)
    db = open_db(path)
    repo = CaseRepository(db)
    case = repo.get(case_id)
    assert case.criteria.heliotrope == Presence.PRESENT
    assert case.criteria.muscle_biopsy == Presence.NOT_DONE
    assert case.sources["criteria.muscle_biopsy"].quote == (
        "Electromyogram and muscle biopsy were not performed.")
    assert "criteria the paper states" in repo.history(case_id)[-1].reason
    assert replay(db)[case_id] == read_snapshot(db, case_id)
    version = case.version
    db.close()
    db = open_db(path)  # once only
    assert CaseRepository(db).get(case_id).version == version
    db.close()


def test_criteria_a_user_entered_are_never_overwritten(template_casebook, tmp_path):
    from domain.model import CriteriaFacts
    from tests.conftest import copy_casebook

    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    mine = CriteriaFacts(heliotrope=Presence.ABSENT)
    case_id = _as_before_the_score_inputs(path, mine)
    db = open_db(path)
    assert CaseRepository(db).get(case_id).criteria == mine
    db.close()


def test_a_window_saving_the_case_at_the_same_moment_leaves_it_for_the_next_opening(
    template_casebook, tmp_path, monkeypatch
):
    from storage import seed
    from storage.repository import ConflictError
    from tests.conftest import copy_casebook

    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    case_id = _as_before_the_score_inputs(path)

    def conflict(self, case, **kwargs):
        raise ConflictError("changed elsewhere")

    db = open_db(path, seed=False)
    with monkeypatch.context() as m:
        m.setattr(seed.CaseRepository, "save", conflict)
        assert seed.add_index_criteria(db) is False
    assert not seed._has(db, seed.CRITERIA_KEY)  # nothing written: tried again next time
    assert seed.add_index_criteria(db) is True
    assert CaseRepository(db).get(case_id).criteria.gottron_sign == Presence.PRESENT
    db.close()
