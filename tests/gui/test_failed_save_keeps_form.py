"""Failure injection through the window: each statement of a save fails in turn; every time
the file is unchanged and the form keeps what the user typed."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from tests.gui.helpers import dump, type_into


def test_each_statement_of_a_save_failing_keeps_the_form_and_the_file(
    qtbot, open_window, monkeypatch, db_path
):
    w = open_window()
    case_id = w.editor.case_id()
    before = dump(db_path)
    type_into(qtbot, w.editor.patient.edits["occupation"], "Carpenter")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    real_save = w.repo.save
    fail_at = 0

    def save_failing_at_statement(case, *args, **kwargs):
        seen = []

        def tracer(sql, params):
            seen.append(sql)
            if len(seen) == fail_at + 1:
                raise sqlite3.OperationalError(f"injected failure at statement {fail_at}")

        with w.repo.db.tracer(tracer):
            return real_save(case, *args, **kwargs)

    monkeypatch.setattr(w.repo, "save", save_failing_at_statement)
    while True:
        n_shown = len(shown)
        w.save_action.trigger()
        if len(shown) == n_shown:  # no failure left to inject: the save went through
            break
        assert f"injected failure at statement {fail_at}" in shown[-1]
        assert "your edits are still in the form" in shown[-1]
        assert w.editor.patient.edits["occupation"].text() == "Carpenter"
        assert w.editor.is_dirty() and w.editor.case_id() == case_id
        assert dump(db_path) == before, f"statement {fail_at} left a change"
        fail_at += 1
    assert fail_at > 15  # every statement of the save was made to fail once
    assert not w.editor.is_dirty()
    assert w.repo.get(case_id).occupation == "Carpenter"
    assert [e.new for e in w.repo.history(case_id) if e.field == "occupation"][-1] == "Carpenter"
