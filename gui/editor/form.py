"""What every tab of the case editor does, and helpers for parsing what was typed.

A form shows part of a case (`load`), gives its typed text as a plain snapshot for undo
(`state` / `set_state`), writes parsed values into a case (`apply`, returning problems
instead of raising), and shows the problems that belong to it next to the fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from domain.model import NOT_SPECIFIED, Case, Precision
from domain.validation import Problem, ValidationError, parse_day_or_date, parse_number

from ..widgets.rows_model import Row, RowsModel

# what a clinician may type for "not specified" in a number field
_NS_WORDS = {NOT_SPECIFIED, "not stated", "n.s.", "n.s", "ns", "nk"}


class Form(QWidget):
    """One tab (or part of one) of the case editor."""

    # after each user edit; the text says which field, so typing in one field is one undo step
    changed = Signal(str)
    # check_case fields shown on this form, by prefix ("Labs row", "Steroid step" ...)
    prefixes: tuple[str, ...] = ()

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

    def owns(self, field: str) -> bool:
        return bool(self.prefixes) and field.startswith(self.prefixes)


class RowsForm(Form):
    """A form that is one table of rows (labs, steroid steps, assessments, treatments):
    its state is the rows of self.model (a RowsModel)."""

    model: RowsModel

    def state(self) -> list[Row]:
        return self.model.rows()

    def set_state(self, state: list[Row]) -> None:
        self.model.set_rows(state)

    def sort_by_day(self, then: Callable[[Row], tuple] = lambda row: ()) -> None:
        """Rows in time order (a day typed as a number or a date); rows with no day last."""
        day0 = self.day0_date()

        def key(row: Row) -> tuple:
            try:
                day = parse_day_or_date(str(row["day"]), day0)
            except ValidationError:
                day = None
            return (day is None, day or 0, *then(row))

        self.model.sort_rows(key)


def revised(orig, cls, **values):
    """The stored item with the form's values (its source and the rest kept), or a new cls."""
    return replace(orig, **values) if orig is not None else cls(**values)


class Parser:
    """Parses typed text, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def call(self, fn: Callable, *args, default=None, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValidationError as e:
            self.problems.append(Problem(e.field, e.message))
            return default

    def number(
        self,
        text: str,
        field: str,
        lo: float | None = None,
        hi: float | None = None,
        unit: str = "",
        integer: bool = False,
    ) -> float | int | None:
        """A number, or None when left empty or typed as 'not specified'."""
        if is_unspecified(text):
            return None
        return self.call(parse_number, text, field, lo, hi, unit=unit, integer=integer)

    def day(
        self, text: str, precision: str, field: str, day0_date: str = ""
    ) -> tuple[int | None, Precision]:
        """A day (or date) with its precision; an empty day needs 'not specified'."""
        prec = Precision(precision) if precision in tuple(Precision) else Precision.EXACT
        if is_unspecified(text):
            if prec != Precision.NOT_SPECIFIED:
                self.error(field, "enter a day, or set its precision to 'not specified'")
            return None, prec
        day = self.call(parse_day_or_date, text, day0_date, field)
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
    from domain.model import format_number

    return "" if value is None else format_number(value)


def day_text(day: int | None) -> str:
    return "" if day is None else str(day)


def split_problems(problems: Sequence[Problem]) -> tuple[list[str], list[str]]:
    """(error lines, confirmation lines) for a message label."""
    errors = [str(p) for p in problems if p.severity == "error"]
    notices = [f"{p} (you will be asked to confirm)" for p in problems if p.severity != "error"]
    return errors, notices


def mark_rows(model: RowsModel, problems: Sequence[Problem], row_prefix: str) -> list[Problem]:
    """Mark the cells and rows that problems name ('Labs row 2, Value (CK)'); returns them."""
    pattern = re.compile(rf"^{re.escape(row_prefix)} (\d+)(?:, ([^(]+?))?(?: \(.*\))?$")
    by_title = {c.title.casefold(): c.key for c in model.columns}
    cells: dict[tuple[int, str], str] = {}
    rows: dict[int, str] = {}
    notices: dict[int, str] = {}
    mine = []
    for p in problems:
        m = pattern.match(p.field)
        if not m:
            continue
        mine.append(p)
        r = int(m.group(1)) - 1
        if p.severity != "error":
            notices[r] = p.message
            continue
        key = by_title.get((m.group(2) or "").strip().casefold())
        if key:
            cells[(r, key)] = p.message
        else:
            rows[r] = p.message
    model.set_problems(cells, rows, notices)
    return mine
