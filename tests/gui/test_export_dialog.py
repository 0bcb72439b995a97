"""File > Export chart...: the dialog driven as a user drives it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from domain.chart_axis import XAxisMode
from gui.plots import export_dialog
from gui.plots.export_dialog import ExportDialog, export_chart_dialog
from storage.seed import paper_cases


@pytest.fixture(scope="module")
def cases():
    return paper_cases()


@pytest.fixture
def index(cases):
    return next(c for c in cases if c.reference_number == "Our case")


def open_dialog(qtbot, case, **kw) -> ExportDialog:
    dialog = ExportDialog(case, **kw)
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, does not block
    qtbot.waitExposed(dialog)
    return dialog


def type_path(qtbot, dialog, path) -> None:
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(path))


def test_export_svg_from_the_dialog(qtbot, index, tmp_path):
    dialog = open_dialog(qtbot, index, analytes=["CK"], x_mode=XAxisMode.WEEKS)
    assert dialog.path.text().endswith("takashima-2017-index-case.png")
    assert (dialog.width.value(), dialog.height.value(), dialog.dpi.value()) == (1800, 1000, 300)
    type_path(qtbot, dialog, tmp_path / "course.png")
    dialog.format.setCurrentIndex(dialog.format.findData("svg"))
    assert dialog.path.text() == str(tmp_path / "course.svg")  # extension follows the format
    dialog.width.setValue(1200)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.exported_path == tmp_path / "course.svg"
    root = ET.parse(tmp_path / "course.svg").getroot()
    texts = {"".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Weeks from day 0" in texts  # the time axis the Course tab showed


def test_a_failed_export_says_why_and_stays_open(qtbot, index, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    dialog = open_dialog(qtbot, index)
    type_path(qtbot, dialog, tmp_path / "missing" / "course.png")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert said and "no such folder" in said[0]
    assert dialog.isVisible() and dialog.exported_path is None
    assert not (tmp_path / "missing").exists()


def test_calendar_dates_only_when_asked(qtbot, index, tmp_path):
    index.day0_date = "2015-06-01"
    try:
        dialog = open_dialog(qtbot, index)
        assert dialog.dates.isEnabled() and not dialog.dates.isChecked()
        type_path(qtbot, dialog, tmp_path / "dated.svg")
        dialog.format.setCurrentIndex(dialog.format.findData("svg"))
        qtbot.mouseClick(dialog.dates, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        svg = (tmp_path / "dated.svg").read_text(encoding="utf-8")
        assert "Date (day 0 = 2015-06-01)" in svg
    finally:
        index.day0_date = ""


def test_copy_from_the_dialog(qtbot, index):
    dialog = open_dialog(qtbot, index)
    dialog.width.setValue(600)
    dialog.height.setValue(400)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "The chart is on the clipboard."
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().image().width() == 600


def test_no_dialog_for_a_case_without_a_course(qtbot, cases, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    assert export_chart_dialog(None, cases[0]) is None
    assert "has no time course recorded" in said[0]
    assert export_chart_dialog(None, None) is None
    assert said[1] == "Select a case first."


def test_export_chart_dialog_returns_the_path(qtbot, index, tmp_path, monkeypatch):
    def run(self):
        type_path(qtbot, self, tmp_path / "via-function.pdf")
        self.accept()
        return self.result()

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run)
    assert export_chart_dialog(None, index) == tmp_path / "via-function.pdf"
    assert (tmp_path / "via-function.pdf").read_bytes().startswith(b"%PDF")
