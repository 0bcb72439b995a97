"""Data exports: the tidy CSV folder read back as a statistics user would read it, the
three de-identification profiles, the log of every export, and bad input."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from devtools.synth import synthetic_case
from domain import export_plan as plan
from domain import fields as spec
from storage.data_export import ExportCancelled, ExportError, export_data
from storage.export_log import export_events
from tests.test_cli import run

ISO_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def identifying_case(repo):
    """A case holding everything Safe Harbor must remove: a name, a date, an age of 95."""
    case = synthetic_case(1, seed=5)
    case.label, case.age, case.day0_date = "Jane Roe", 95, "2016-03-15"
    case.criteria.onset_age = 93
    case.occupation, case.notes = "baker in Smalltown", "seen 2016-03-20 by Dr Who"
    case.labs[0].note = "drawn 2016-03-16"
    repo.save(case)
    return case


def test_identified_export_holds_every_case_and_the_codebook_names_every_column(repo, tmp_path):
    identifying_case(repo)
    result = export_data(repo.db, tmp_path / "out", ["csv"], "identified")
    folder = result.folder
    assert result.cases == repo.count()
    cases = read(folder / "cases.csv")
    assert len(cases) == repo.count()
    assert {c["label"] for c in cases} >= {"Jane Roe", "Takashima 2017 (index case)"}
    codebook = read(folder / "codebook.csv")
    for table in [e.table for e in spec.ENTITIES] + ["cases_wide"]:
        with open(folder / f"{table}.csv", encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert header == [r["variable"] for r in codebook if r["table"] == table], table
    # child rows join on case_id; the index case's CK is in its canonical unit beside
    ids = {c["case_id"] for c in cases}
    labs = read(folder / "lab_results.csv")
    assert {r["case_id"] for r in labs} <= ids
    ck = next(r for r in labs if r["analyte"] == "CK" and r["value"] == "15242.0")
    assert (ck["unit"], ck["unit_canonical"], ck["value_canonical"]) == ("IU/L", "U/L", "15242.0")
    crp = [r for r in labs if r["unit"] == "mg/L"]
    for r in crp:  # CRP's canonical unit is the catalogue's first: mg/dL
        assert float(r["value_canonical"]) == pytest.approx(float(r["value"]) / 10)
    wide = read(folder / "cases_wide.csv")
    index = next(w for w in wide if w["label"] == "Takashima 2017 (index case)")
    assert index["ck_peak"] == "15242.0" and index["ab_tif1_gamma"] == "positive"
    readme = (folder / "README.txt").read_text()
    assert "Profile: identified" in readme and "cases_wide.csv" in readme
    assert (folder / "cases.csv").stat().st_mode & 0o077 == 0


def test_safe_harbor_holds_no_date_no_age_over_89_and_no_identifying_column(repo, tmp_path):
    identifying_case(repo)
    folder = export_data(repo.db, tmp_path / "sh", ["csv"], "safe-harbor").folder
    denied = {f.name for _e, f in spec.all_fields() if f.identifying or f.free_text}
    denied -= {"citation"}  # kept for literature cases only (checked below)
    day_fields = {f.name for _e, f in spec.all_fields() if plan.is_relative_day(f)}
    for path in folder.glob("*.csv"):
        if path.name == "codebook.csv":
            continue
        text = path.read_text(encoding="utf-8")
        assert not ISO_DATE.search(text), path.name
        assert "Jane Roe" not in text and "Smalltown" not in text and "Dr Who" not in text
        rows = read(path)
        with open(path, encoding="utf-8", newline="") as f:
            header = set(rows[0]) if rows else set(next(csv.reader(f)))
        assert not header & denied, (path.name, header & denied)
        assert not header & day_fields, path.name
        for r in rows:
            if r.get("age"):
                assert r["age"] == "90+" or int(r["age"]) <= 89
    cases = read(folder / "cases.csv")
    assert "90+" in {c["age"] for c in cases}
    assert "90+" in {c["onset_age"] for c in cases}  # the age at onset too
    assert sorted(int(c["case_id"]) for c in cases) == list(range(1, len(cases) + 1))
    # random ids, and the rows in their order: the order of rows says nothing either
    assert [int(c["case_id"]) for c in cases] == list(range(1, len(cases) + 1))
    for name in ("lab_results.csv", "cases_wide.csv", "regimen_cycles.csv"):
        ids = [int(r["case_id"]) for r in read(folder / name)]
        assert ids == sorted(ids), name
    paper_order = [c["table_order"] for c in cases if c["table_order"]]
    assert paper_order != sorted(paper_order, key=int)  # not the casebook's order (17! to 1)
    for c in cases:  # a citation only where the case is from the literature
        if c["citation"]:
            assert c["seed_key"] or c["reference_number"]
    assert "year" in read(folder / "lab_results.csv")[0]
    assert "Ages over 89 are written 90+." in (folder / "README.txt").read_text()


def test_limited_keeps_relative_days_and_drops_names_and_free_text(repo, tmp_path):
    identifying_case(repo)
    folder = export_data(repo.db, tmp_path / "lim", ["csv"], "limited").folder
    cases = read(folder / "cases.csv")
    assert "label" not in cases[0] and "notes" not in cases[0] and "uuid" not in cases[0]
    assert "day0_date" not in cases[0] and "followup_day" in cases[0]
    assert "day" in read(folder / "lab_results.csv")[0]
    assert "Jane Roe" not in (folder / "cases_wide.csv").read_text()
    assert "95" in {c["age"] for c in cases}


def test_every_export_is_logged_and_the_log_cannot_be_changed(db, tmp_path):
    export_data(db, tmp_path / "a", ["csv"], "limited", user="dr_a")
    export_data(db, tmp_path / "b", ["csv"], "identified", bom=True, user="dr_b")
    newest, first = export_events(db)
    assert (first.user, first.profile, first.case_count) == ("dr_a", "limited", 17)
    assert newest.destination == str(tmp_path / "b") and "cases.csv" in newest.files
    assert (tmp_path / "b" / "cases.csv").read_bytes().startswith(b"\xef\xbb\xbfcase_id")
    assert not (tmp_path / "a" / "cases.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM export_log")


def test_a_cancelled_or_refused_export_leaves_nothing(db, tmp_path):
    place = tmp_path / "exports"
    place.mkdir()
    with pytest.raises(ExportCancelled):
        export_data(db, place / "c", ["csv"], "identified", progress=lambda d, t: False)
    assert list(place.iterdir()) == []
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep")
    with pytest.raises(ExportError, match="not empty"):
        export_data(db, tmp_path / "full", ["csv"], "identified")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["mine.txt"]
    assert export_events(db) == []


def test_the_command_writes_a_folder_and_bad_input_is_one_line_exit_2(db_path, tmp_path):
    r = run("--db", db_path, "export", "--format", "csv", "--profile", "safe-harbor",
            "--out", tmp_path / "x")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x" / "cases_wide.csv").exists()
    for argv, says in (
        (["--format", "csv", "--out", tmp_path / "y"], "--profile"),
        (["--format", "sav", "--profile", "limited", "--out", tmp_path / "y"], "sav"),
        (["--profile", "anonymous", "--out", tmp_path / "y"], "anonymous"),
        (["--profile", "limited", "--out", tmp_path / "x"], "not empty"),
        (["--profile", "limited", "--out", tmp_path / "no" / "such"], "no such folder"),
    ):
        r = run("--db", db_path, "export", *argv, check=False)
        assert r.returncode == 2 and says in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "y").exists()


def test_the_export_log_command_lists_exports(db_path, tmp_path):
    run("--db", db_path, "export", "--profile", "limited", "--out", tmp_path / "e")
    r = run("--db", db_path, "export-log", "--format", "csv")
    rows = list(csv.reader(r.stdout.splitlines()))
    assert rows[0] == ["when (UTC)", "who", "profile", "formats", "cases", "folder"]
    assert rows[1][2:] == ["limited", "csv", "17", str(tmp_path / "e")]


def test_migration_4_adds_the_export_log_to_a_file_at_schema_3(tmp_path):
    from storage.db import connect, open_db
    from storage.migrations import migrations
    from tests.old_schema import insert_case

    path = tmp_path / "v3.sqlite"
    open_db(path, seed=False).close()
    path.unlink()
    db = connect(path)
    migrations.apply(db, stop_before="m004_export_log")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert "export_log" not in db.table_names()
    insert_case(db, synthetic_case(1, seed=3), record=False)  # only the columns schema 3 has
    db.conn.commit()
    db.close()
    db = open_db(path, seed=False)
    assert "export_log" in db.table_names() and export_events(db) == []
    export_data(db, tmp_path / "out", ["csv"], "identified")
    assert [e.case_count for e in export_events(db)] == [1]
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE export_log SET user_name = 'someone else'")
    db.close()
