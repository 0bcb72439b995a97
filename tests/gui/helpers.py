"""Driving the editor as a user does: keyboard into fields and table cells, clicks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView

from gui.widgets.rows_editor import RowsEditor


def keys(qtbot, widget, text: str) -> None:
    """Type text; characters QTest cannot map to keys arrive as an input method sends them."""
    for ch in text:
        if ord(ch) < 256:
            qtbot.keyClicks(widget, ch)
        else:  # e.g. full-width digits from a Japanese input method
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Select what is in a field and type over it."""
    widget.setFocus()
    widget.selectAll()
    if text:
        keys(qtbot, widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item of a combo with the keyboard, as a user tabbing through a form would."""
    combo.setFocus()
    if combo.isEditable():
        combo.lineEdit().selectAll()
        qtbot.keyClicks(combo.lineEdit(), text)
    else:
        i = combo.findText(text)
        assert i >= 0, (
            f"{text!r} is not offered ({[combo.itemText(j) for j in range(combo.count())]})"
        )
        while combo.currentIndex() != i:
            key = Qt.Key.Key_Down if combo.currentIndex() < i else Qt.Key.Key_Up
            qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def column(view: QTableView, title: str) -> int:
    model = view.model()
    for c in range(model.columnCount()):
        if model.headerData(c, Qt.Orientation.Horizontal) == title:
            return c
    raise AssertionError(f"no column {title!r}")


def type_cell(
    qtbot, view: QTableView, row: int, title: str, text: str, expect: str | None = None
) -> None:
    """Move to a cell, type (the first key opens the editor), press Enter."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column(view, title)))
    spec = view.model().columns[column(view, title)]
    if spec.choices is not None and not spec.free:
        # a fixed choice: open the cell's list (F2) and pick the item, as with the mouse
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QComboBox), "F2 did not open the cell's list"
        i = editor.findText(text)
        assert i >= 0, f"{text!r} is not offered"
        editor.setCurrentIndex(i)
        editor.activated.emit(i)
    else:
        keys(qtbot, view, text[0])
        editor = QApplication.focusWidget()
        assert editor is not None and editor is not view, "typing did not open an editor"
        keys(qtbot, editor, text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits on a queued call
    got = view.model().index(row, column(view, title)).data()
    assert got == (text if expect is None else expect), (title, got, text)


def add_row(qtbot, rows: RowsEditor, cells: dict[str, str | tuple[str, str]]) -> int:
    """Click Add, then type each cell, named by its column title.

    A value (typed, shown) is typed and then expected to read differently (a date becomes
    its day number).
    """
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    r = rows.model.rowCount() - 1
    for title, text in cells.items():
        typed, shown = text if isinstance(text, tuple) else (text, None)
        type_cell(qtbot, rows.view, r, title, typed, shown)
    return r


def cell(view: QTableView, row: int, title: str) -> str:
    return view.model().index(row, column(view, title)).data()


def dump(path: Path) -> str:
    """Every row of the casebook file, to compare before and after."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def ctrl_click_rows(qtbot, window, rows: list[int]) -> list[str]:
    """Click the first row of the case list, Ctrl+click the others; their labels."""
    view = window.table
    for n, row in enumerate(rows):
        rect = view.visualRect(view.model().index(row, 0))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    return [view.model().index(row, 0).data() for row in rows]
