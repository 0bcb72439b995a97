"""The store: schema, pragmas, round trips, all-or-nothing saves, foreign keys."""

from __future__ import annotations

import sqlite3

import pytest

from domain.model import (
    Agent,
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    Cycle,
    Finding,
    LabResult,
    Precision,
    Regimen,
    Sex,
    Source,
    SteroidStep,
    Treatment,
    TreatmentKind,
)
from storage.db import StoreError, open_db
from storage.migrations import APPLICATION_ID, SCHEMA_VERSION
from storage.repository import CaseNotFound, CaseRepository, ConflictError, InvalidCase


def full_case() -> Case:
    src = Source("Clinic notes", "admission letter", "CK 15,242")
    c = Case(
        label="Clinic 2026-01",
        age=61,
        sex=Sex.FEMALE,
        cigarettes_per_day=20,
        smoking_years=30,
        occupation="teacher",
        day0_meaning="admission",
        day0_date="2026-01-05",
        notes="full case",
    )
    c.diagnosis.criteria, c.diagnosis.grade = "Bohan and Peter", "definite"
    c.diagnosis.findings = ["weakness", "rash"]
    c.tumour.type, c.tumour.size_mm, c.tumour.stage = "SCLC", 21.5, "T1N2M0"
    c.outcome.response_cutaneous, c.outcome.final_outcome = "Improvement", "Alive"
    c.outcome.followup_day, c.outcome.followup_precision = 200, Precision.APPROXIMATE
    c.labs = [
        LabResult("CK", 9000, "IU/L", day=0, ref_high=248, source=src),
        LabResult("CK", 5, "IU/L", day=20, comparator="<", ref_high=248),
        LabResult("CRP", 2.5, "mg/dL", day=None, precision=Precision.NOT_SPECIFIED),
    ]
    c.antibodies = [
        AntibodyResult("TIF1-gamma", AntibodyStatus.POSITIVE, day=3, precision=Precision.EXACT),
        AntibodyResult("ANA", AntibodyStatus.POSITIVE, titre="1:160", pattern="speckled"),
    ]
    c.steroid_steps = [
        SteroidStep("prednisolone", 60, from_day=0, to_day=13, to_precision=Precision.EXACT),
        SteroidStep("methylprednisolone", 32, from_day=14),
    ]
    c.regimens = [
        Regimen(
            "CBDCA + VP-16",
            [Agent("carboplatin", 5, "AUC"), Agent("etoposide", 100, "mg/m2")],
            [Cycle(1, 15), Cycle(2, 36, Precision.APPROXIMATE)],
            21,
            "note",
            src,
        )
    ]
    c.treatments = [
        Treatment(TreatmentKind.IVIG, "IVIg", 5, Precision.EXACT, 9, Precision.EXACT, "2 g/kg")
    ]
    c.assessments = [
        Assessment(AssessmentKind.MRC_UPPER, "3", 0),
        Assessment(AssessmentKind.SKIN, "heliotrope", 0),
    ]
    c.findings = [Finding("ihc", "CD56", "positive", source=src)]
    c.sources = {"age": src}
    return c


def dump(db) -> list[str]:
    return list(db.conn.iterdump())


def test_blank_file_gets_the_schema_and_the_safety_pragmas(db):
    pragmas = {
        name: db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in (
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "busy_timeout",
            "trusted_schema",
            "application_id",
            "user_version",
        )
    }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "trusted_schema": 0,
        "application_id": APPLICATION_ID,
        "user_version": SCHEMA_VERSION,
    }
    assert {
        "cases",
        "lab_results",
        "antibody_results",
        "steroid_steps",
        "regimens",
        "regimen_cycles",
        "treatments",
        "assessments",
        "findings",
        "case_sources",
        "meta",
        "_sqlite_migrations",
    } <= set(db.table_names())


def test_reopening_applies_no_migration_twice(db_path):
    open_db(db_path).close()
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION


def test_file_is_private_to_its_owner(db, db_path):
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_full_case_round_trip(repo):
    case = full_case()
    case_id = repo.save(case)
    loaded = repo.get(case_id)
    assert loaded == case
    assert case.version == 1


