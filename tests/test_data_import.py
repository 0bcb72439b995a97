"""Import of the app's own tidy CSV export: the round trip (export, import into a new
casebook, export again: identical files), the validation report, and nothing written
unless every row is valid."""

from __future__ import annotations

import csv
import filecmp

import pytest

from devtools.synth import synthetic_case
from domain.serialize import case_to_dict
from storage.audit import entries
from storage.data_export import export_data
from storage.data_import import DataImportError, import_data
from storage.db import open_db
from storage.repository import CaseRepository
from tests.test_cli import run

INDEX = "Takashima 2017 (index case)"


def comparable(case) -> dict:
    d = case_to_dict(case)
    d.pop("id"), d.pop("version")
    return d


@pytest.fixture
def source(repo, tmp_path):
    for n in range(1, 9):
        case = synthetic_case(n, seed=8)
        case.notes = "=SUM(A1) and -ve, 'quoted'"  # neutralised on the way out, back in
        repo.save(case)
    index = repo.get(repo.resolve(INDEX))
    index.notes = "edited after seeding"
    repo.save(index)
    return export_data(repo.db, tmp_path / "first", ["csv"], "identified").folder


def test_export_import_export_gives_identical_files_and_the_same_cases(repo, source, tmp_path):
    target = CaseRepository(open_db(tmp_path / "new.sqlite", seed=False))  # an empty one
    report = import_data(target.db, source, user="importer")
    assert report.written and not report.problems
    assert (len(report.new), len(report.updated), len(report.skipped)) == (25, 0, 0)
    again = export_data(target.db, tmp_path / "again", ["csv"], "identified").folder
    names = sorted(p.name for p in source.iterdir() if p.name != "README.txt")
    match, mismatch, errors = filecmp.cmpfiles(source, again, names, shallow=False)
    assert (mismatch, errors) == ([], []) and len(match) == len(names)
    mine = {c.uuid: comparable(repo.get(c.id)) for c in repo.headers()}
    theirs = {c.uuid: comparable(target.get(c.id)) for c in target.headers()}
    assert theirs == mine
    imported = [e for e in entries(target.db) if e.user == "importer"]
    assert {e.action for e in imported} == {"create"}
    assert {e.reason for e in imported} == {"imported from first"}
    assert len({e.case_uuid for e in imported}) == 25


def test_into_a_casebook_with_the_paper_its_cases_are_recognised_by_seed_key(
        repo, source, tmp_path):
    target = CaseRepository(open_db(tmp_path / "seeded.sqlite"))
    report = import_data(target.db, source, on_existing="update")
    assert (len(report.new), len(report.updated)) == (8, 17)
    assert target.count() == 25
    index = target.get(target.resolve(INDEX))
    assert index.notes == "edited after seeding"


def test_a_second_import_skips_the_cases_it_already_has(repo, source):
    report = import_data(repo.db, source)
    assert (report.new, report.updated, len(report.skipped)) == ([], [], repo.count())


def edit(folder, file, line, column, value):
    path = folder / file
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_bad_rows_are_reported_by_file_row_and_column_and_nothing_is_written(
        repo, source, tmp_path):
    edit(source, "lab_results.csv", 3, "value", "12,5")
    edit(source, "lab_results.csv", 4, "day_precision", "roughly")
    edit(source, "cases.csv", 2, "age", "130")
    edit(source, "steroid_steps.csv", 2, "dose", "ten")  # empty is "not stated" (issue 10)
    target = CaseRepository(open_db(tmp_path / "new.sqlite"))
    before = target.count()
    report = import_data(target.db, source)
    said = [str(p) for p in report.problems]
    assert "lab_results.csv row 3, value: '12,5' is not a number; allowed: a number" in said
    assert any(s.startswith("lab_results.csv row 4, day_precision: 'roughly' is not allowed; "
                            "allowed: 'exact', 'approximate', 'not specified'") for s in said)
    assert "cases.csv row 2, age: 130 is out of range; allowed from 0 to 120" in said
    assert "steroid_steps.csv row 2, dose: 'ten' is not a number; allowed: a number" in said
    assert not report.written and target.count() == before
    r = run("--db", tmp_path / "new.sqlite", "import", source, check=False)
    assert r.returncode == 2 and "lab_results.csv row 3, value" in r.stdout
    assert r.stderr.strip() == f"error: nothing imported: {len(said)} problems (listed above)"


