"""REDCap records imported back: the same cases; a bad value named by the REDCap line and
variable."""

from __future__ import annotations

import csv

from devtools.synth import synthetic_case
from storage.data_export import export_data
from storage.data_import import import_data
from storage.db import open_db
from storage.repository import CaseRepository
from tests.test_data_import import comparable


def test_redcap_records_import_into_an_empty_casebook_as_the_same_cases(repo, tmp_path):
    for n in (1, 2, 3):
        repo.save(synthetic_case(n, seed=50))
    folder = export_data(repo.db, tmp_path / "rc", ["redcap"], "identified").folder
    target = CaseRepository(open_db(tmp_path / "empty.sqlite", seed=False))
    report = import_data(target.db, folder / "redcap_records.csv")
    assert not report.problems and len(report.new) == repo.count()
    mine = {c.uuid: comparable(repo.get(c.id)) for c in repo.headers()}
    theirs = {c.uuid: comparable(target.get(c.id)) for c in target.headers()}
    assert theirs == mine


def test_a_bad_redcap_value_is_named_by_its_line_and_variable(repo, tmp_path):
    folder = export_data(repo.db, tmp_path / "rc", ["redcap"], "identified").folder
    path = folder / "redcap_records.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    line = next(i for i, r in enumerate(rows) if r[1] == "lab_result") + 1
    rows[line - 1][header.index("lab_value")] = "high"
    rows[line - 1][header.index("lab_day_precision")] = "9"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    target = CaseRepository(open_db(tmp_path / "empty.sqlite", seed=False))
    report = import_data(target.db, folder)
    said = [str(p) for p in report.problems]
    assert f"redcap_records.csv row {line}, lab_value: 'high' is not a number; allowed: " \
           "a number" in said
    assert any(s.startswith(f"redcap_records.csv row {line}, lab_day_precision: '9' is not "
                            "allowed") for s in said), said
    assert target.count() == 0
