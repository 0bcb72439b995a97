"""Small input widgets of the case editor: a message label, combos, a day with precision."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from domain.model import NOT_SPECIFIED, Precision

PRECISIONS = [p.value for p in Precision]

ERROR_STYLE = "color: #a4262c;"
CONFIRM_STYLE = "color: #8a5a00;"


class MessageLabel(QLabel):
    """Red text next to a field saying what is wrong and what is allowed; hidden if empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._plain = ""
        self.hide()

    def plain_text(self) -> str:
        """The messages shown, one per line, without markup."""
        return self._plain

    def show_messages(self, errors: Sequence[str], notices: Sequence[str] = ()) -> None:
        """Errors in red, values to confirm in amber, one per line."""
        self._plain = "\n".join([*errors, *notices])
        lines = [f"<span style='{ERROR_STYLE}'>{escape(t)}</span>" for t in errors]
        lines += [f"<span style='{CONFIRM_STYLE}'>{escape(t)}</span>" for t in notices]
        self.setText("<br>".join(lines))
        self.setVisible(bool(lines))


def combo(items: Sequence[str], editable: bool = False, min_chars: int = 0) -> QComboBox:
    """A combo box; an editable one matches typed text case-insensitively."""
    c = QComboBox()
    c.addItems(list(items))
    if editable:
        c.setEditable(True)
        c.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        c.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if min_chars:
        c.setMinimumContentsLength(min_chars)
    return c


def set_combo(c: QComboBox, text: str) -> None:
    """Show text in a combo: the matching item, or typed text in an editable combo."""
    i = c.findText(text)
    if i >= 0:
        c.setCurrentIndex(i)
    elif c.isEditable():
        c.setCurrentText(text)
    else:
        c.setCurrentIndex(0)


def line(placeholder: str = "", chars: int = 0) -> QLineEdit:
    e = QLineEdit()
    e.setPlaceholderText(placeholder)
    if chars:
        e.setMaximumWidth(e.fontMetrics().horizontalAdvance("0") * chars + 24)
    return e


def text_box(lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    t = QPlainTextEdit()
    t.setPlaceholderText(placeholder)
    t.setTabChangesFocus(True)
    # the lines, plus the document's margins and the frame; longer text scrolls
    margin = t.document().documentMargin()
    extra = 2 * margin + 2 * t.frameWidth() + 4
    t.setFixedHeight(int(t.fontMetrics().lineSpacing() * lines + extra))
    return t


def with_message(
    widget: QWidget, message: MessageLabel, trailing: QWidget | None = None
) -> QWidget:
    """widget (and an optional trailing widget) with its message label right beneath."""
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.setSpacing(2)
    if trailing is None:
        v.addWidget(widget)
    else:
        h = QHBoxLayout()
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(widget)
        h.addWidget(trailing)
        h.addStretch(1)
        v.addLayout(h)
    v.addWidget(message)
    return box


class DayField(QWidget):
    """A day number (or date) with its precision: exact, approximate or not specified."""

    edited = Signal()

    def __init__(self, placeholder: str = "day", parent=None):
        super().__init__(parent)
        self.day = line(placeholder, chars=11)
        self.day.setToolTip(
            "Day number counted from day 0 (negative before it), "
            "or a date YYYY-MM-DD when day 0 has a date"
        )
        self.precision = combo(PRECISIONS)
        self.precision.setToolTip("Exact, approximate, or not specified (then leave the day empty)")
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.day)
        h.addWidget(self.precision)
        h.addStretch(1)
        self.day.textEdited.connect(self._day_edited)
        self.precision.activated.connect(lambda _i: self.edited.emit())

    def _day_edited(self, text: str) -> None:
        # typing a day after "not specified" means the day is now known
        if text.strip() and self.precision.currentText() == NOT_SPECIFIED:
            self.precision.setCurrentText(Precision.EXACT.value)
        self.edited.emit()

    def state(self) -> tuple[str, str]:
        return self.day.text(), self.precision.currentText()

    def set_state(self, state: tuple[str, str]) -> None:
        self.day.setText(state[0])
        set_combo(self.precision, state[1])