def test_dry_run_reports_and_writes_nothing_and_bad_paths_are_one_line(repo, source, tmp_path):
    path = tmp_path / "new.sqlite"
    open_db(path).close()
    r = run("--db", path, "import", source, "--dry-run")
    assert "would import (dry run, nothing written): 8 new, 0 updated, 17 already" in r.stdout
    assert CaseRepository(open_db(path)).count() == 17
    with pytest.raises(DataImportError, match="no cases.csv"):
        import_data(repo.db, tmp_path)
    r = run("--db", path, "import", tmp_path / "nowhere", check=False)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such file" in r.stderr


def test_a_child_file_out_of_case_order_or_not_utf8_is_named(repo, source, tmp_path):
    path = source / "lab_results.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    body.reverse()  # the last case's rows first
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *body])
    report = import_data(repo.db, source, dry_run=True)
    assert any("lab_results.csv row" in str(p) and "not in the order of cases.csv" in str(p)
               for p in report.problems), report.problems
    (source / "findings.csv").write_bytes(b"case_id,position\n1,\xff\xfe\n")
    report = import_data(repo.db, source, dry_run=True)
    assert any("cannot be read as UTF-8 CSV" in str(p) for p in report.problems)


def test_another_casebook_file_merges_and_is_only_read(repo, db_path, tmp_path):
    for n in (1, 2):
        repo.save(synthetic_case(n, seed=40))
    repo.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db_path.read_bytes()
    target = CaseRepository(open_db(tmp_path / "hub.sqlite"))
    report = import_data(target.db, db_path, user="hub")
    assert report.written and (len(report.new), len(report.skipped)) == (2, 17)
    assert target.count() == 19
    assert {e.reason for e in entries(target.db) if e.user == "hub"} == {
        f"merged from {db_path.name}"}
    assert db_path.read_bytes() == before  # the site's file was not written
    (tmp_path / "other.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(DataImportError, match="other.sqlite"):
        import_data(target.db, tmp_path / "other.sqlite")


def test_valid_only_writes_the_cases_without_problems_and_names_the_others(
        repo, source, tmp_path):
    with open(source / "cases.csv", encoding="utf-8", newline="") as f:
        cases = list(csv.DictReader(f))
    with open(source / "lab_results.csv", encoding="utf-8", newline="") as f:
        labs = list(csv.DictReader(f))
    lab_line = 2 + next(i for i, r in enumerate(labs) if r["case_id"] == cases[-1]["case_id"])
    edit(source, "lab_results.csv", lab_line, "value", "lots")  # the last case's first lab
    edit(source, "cases.csv", 2, "sex", "male")  # the first case
    path = tmp_path / "empty.sqlite"
    target = CaseRepository(open_db(path, seed=False))
    assert not import_data(target.db, source).written and target.count() == 0
    report = import_data(target.db, source, valid_only=True)
    assert report.written and len(report.problems) == 2
    assert sorted(report.invalid) == sorted([cases[0]["label"], cases[-1]["label"]])
    assert target.count() == len(cases) - 2
    assert report.summary().endswith("2 with problems left out")
    assert {c.label for c in target.headers()} == {c["label"] for c in cases[1:-1]}
    target.db.close()
    r = run("--db", tmp_path / "cli.sqlite", "import", source, "--valid-only")
    assert "lab_results.csv row" in r.stdout and "2 with problems left out" in r.stdout


def test_valid_only_writes_nothing_when_a_problem_belongs_to_no_case(repo, source, tmp_path):
    edit(source, "lab_results.csv", 2, "case_id", "first")
    target = CaseRepository(open_db(tmp_path / "empty.sqlite", seed=False))
    report = import_data(target.db, source, valid_only=True)
    assert report.blocked and not report.written and target.count() == 0
    assert ("lab_results.csv row 2, case_id: 'first' is not a row key; allowed: a whole "
            "number from 1") in [str(p) for p in report.problems]
