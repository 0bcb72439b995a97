"""The History view: a case's changes, filtered as the user types, exported to CSV."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from domain.model import LabResult
from gui.history.view import CSV_HEADERS, HistoryView
from storage.repository import CaseRepository
from tests.test_storage import full_case


def shown(view: HistoryView) -> list[list[str]]:
    m = view.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def edited_case(repo: CaseRepository):
    case = full_case()
    repo.save(case, reason="first visit")
    case.labs[1].value = 7.0
    case.labs.append(LabResult("CRP", 1.2, "mg/dL", day=30))
    repo.save(case, reason="lab report arrived", user="dr.sato")
    return case


def test_history_lists_each_change_newest_first(qtbot, db):
    repo = CaseRepository(db, user="dr.tanaka")
    case = edited_case(repo)
    view = HistoryView(repo, case.id)
    qtbot.addWidget(view)
    rows = shown(view)
    # When, User, (Case hidden), Change, Item, Field, Old, New, Reason
    first = rows[0]
    assert first[1] == "dr.sato" and first[3:] == [
        "Changed",
        "Lab result 2 (CK)",
        "Value",
        "5",
        "7",
        "lab report arrived",
    ]
    added = [r for r in rows if r[3] == "Added" and r[5] == "Value"]
    assert added == [
        [
            rows[1][0],
            "dr.sato",
            "Clinic 2026-01",
            "Added",
            "Lab result 4 (CRP)",
            "Value",
            "—",
            "1.2",
            "lab report arrived",
        ]
    ]
    assert rows[-1][3] == "Created" and rows[-1][1] == "dr.tanaka"
    assert view.table.isColumnHidden(2)
    assert view.count_label.text() == f"{len(rows)} changes recorded"


def test_typing_in_the_filter_and_choosing_an_item_narrow_the_list(qtbot, db):
    repo = CaseRepository(db)
    case = edited_case(repo)
    view = HistoryView(repo, case.id)
    qtbot.addWidget(view)
    view.show()
    total = view.model.rowCount()
    qtbot.keyClicks(view.filter_edit, "lab report")
    rows = shown(view)
    assert rows and all(r[8] == "lab report arrived" for r in rows)
    assert view.count_label.text() == f"{len(rows)} of {total} changes shown"
    view.filter_edit.clear()
    view.item_combo.setCurrentIndex(view.item_combo.findData("regimen_cycles"))
    rows = shown(view)
    assert rows and {r[4] for r in rows} == {"Regimen 1, cycle 1", "Regimen 1, cycle 2"}
    assert {r[3] for r in rows} == {"Created"}


def test_export_writes_the_filtered_rows_to_csv(qtbot, db, tmp_path, monkeypatch):
    repo = CaseRepository(db)
    case = edited_case(repo)
    view = HistoryView(repo, case.id)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.filter_edit, "dr.sato")
    target = tmp_path / "history.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "CSV"))
    )
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    with target.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = list(CSV_HEADERS)
    header.remove("Case")
    assert rows[0] == header
    entries = [e for e in repo.history(case.id) if e.user == "dr.sato"]
    assert len(rows) - 1 == len(entries) == view.model.rowCount()
    assert rows[1] == [
        entries[0].at,
        "dr.sato",
        "Changed",
        "Lab result 2 (CK)",
        "Value",
        "5",
        "7",
        "lab report arrived",
    ]
    assert rows[1][0].endswith("+00:00")  # UTC, as recorded
    assert "exported" in view.count_label.text()


def test_the_whole_casebook_history_keeps_deleted_cases(qtbot, db):
    repo = CaseRepository(db)
    case = full_case()
    repo.save(case)
    repo.delete(case.id, reason="entered twice")
    view = HistoryView(repo, None)
    qtbot.addWidget(view)
    assert not view.table.isColumnHidden(2)
    deleted = [r for r in shown(view) if r[3] == "Deleted"]
    assert deleted and {(r[2], r[8]) for r in deleted} == {("Clinic 2026-01", "entered twice")}
    assert ["Case details", "Label", "Clinic 2026-01", "—"] in [r[4:8] for r in deleted]


def test_reload_and_set_case_follow_the_open_case(qtbot, db):
    repo = CaseRepository(db)
    view = HistoryView(repo, 1)
    qtbot.addWidget(view)
    before = view.model.rowCount()
    case = repo.get(1)
    old_notes = case.notes  # McCombs 1947: the paper's Table and Discussion disagree
    case.notes = "reviewed"
    repo.save(case)
    view.reload()
    assert view.model.rowCount() == before + 1
    assert shown(view)[0][5:8] == ["Notes", old_notes, "reviewed"]
    view.set_case(17)
    assert {r[2] for r in shown(view)} == {"Takashima 2017 (index case)"}
