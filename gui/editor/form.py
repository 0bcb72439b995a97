"""What every tab of the case editor does, and helpers for parsing what was typed.

A form shows part of a case (`load`), gives its typed text as a plain snapshot for undo
(`state` / `set_state`), writes parsed values into a case (`apply`, returning problems
instead of raising), and shows the problems that belong to it next to the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from domain.model import NOT_SPECIFIED, Case, Precision, format_number
from domain.problems import Problem, Section
from domain.validation import ValidationError, parse_day_or_date, parse_number

from ..widgets.rows_model import RowsModel

# what a clinician may type for "not specified" in a number field
_NS_WORDS = {NOT_SPECIFIED, "not stated", "n.s.", "n.s", "ns", "nk"}


class Form(QWidget):
    """One tab (or part of one) of the case editor."""

    # after each user edit; the text says which field, so typing in one field is one undo step
    changed = Signal(str)
    # the parts of a case (Problem.section) this form shows the problems of
    sections: tuple[Section, ...] = ()

    def load(self, case: Case) -> None:
        raise NotImplementedError

    def state(self) -> object:
        raise NotImplementedError

    def set_state(self, state) -> None:
        raise NotImplementedError

    def apply(self, case: Case) -> list[Problem]:
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        raise NotImplementedError

    def owns(self, problem: Problem) -> bool:
        return problem.section in self.sections

    def fill_scrolled(self, *parts: QWidget | QLayout | str) -> QScrollArea:
        """Fill this form with a scroll area showing one widget, or a column of parts (a
        text becomes a label) with the free space below."""
        if len(parts) == 1 and isinstance(parts[0], QWidget):
            inner = parts[0]
        else:
            inner = QWidget()
            column = QVBoxLayout(inner)
            for part in parts:
                if isinstance(part, QLayout):
                    column.addLayout(part)
                else:
                    column.addWidget(QLabel(part) if isinstance(part, str) else part)
            column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return scroll


def revised(orig, cls, **values):
    """The stored item with the form's values (its source and the rest kept), or a new cls."""
    return replace(orig, **values) if orig is not None else cls(**values)


class Parser:
    """Parses typed text, collecting every problem instead of stopping at the first.

    A parser reports at one place of the case (a section and row); `at` gives one for
    another place that adds to the same list of problems.
    """

    def __init__(
        self,
        section: Section = Section.CASE,
        row: int | str | None = None,
        parent: int | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.problems: list[Problem] = [] if problems is None else problems
        self.section, self.row, self.parent = section, row, parent

    def at(self, section: Section, row: int | str | None = None, parent: int | None = None):
        return Parser(section, row, parent, self.problems)

    def error(self, field: str, label: str, message: str) -> None:
        """A problem with the field `field` (its name), shown as `label`."""
        self.problems.append(
            Problem(self.section, self.row, field, message, label=label, parent=self.parent)
        )

    def call(self, field: str, fn: Callable, *args, default=None, **kwargs):
        """fn(*args): its ValidationError becomes a problem of `field`, labelled as it says."""
        try:
            return fn(*args, **kwargs)
        except ValidationError as e:
            self.error(field, e.field, e.message)
            return default

    def number(
        self,
        text: str,
        field: str,
        label: str,
        lo: float | None = None,
        hi: float | None = None,
        unit: str = "",
        integer: bool = False,
    ) -> float | int | None:
        """A number, or None when left empty or typed as 'not specified'."""
        if is_unspecified(text):
            return None
        return self.call(field, parse_number, text, label, lo, hi, unit=unit, integer=integer)

    def day(
        self, text: str, precision: str, field: str, label: str, day0_date: str = ""
    ) -> tuple[int | None, Precision]:
        """A day (or date) with its precision; an empty day needs 'not specified'."""
        prec = Precision(precision) if precision in tuple(Precision) else Precision.EXACT
        if is_unspecified(text):
            if prec != Precision.NOT_SPECIFIED:
                self.error(field, label, "enter a day, or set its precision to 'not specified'")
            return None, prec
        day = self.call(field, parse_day_or_date, text, day0_date, label)
        if day is not None and prec == Precision.NOT_SPECIFIED:
            prec = Precision.EXACT  # a typed day is known
        return day, prec


def is_unspecified(text: str) -> bool:
    t = text.strip().casefold()
    return not t or t in _NS_WORDS


def text_or_ns(text: str) -> str:
    """A text fact: what was typed, or 'not specified' when left empty."""
    t = text.strip()
    return t if t and t.casefold() not in _NS_WORDS else NOT_SPECIFIED


def number_text(value: float | None) -> str:
    return "" if value is None else format_number(value)


def day_text(day: int | None) -> str:
    return "" if day is None else str(day)


def split_problems(problems: Sequence[Problem]) -> tuple[list[str], list[str]]:
    """(error lines, confirmation lines) for a message label."""
    errors = [str(p) for p in problems if p.severity == "error"]
    notices = [f"{p} (you will be asked to confirm)" for p in problems if p.severity != "error"]
    return errors, notices


def mark_rows(model: RowsModel, problems: Sequence[Problem]) -> None:
    """Mark the cells and rows of a table that problems are in (Problem.row, .field)."""
    keys = {c.key for c in model.columns}
    cells: dict[tuple[int, str], str] = {}
    rows: dict[int, str] = {}
    notices: dict[int, str] = {}
    for p in problems:
        if not isinstance(p.row, int):
            continue
        r = p.row - 1
        if p.severity != "error":
            notices[r] = p.message
        elif p.field in keys:
            cells[(r, p.field)] = p.message
        else:
            rows[r] = p.message
    model.set_problems(cells, rows, notices)
