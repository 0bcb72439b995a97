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
