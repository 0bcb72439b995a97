"""m006 (issue 10): a casebook from before the step (schema 3) upgrades with every value
kept, the new fields at their 'not given' values, canonical units filled in, a steroid
dose that may be unknown, and a trail that still rebuilds every case."""

from __future__ import annotations

from domain.model import Case, LabResult, SteroidStep
from storage.audit_chain import verify
from storage.audit_replay import replay
from storage.db import connect, open_db
from storage.migrations import _STEPS, SCHEMA_VERSION, migrations
from storage.repository import CaseRepository
from storage.snapshot import read_snapshot
from tests.old_schema import insert_case

STEP = "m006_what_the_sources_say"


def _old_file(path, before: str) -> None:
    db = open_db(path, seed=False)
    db.close()
    path.unlink()
    db = connect(path)
    migrations.apply(db, stop_before=before)
    case = Case("old", labs=[LabResult("CRP", 2.53, "mg/dL", day=0, ref_high=0.14),
                             LabResult("aldolase", 31.6, "U/mL", day=0),
                             LabResult("CK", 15242, "IU/L", day=0, ref_high=248)],
                steroid_steps=[SteroidStep("prednisolone", 70, from_day=0)])
    insert_case(db, case)
    db.close()


def _upgraded(path):
    db = open_db(path, seed=False)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    return db, CaseRepository(db)


def test_a_version_3_file_upgrades_keeping_every_value(tmp_path):
    path = tmp_path / "v3.sqlite"
    _old_file(path, _STEPS[3])  # the steps before the fourth: a version-3 file
    check = connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 3
    check.close()
    db, repo = _upgraded(path)
    (header,) = repo.headers()
    case = repo.get(header.id)
    assert [(r.analyte, r.value, r.unit) for r in case.labs] == [
        ("CRP", 2.53, "mg/dL"), ("aldolase", 31.6, "U/mL"), ("CK", 15242, "IU/L")
    ]
    assert case.smoking_status == "not specified"
    assert case.outcome.followup_dose is None and case.outcome.death_day is None
    assert case.steroid_steps[0].onset == "step" and case.steroid_steps[0].dose == 70
    # the canonical columns of the rows already stored are filled in by the step
    rows = db.execute(
        "SELECT unit_ucum, value_canonical, unit_canonical FROM lab_results ORDER BY position"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("mg/dL", 25.3, "mg/L"), ("U/mL", None, None), ("U/L", 15242.0, "U/L")
    ]
    # the trail records what the step gave each new field, so it still rebuilds the case
    assert replay(db)[header.id] == read_snapshot(db, header.id)
    # a dose the source does not state can now be stored
    case.steroid_steps.append(SteroidStep("corticosteroid", None, from_day=30))
    repo.save(case)
    assert repo.get(header.id).steroid_steps[1].dose is None
    assert replay(db)[header.id] == read_snapshot(db, header.id)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "idx_steroid_steps_case" in indexes
    db.close()


def test_the_step_applies_to_the_file_just_before_it(tmp_path):
    """The step's own precondition, whatever number it has after a merge."""
    path = tmp_path / "before.sqlite"
    _old_file(path, STEP)
    check = connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == _STEPS.index(STEP)
    check.close()
    db, repo = _upgraded(path)
    assert repo.get(repo.headers()[0].id).labs[0].value == 2.53
    db.close()


def _file_at_the_version_before_the_merge(path) -> None:
    """A file as main left it before issue 10 came in: every step but m006 (the last)
    applied, a case and its chained trail."""
    db = connect(path)
    migrations.apply(db, stop_before=STEP)
    assert _STEPS[-1] == STEP
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    insert_case(db, Case("at main", labs=[LabResult("CK", 2, "ukat/L", day=3)]))
    db.conn.commit()
    db.close()


def test_a_file_at_the_version_before_the_merge_upgrades_with_its_trail_chained(
    tmp_path, capsys
):
    import main

    path = tmp_path / "main.sqlite"
    _file_at_the_version_before_the_merge(path)
    db, repo = _upgraded(path)  # m006 runs last, and the version counts it
    (header,) = repo.headers()
    assert repo.get(header.id).labs[0].value == 2
    assert db.execute("SELECT value_canonical FROM lab_results").fetchone()[0] == 120.0
    assert verify(db).intact and verify(db).events == 2  # create, then m006's update
    assert replay(db)[header.id] == read_snapshot(db, header.id)
    db.close()
    assert main.main(["--db", str(path), "verify-audit"]) == 0
    assert "The audit trail is intact: 19 events" in capsys.readouterr().out  # + the paper's 17


def test_a_version_3_file_and_a_fresh_casebook_pass_verify_audit(tmp_path, capsys):
    import main

    old = tmp_path / "v3.sqlite"
    _old_file(old, _STEPS[3])
    assert main.main(["--db", str(old), "verify-audit"]) == 0
    fresh = tmp_path / "fresh.sqlite"
    assert main.main(["--db", str(fresh), "verify-audit"]) == 0
    out = capsys.readouterr().out
    assert out.count("The audit trail is intact") == 2
