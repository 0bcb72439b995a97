"""SQLite's quick check runs once the window is up, off the GUI thread (issue 17): a
damaged page found then stops every write to the file and is said plainly; a file too
damaged for the window to read its list is checked in full at once, as before."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from gui.app import open_window
from gui.backup.quick_check import DAMAGED_NOTE, QuickCheck
from storage.db import StoreError, check_file, open_db, quick_check_problem
from storage.write_refusal import refuse_writes
from tests.conftest import copy_casebook
from tests.test_backup import damaged_copy


def break_index_page(path, index="idx_audit_changes_event") -> None:
    """Damage one page of an index the window does not read at start-up (the audit
    trail's): the list and the cases read as usual, the quick check finds it."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [index]).fetchone()
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d" + b"\xff" * 7)  # a table-leaf header with impossible counts


@pytest.fixture
def casebook(db_path, template_casebook):
    return copy_casebook(template_casebook, db_path)


@pytest.fixture
def criticals(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: shown.append(a)))
    return shown


def test_a_page_damaged_after_opening_is_found_once_the_window_is_up_and_writes_stop(
    qtbot, casebook, criticals
):
    break_index_page(casebook)
    check_file(casebook, quick=False)  # the open does not read every page...
    with pytest.raises(StoreError, match="damaged"):
        check_file(casebook)  # ...the full open check would have refused it
    asked = []
    window, db, _path = open_window(casebook, ask=lambda *a: asked.append(a))
    qtbot.addWidget(window)
    assert not asked and window.model.total() == 17  # the list is there at once
    before = casebook.read_bytes()
    check = QuickCheck(window, casebook, db.conn)
    qtbot.waitUntil(lambda: check.finished, timeout=10_000)
    assert "damaged" in check.problem and str(casebook) in check.problem
    [(_parent, title, text)] = criticals
    assert title == "Casebook damaged" and "Restore from backup" in text
    assert window.statusBar().findChild(QLabel, "casebook_damaged").text() == DAMAGED_NOTE
    case = window.repo.get(1)
    with pytest.raises(StoreError, match="saving into it is off"):
        window.repo.save(replace(case, label=case.label + " (edited)"))
    with pytest.raises(StoreError):
        window.repo.delete(1)
    assert casebook.read_bytes() == before  # nothing more written into the damaged file
    refuse_writes(db.conn, None)
    db.close()


def test_an_intact_casebook_passes_and_saves_as_usual(qtbot, casebook, criticals):
    window, db, _path = open_window(casebook, ask=lambda *a: pytest.fail("asked"))
    qtbot.addWidget(window)
    check = QuickCheck(window, casebook, db.conn)
    qtbot.waitUntil(lambda: check.finished, timeout=10_000)
    assert check.problem is None and not criticals
    assert window.statusBar().findChild(QLabel, "casebook_damaged") is None
    case = window.repo.get(1)
    window.repo.save(replace(case, label=case.label + " (edited)"))
    assert window.repo.get(1).label.endswith("(edited)")
    db.close()


def test_a_file_the_window_cannot_read_is_checked_in_full_and_said(db_path, template_casebook):
    good = copy_casebook(template_casebook, db_path.with_name("good.sqlite"))
    damaged_copy(good, db_path)  # every page but the first broken: the list cannot be read
    before = db_path.read_bytes()
    asked = []
    assert open_window(db_path, ask=lambda path, msg: asked.append((path, msg))) is None
    [(path, message)] = asked
    assert path == db_path and "damaged" in message and "Traceback" not in message
    assert db_path.read_bytes() == before


def test_quick_check_problem_and_refused_writes(casebook):
    assert quick_check_problem(casebook) is None
    db = open_db(casebook)
    refuse_writes(db.conn, "the file is damaged")
    with pytest.raises(StoreError, match="the file is damaged"):
        from storage.repository import CaseRepository

        CaseRepository(db).delete(1)
    refuse_writes(db.conn, None)
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 17  # nothing deleted
    db.close()
    break_index_page(casebook)
    assert "damaged" in quick_check_problem(casebook)
