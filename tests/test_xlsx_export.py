"""The Excel export opened as a spreadsheet program opens it: a sheet per table and the
codebook, typed cells, frozen header, no formulas anywhere."""

from __future__ import annotations

import csv
import datetime
import zipfile

from openpyxl import load_workbook

from devtools.synth import synthetic_case
from storage.data_export import export_data


def test_a_sheet_per_table_typed_cells_frozen_header_and_no_formula(repo, tmp_path):
    case = synthetic_case(1, seed=4)
    case.day0_date, case.notes = "2018-01-09", "=HYPERLINK(\"http://x\")"
    repo.save(case)
    folder = export_data(repo.db, tmp_path / "x", ["xlsx", "csv"], "identified").folder
    path = folder / "dm_casebook.xlsx"
    with zipfile.ZipFile(path) as z:  # what Excel would run: an <f> element
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name
    book = load_workbook(path, read_only=False)
    assert book.sheetnames[0] == "about" and book.sheetnames[-1] == "codebook"
    for table in ("cases", "lab_results", "regimen_cycles", "cases_wide"):
        sheet = book[table]
        assert sheet.freeze_panes == "A2"
        with open(folder / f"{table}.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert [c.value for c in sheet[1]] == rows[0]
        assert sheet.max_row == len(rows)
    cases = book["cases"]
    header = [c.value for c in cases[1]]
    mine = next(r for r in cases.iter_rows(min_row=2, values_only=True)
                if r[header.index("uuid")] == case.uuid)
    record = dict(zip(header, mine, strict=True))
    assert record["notes"] == case.notes  # kept as text, not run
    assert isinstance(record["age"], int) and isinstance(record["day0_date"], datetime.datetime)
    assert record["day0_date"].date() == datetime.date(2018, 1, 9)
    labs = book["lab_results"]
    lab_header = [c.value for c in labs[1]]
    first = next(labs.iter_rows(min_row=2, values_only=True))
    assert isinstance(first[lab_header.index("value")], int | float)  # a number, not text
    codebook = [r for r in book["codebook"].iter_rows(min_row=2, values_only=True)]
    assert ("cases", "sex") in {(r[0], r[1]) for r in codebook}


def test_the_workbook_imports_back_as_the_same_cases(repo, tmp_path):
    from storage.data_import import import_data
    from storage.db import open_db
    from storage.repository import CaseRepository
    from tests.test_data_import import comparable

    for n in (1, 2):
        repo.save(synthetic_case(n, seed=60))
    folder = export_data(repo.db, tmp_path / "x", ["xlsx"], "identified").folder
    target = CaseRepository(open_db(tmp_path / "empty.sqlite", seed=False))
    report = import_data(target.db, folder / "dm_casebook.xlsx")
    assert not report.problems and len(report.new) == repo.count()
    mine = {c.uuid: comparable(repo.get(c.id)) for c in repo.headers()}
    assert {c.uuid: comparable(target.get(c.id)) for c in target.headers()} == mine
    book = load_workbook(folder / "dm_casebook.xlsx")
    book["cases"]["H2"] = "sometimes"  # the sex of the first case
    assert book["cases"]["H1"].value == "sex"
    book.save(tmp_path / "edited.xlsx")
    report = import_data(target.db, tmp_path / "edited.xlsx")
    assert [str(p) for p in report.problems][0].startswith(
        "edited.xlsx sheet cases row 2, sex: 'sometimes' is not allowed")
