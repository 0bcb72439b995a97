"""Issue 12 item 12: a failed save says what happened; the "local disk with free space"
advice only for an input/output error, never for a full disk or a read-only file."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtWidgets import QMessageBox

import storage.db
from tests.gui.helpers import dump, type_into
from tests.gui.test_nothing_lost_exports import disk_full_after


def save_failing(qtbot, w, monkeypatch, db_path, fail) -> str:
    type_into(qtbot, w.editor.patient.edits["occupation"], "Carpenter")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(a[2])))
    before = dump(db_path)
    with fail():
        w.save_action.trigger()
    [message] = shown
    assert message.endswith("Nothing was saved; your edits are still in the form.")
    assert w.editor.patient.edits["occupation"].text() == "Carpenter" and w.editor.is_dirty()
    assert dump(db_path) == before
    return message


def test_a_read_only_connection_is_not_told_to_find_a_local_disk(
    qtbot, open_window, monkeypatch, db_path
):
    w = open_window()

    @contextlib.contextmanager
    def read_only():
        w.repo.db.execute("PRAGMA query_only = ON")
        try:
            yield
        finally:
            w.repo.db.execute("PRAGMA query_only = OFF")

    message = save_failing(qtbot, w, monkeypatch, db_path, read_only)
    assert "cannot be written" in message and "local disk" not in message


@pytest.mark.parametrize("free", [0, 10**12], ids=["full", "room"])
def test_a_full_disk_is_said_so_and_an_io_error_gets_the_disk_advice(
    qtbot, open_window, monkeypatch, db_path, free
):
    w = open_window()
    usage = type("usage", (), {"free": free})
    monkeypatch.setattr(storage.db.shutil, "disk_usage", lambda p: usage)
    message = save_failing(qtbot, w, monkeypatch, db_path, lambda: disk_full_after(1000))
    if free == 0:
        assert "the disk is full" in message and "local disk" not in message
    else:
        assert "input/output error" in message and "local disk with free space" in message
    assert "damaged" not in message
