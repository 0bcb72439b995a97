"""File > Case report... with several cases selected in the list: one PDF with a page per
case, or a folder of files, with a progress bar whose Stop leaves no partial PDF. Driven as
a clinician does it (Ctrl+click in the list, the menu, the dialog), read back by poppler."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from gui.case_list.model import CASE_ID_ROLE
from gui.report_selection_dialog import SelectionReportDialog
from tests.gui.test_export_presets import png_size_and_dpi

from .helpers import ctrl_click_rows


def page_text(path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(info.split("Pages:")[1].split()[0])


def run_dialog(qtbot, window, fill) -> None:
    """Choose File > Case report...; fill(dialog) then runs in the dialog it opens."""
    def when_open():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SelectionReportDialog)
        fill(dialog)

    QTimer.singleShot(0, when_open)
    window.charts.report_action.trigger()


def test_three_selected_cases_give_one_pdf_with_a_page_each(qtbot, open_window, tmp_path):
    window = open_window()
    labels = ctrl_click_rows(qtbot, window, [0, 2, 5])
    assert window.case_list.selected_case_ids() == [
        window.model.index(r, 0).data(CASE_ID_ROLE) for r in (0, 2, 5)
    ]
    target = tmp_path / "three.pdf"

    def fill(dialog):
        assert dialog.target.currentData() == "pdf" and not dialog.format.isEnabled()
        dialog.path.setText(str(target))
        dialog.write_button.click()

    run_dialog(qtbot, window, fill)
    assert pages(target) == 3
    for page, label in enumerate(labels, 1):
        assert label in page_text(target, page)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == [
        "three.pdf"
    ]


def test_a_folder_of_png_files_one_per_case(qtbot, open_window, tmp_path):
    window = open_window()
    labels = ctrl_click_rows(qtbot, window, [1, 3])
    folder = tmp_path / "reports"
    folder.mkdir()

    def fill(dialog):
        dialog.target.setCurrentIndex(dialog.target.findData("folder"))
        assert dialog.path_label.text() == "Folder:" and dialog.format.isEnabled()
        dialog.path.setText(str(folder))
        dialog.format.setCurrentIndex(dialog.format.findData("png"))
        dialog.page.setCurrentIndex(dialog.page.findData("letter"))
        dialog.write_button.click()

    run_dialog(qtbot, window, fill)
    files = sorted(folder.iterdir())
    assert len(files) == 2
    assert all(png_size_and_dpi(f)[:2] == (1275, 1650) for f in files)  # Letter, 150 dpi
    ids = window.case_list.selected_case_ids()
    assert [f.name.split("-")[0] for f in files] == [f"{i:03d}" for i in sorted(ids)]
    assert len(labels) == 2


def test_stop_leaves_no_pdf(qtbot, open_window, tmp_path, monkeypatch):
    window = open_window()
    ctrl_click_rows(qtbot, window, [0, 1, 2, 3])
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    target = tmp_path / "stopped.pdf"

    def stop_progress():
        bar = next(w for w in QApplication.topLevelWidgets() + [QApplication.activeModalWidget()]
                   if isinstance(w, QProgressDialog) and w.isVisible())
        bar.cancel()  # as its Stop button does

    def fill(dialog):
        dialog.path.setText(str(target))
        QTimer.singleShot(0, stop_progress)
        dialog.write_button.click()
        assert dialog.isVisible()  # still open: nothing written, the clinician may retry
        dialog.reject()

    run_dialog(qtbot, window, fill)
    assert said == ["Stopped: nothing more was written."]
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")]


def test_one_case_selected_opens_the_report_of_that_case(qtbot, open_window):
    window = open_window()
    label = ctrl_click_rows(qtbot, window, [4])[0]
    seen = []

    def when_open():
        dialog = QApplication.activeModalWidget()
        seen.append((type(dialog).__name__, dialog.case.label))
        dialog.reject()

    QTimer.singleShot(0, when_open)
    window.charts.report_action.trigger()
    assert seen == [("ReportDialog", label)]