def test_update_replaces_children_and_bumps_version(repo):
    case = full_case()
    repo.save(case)
    case.labs.pop()
    case.label = "renamed"
    repo.save(case)
    loaded = repo.get(case.id)
    assert loaded.label == "renamed" and len(loaded.labs) == 2 and loaded.version == 2


def test_stale_version_is_refused(repo):
    case = full_case()
    repo.save(case)
    other = repo.get(case.id)
    other.label = "theirs"
    repo.save(other)
    case.label = "mine"
    with pytest.raises(ConflictError, match="changed elsewhere"):
        repo.save(case)
    assert repo.get(case.id).label == "theirs"


def test_invalid_case_writes_nothing(repo, db):
    before = dump(db)
    bad = full_case()
    bad.labs[0].value = 6000000
    with pytest.raises(InvalidCase, match="CK must be from 0 to 5000000 IU/L"):
        repo.save(bad)
    assert dump(db) == before


@pytest.mark.parametrize(
    "table",
    [
        "lab_results",
        "antibody_results",
        "steroid_steps",
        "regimen_cycles",
        "treatments",
        "assessments",
        "findings",
        "case_sources",
    ],
)
def test_a_save_failing_midway_leaves_the_file_unchanged(repo, db, table):
    existing = full_case()
    repo.save(existing)
    before = dump(db)
    db.execute(
        f"CREATE TEMP TRIGGER fail BEFORE INSERT ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )
    new = full_case()
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        repo.save(new)
    existing.label = "edited"
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        repo.save(existing)
    db.execute("DROP TRIGGER fail")
    assert dump(db) == before
    assert new.id is None


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute(
            "INSERT INTO lab_results (case_id, position, analyte, unit) VALUES (9999, 0, 'CK', 'U/L')"
        )


def test_strict_tables_refuse_text_in_number_columns(repo, db):
    case_id = repo.save(full_case())
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT"):
        db.execute("UPDATE lab_results SET value = '<5' WHERE case_id = ?", [case_id])


def test_delete_cascades(repo, db):
    case_id = repo.save(full_case())
    repo.delete(case_id)
    assert (
        db.execute("SELECT count(*) FROM lab_results WHERE case_id = ?", [case_id]).fetchone()[0]
        == 0
    )
    assert (
        db.execute("SELECT count(*) FROM regimen_cycles").fetchone()[0] == 4
    )  # the index case's four cycles only
    with pytest.raises(CaseNotFound):
        repo.get(case_id)


def test_resolve_by_id_or_label(repo):
    case_id = repo.save(full_case())
    assert repo.resolve(str(case_id)) == case_id
    assert repo.resolve("clinic 2026-01") == case_id
    with pytest.raises(CaseNotFound):
        repo.resolve("nobody")


def test_not_sqlite_file_is_refused_and_untouched(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_bytes(b"my notes, not a database\n" * 10)
    with pytest.raises(StoreError, match="not an SQLite file"):
        open_db(p)
    assert p.read_bytes() == b"my notes, not a database\n" * 10


def test_other_applications_database_is_refused(tmp_path):
    p = tmp_path / "other.sqlite"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        open_db(p)
    assert p.read_bytes() == before


def test_newer_schema_is_refused(db_path):
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer DM Casebook"):
        open_db(db_path)


def test_missing_folder_is_refused_without_creating_anything(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_db(tmp_path / "nope" / "c.sqlite")
    assert not (tmp_path / "nope").exists()


def test_unwritable_folder_is_refused(tmp_path, monkeypatch):
    import os

    import storage.db

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    real_access = os.access
    # root may write anywhere: make the folder read-only for this process as a user sees it
    monkeypatch.setattr(
        storage.db.os,
        "access",
        lambda p, mode: (
            False if (mode & os.W_OK and str(p) == str(folder)) else real_access(p, mode)
        ),
    )
    try:
        with pytest.raises(StoreError, match="not writable"):
            open_db(folder / "c.sqlite")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_repository_works_on_a_database_without_the_paper(tmp_path):
    db = open_db(tmp_path / "empty.sqlite", seed=False)
    repo = CaseRepository(db)
    assert repo.count() == 0
    repo.save(full_case())
    assert repo.count() == 1
