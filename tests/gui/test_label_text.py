"""Issue 12 item 8: control and text-direction characters are refused in a label, and a
long paste is not cut without a word: the label's limit is said beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from domain.text import LABEL_MAX
from tests.gui.helpers import dump
from tests.gui.test_validation import open_index_case


def paste_label(qtbot, w, text: str):
    edit = w.editor.patient.edits["label"]
    QApplication.clipboard().setText(text)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return edit


PASTED = [
    ("Case \x1b[2J cleared", "found ESC (U+001B)"),
    ("Case\x07 beep", "found BEL (U+0007)"),
    ("invoice\u202egpj.exe", "found RIGHT-TO-LEFT OVERRIDE (U+202E)"),
    ("A" * 100_000, f"at most {LABEL_MAX} characters (this one has 100000)"),
]


@pytest.mark.parametrize(("text", "said"), PASTED, ids=["esc", "bel", "bidi", "100k"])
def test_a_pasted_label_is_refused_with_its_reason(qtbot, open_window, db_path, text, said):
    w = open_index_case(open_window)
    before = dump(db_path)
    edit = paste_label(qtbot, w, text)
    assert edit.text() == text  # kept whole, as pasted, for the user to fix
    message = w.editor.patient.messages["label"]
    assert message.isVisible() and said in message.plain_text(), message.plain_text()
    assert any(said in str(p) and p.field == "label" for p in w.editor.errors())
    assert not w.save_action.isEnabled()
    qtbot.keyClick(w.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dump(db_path) == before
