"""The instruments in the data exports: derived columns of cases_wide (CSV and workbook,
and so the statistics syntax), described as derived in the codebook with their reference
and what is confirmed, computed from the facts and ignored by the import."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from domain import export_plan as plan
from domain.scores.summary import NOT_COMPUTABLE
from storage.data_export import export_data
from storage.data_import import import_data
from storage.db import open_db
from storage.repository import CaseRepository
from tests.test_data_import import INDEX, edit

SCORE_PREFIXES = ("bp1975_", "eular2017_", "imacs2023_")


def wide(folder) -> dict[str, dict[str, str]]:
    with open(folder / "cases_wide.csv", encoding="utf-8", newline="") as f:
        return {r["label"]: r for r in csv.DictReader(f)}


def test_cases_wide_holds_each_instruments_result_and_category(repo, tmp_path):
    folder = export_data(repo.db, tmp_path / "x", ["csv", "xlsx"], "identified").folder
    rows = wide(folder)
    index = rows[INDEX]
    assert (index["bp1975_result"], index["bp1975_grade"], index["bp1975_reachable"]) == (
        "probable DM", "probable", "definite")
    assert (index["eular2017_score"], index["eular2017_category"],
            index["eular2017_subgroup"]) == ("12.0", "definite IIM", "DM")
    assert index["imacs2023_risk"] == "high"
    literature = rows["Lee 2012 (ref 28)"]  # the Table gives no criteria
    assert literature["bp1975_grade"] == literature["eular2017_category"] == NOT_COMPUTABLE
    assert literature["eular2017_score"] == ""  # never a default
    assert "Heliotrope rash" in literature["eular2017_missing"]
    sheet = load_workbook(folder / "dm_casebook.xlsx", read_only=True)["cases_wide"]
    head, *body = [list(r) for r in sheet.iter_rows(values_only=True)]
    got = {r[head.index("label")]: r for r in body}
    assert got[INDEX][head.index("eular2017_score")] == 12.0
    assert got[INDEX][head.index("bp1975_result")] == "probable DM"


def test_the_codebook_marks_every_score_column_derived_with_its_reference(repo, tmp_path):
    folder = export_data(repo.db, tmp_path / "x", ["csv"], "safe-harbor").folder
    with open(folder / "codebook.csv", encoding="utf-8", newline="") as f:
        book = [r for r in csv.DictReader(f) if r["table"] == "cases_wide"]
    with open(folder / "cases_wide.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    scores = [c for c in header if c.startswith(SCORE_PREFIXES)]
    assert len(scores) == 12
    described = {r["variable"]: r for r in book}
    assert set(header) <= set(described)  # every column written is described
    for name in scores:
        row = described[name]
        assert row["derived"] == "yes" and "not a recorded fact" in row["note"]
        assert "an import ignores it" in row["note"]
    assert "Bohan A, Peter JB" in described["bp1975_grade"]["note"]
    assert "subgroup tree unconfirmed" in described["eular2017_category"]["note"]
    assert "imacs2023-rules" in described["imacs2023_risk"]["note"]
    assert "not computable = not computable" in described["imacs2023_risk"]["allowed_values"]
    assert {c.name for c in plan.score_columns()} == set(scores)


def test_the_statistics_syntax_labels_the_score_columns(repo, tmp_path):
    folder = export_data(repo.db, tmp_path / "x", ["spss", "r"], "limited").folder
    sps = (folder / "dm_casebook.sps").read_text(encoding="utf-8")
    r = (folder / "dm_casebook.R").read_text(encoding="utf-8")
    assert "bp1975_grade" in sps and "EULAR/ACR 2017: classification" in sps
    assert "imacs2023_risk" in r


def test_the_import_ignores_the_score_columns_and_the_facts_decide(repo, tmp_path):
    """A score edited in cases_wide.csv is not read: the cases imported are those of the
    tidy files, and a new export computes the scores from their facts again."""
    source = export_data(repo.db, tmp_path / "first", ["csv"], "identified").folder
    with open(source / "cases_wide.csv", encoding="utf-8", newline="") as f:
        line = 1 + next(i for i, r in enumerate(csv.DictReader(f), 1) if r["label"] == INDEX)
    edit(source, "cases_wide.csv", line, "bp1975_grade", "definite")
    edit(source, "cases_wide.csv", line, "eular2017_score", "1.0")
    target = CaseRepository(open_db(tmp_path / "new.sqlite", seed=False))
    report = import_data(target.db, source, user="importer")
    assert report.written and not report.problems
    again = export_data(target.db, tmp_path / "again", ["csv"], "identified").folder
    index = wide(again)[INDEX]
    assert (index["bp1975_grade"], index["eular2017_score"]) == ("probable", "12.0")
    assert wide(again) == wide(export_data(repo.db, tmp_path / "mine", ["csv"],
                                           "identified").folder)


def test_the_workbook_import_ignores_the_score_columns_too(repo, tmp_path):
    folder = export_data(repo.db, tmp_path / "first", ["xlsx"], "identified").folder
    path = folder / "dm_casebook.xlsx"
    book = load_workbook(path)
    sheet = book["cases_wide"]
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        row[head.index("bp1975_grade")].value = "definite"  # edited, not a fact
    book.save(path)
    target = CaseRepository(open_db(tmp_path / "new.sqlite", seed=False))
    report = import_data(target.db, path, user="importer")
    assert report.written and not report.problems
    again = export_data(target.db, tmp_path / "again", ["csv"], "identified").folder
    assert wide(again)[INDEX]["bp1975_grade"] == "probable"
