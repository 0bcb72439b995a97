"""Issue 12 item 9: the window says plainly, at start, when the audit trail was altered
outside the app (and only then); nothing is repaired."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from gui.history.trail_check import ALTERED, TrailCheck
from tests.conftest import copy_casebook
from tests.test_audit_chain import outside_the_app


def checked(qtbot, w, db_path) -> TrailCheck:
    checker = TrailCheck(w, db_path)
    qtbot.waitUntil(lambda: checker.report is not None)  # its signal reached the window
    return checker


def note(w) -> QLabel | None:
    return w.statusBar().findChild(QLabel, "audit_altered")


def test_an_intact_trail_says_nothing(qtbot, open_window, db_path):
    w = open_window()
    assert checked(qtbot, w, db_path).report.intact  # no dialog (any would fail the test)
    assert note(w) is None


def test_an_altered_trail_is_told_in_a_warning_and_stays_in_the_status_bar(
    qtbot, open_window, db_path, template_casebook, monkeypatch, tmp_path
):
    copy_casebook(template_casebook, db_path)
    outside_the_app(db_path, "UPDATE audit_events SET user_name = 'dr nobody' WHERE id = 3")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[1:3])))
    w = open_window()
    checker = checked(qtbot, w, db_path)
    [(title, text)] = shown
    assert title == "Audit trail altered"
    assert "altered outside DM Casebook" in text and "entry 3 (create of" in text
    assert "Nothing was changed or repaired" in text
    assert note(w) is not None and note(w).text() == ALTERED and note(w).isVisible()
    assert not checker.report.intact
    w.resize(1200, 800)
    w.grab().save(str(tmp_path / "audit_altered.png"))
