"""The running app never shows a traceback: unexpected errors become a plain message."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gui.app import show_unexpected_error


def test_an_unexpected_error_is_a_plain_message(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: shown.append(a[2])))
    try:
        raise RuntimeError("the disk went away")
    except RuntimeError as e:
        show_unexpected_error(type(e), e, e.__traceback__)
    assert "RuntimeError: the disk went away" in shown[0]
    assert "Traceback" not in shown[0] and "File " not in shown[0]
    assert "Traceback" in capsys.readouterr().err  # the details are kept for whoever helps
