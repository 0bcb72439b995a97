"""The one base of the editor's table tabs (labs, steroid steps, treatments, assessments,
core-set visits) and the day column every timed table uses.

A table form is configured, not written: its columns, its hint, how a stored item
becomes a row of typed text (`to_row`) and how a row is parsed back (`values`). The base
loads, applies, numbers the rows for their problems and marks them; a `DayColumn` owns
the rules of a typed day: a date becomes its day number, and a typed day is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from domain.model import NOT_SPECIFIED, Case, Precision
from domain.problems import Problem, Section
from domain.validation import ValidationError, parse_day_or_date

from ..widgets.fields import PRECISIONS
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from . import fact_sources
from .form import Form, Parser, day_text, is_unspecified, mark_rows, revised, split_problems

DAY_TIP = "Day number from day 0 (negative before), or a date YYYY-MM-DD when day 0 has a date"


@dataclass(frozen=True)
class DayColumn:
    """A day cell and its precision cell (and, with `date`, the computed date between)."""

    key: str
    precision_key: str
    title: str = "Day"
    precision_title: str = "Precision"
    width: int = 70
    tip: str = DAY_TIP
    # an empty cell means "until the next step, or ongoing" rather than a missing day
    open_end: bool = False
    date: Callable[[Row], str] | None = None

    def columns(self) -> list[Column]:
        cols = [Column(self.key, self.title, self.width, numeric=True, tip=self.tip)]
        if self.date is not None:
            cols.append(
                Column("date", "Date", 96, computed=self.date, tip="The date, when day 0 has one")
            )
        cols.append(
            Column(self.precision_key, self.precision_title, 110, choices=PRECISIONS, free=False)
        )
        return cols

    def edited(self, row: Row, key: str, day0_date: str) -> None:
        """After the user typed in the day cell: a date becomes its day number, and a
        typed day makes a 'not specified' precision exact."""
        if key != self.key:
            return
        text = str(row[self.key])
        if "-" in text[1:]:
            try:
                row[self.key] = day_text(parse_day_or_date(text, day0_date))
            except ValidationError:
                pass  # left as typed; the parser says what is wrong
        if str(row[self.key]).strip() and row[self.precision_key] == NOT_SPECIFIED:
            row[self.precision_key] = Precision.EXACT.value

    def parse(self, row: Row, p: Parser, day0_date: str) -> tuple[int | None, Precision]:
        text = str(row[self.key])
        if self.open_end and is_unspecified(text):
            return None, Precision.NOT_SPECIFIED
        return p.day(text, str(row[self.precision_key]), self.key, self.title, day0_date)

    def cells(self, day: int | None, precision: Precision) -> Row:
        """The typed text of a stored day."""
        return {self.key: day_text(day), self.precision_key: precision.value}


def day_span(start: str, end: str, end_tip: str) -> tuple[DayColumn, DayColumn]:
    """A start day and an end day that may be left open ('from'/'to', 'start'/'end'): the
    columns from_day, from_precision ... titled 'From day', 'From precision' ..."""

    def col(word: str, **kw) -> DayColumn:
        w = word.capitalize()
        return DayColumn(f"{word}_day", f"{word}_precision", f"{w} day", f"{w} precision", **kw)

    return col(start, tip=""), col(end, width=64, tip=end_tip, open_end=True)


SUGGESTION_FOREGROUND = QColor("#8a8a8a")


class SuggestingRowsModel(RowsModel):
    """Rows whose empty cells of some columns show a suggestion, greyed, as a placeholder:
    shown, never stored (the cell stays empty until the user chooses or types a value)."""

    def __init__(self, columns, defaults, on_edit, suggestions: dict[str, str]):
        super().__init__(columns, defaults, on_edit=on_edit)
        self.suggestions = suggestions

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        hint = self.suggestions.get(self.columns[index.column()].key) if index.isValid() else None
        if hint and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                             Qt.ItemDataRole.ToolTipRole):
            if not str(super().data(index, Qt.ItemDataRole.EditRole) or "").strip():
                if role == Qt.ItemDataRole.DisplayRole:
                    return hint
                if role == Qt.ItemDataRole.ForegroundRole:
                    return SUGGESTION_FOREGROUND
                return f"Suggested: {hint}. Not recorded until you choose or type it."
        return super().data(index, role)


class TableForm(Form):
    """A tab that is one table of a case's list (`attr`) of `item`s, a row per item; its
    state (for undo) is the rows of typed text of self.model."""

    section: Section
    attr: str  # the case's list: "labs", "steroid_steps" ...
    item: type  # the model class of one row
    tag: str  # names the table in the undo stack's "changed" texts
    add_text = "Add row"
    delete_text = "Delete row"
    hint = ""
    rows_shown = 6
    sortable = False  # offers "Sort by day"
    # the item's fields that are typed text as they are (a note, a detail), both ways
    texts: tuple[str, ...] = ()
    # column key -> a value shown greyed in its empty cells, never stored by itself
    suggestions: dict[str, str] = {}

    def __init__(self, day0_date: Callable[[], str], parent=None):
        super().__init__(parent)
        self.day0_date = day0_date  # day 0's date from the Patient tab, '' when none
        spec = self.table_columns()
        self.days = [c for c in spec if isinstance(c, DayColumn)]
        columns: list[Column] = []
        for c in spec:
            columns += c.columns() if isinstance(c, DayColumn) else [c]
        self.sourced = fact_sources.has_source(self.item)  # a source typed beside each row
        if self.sourced:
            columns += fact_sources.COLUMNS
        self.model = SuggestingRowsModel(columns, self._blank, self._edited, self.suggestions)
        buttons = self.extra_buttons()
        if self.sortable:
            sort = QPushButton("Sort by day")
            sort.clicked.connect(lambda _checked=False: self.sort_by_day())
            buttons.append(sort)
        self.editor = RowsEditor(
            self.model, self.add_text, self.delete_text, buttons, min_rows_shown=self.rows_shown
        )
        hint = QLabel(self.hint)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"{self.tag}:{k}" if k else ""))

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.section,)

    # ---- what a table configures ----------------------------------------------------------
    def table_columns(self) -> list[Column | DayColumn]:
        raise NotImplementedError

    def new_item(self):
        """What a new row holds before anything is typed (see blank)."""
        raise NotImplementedError

    def blank(self) -> Row:
        """A new row's cells: by default, those of new_item()."""
        return self._cells(self.new_item())

    def to_row(self, item) -> Row:
        """A stored item as typed text (its texts and days are done by the base)."""
        raise NotImplementedError

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        """A row parsed into the item's fields other than its texts and days (done by the
        base); problems go to p (placed at the row)."""
        raise NotImplementedError

    def edited(self, row: Row, key: str) -> None:
        """After the user changed a cell: fill in what follows from it (optional)."""

    def extra_buttons(self) -> list[QPushButton]:
        """Buttons of the table's own beside Add and Delete (optional)."""
        return []

    # ---- the Form API ---------------------------------------------------------------------
    def _blank(self) -> Row:
        sources = fact_sources.cells(None) if self.sourced else {}
        return {**{k: "" for k in self.texts}, **sources, **self.blank(), "_orig": None}

    def _cells(self, item) -> Row:
        row = {k: getattr(item, k) for k in self.texts}
        for d in self.days:
            row.update(d.cells(getattr(item, d.key), getattr(item, d.precision_key)))
        if self.sourced:
            row.update(fact_sources.cells(item.source))
        return {**row, **self.to_row(item)}

    def _values(self, row: Row, p: Parser, day0_date: str) -> dict:
        values = {k: str(row[k]).strip() for k in self.texts}
        for d in self.days:
            values[d.key], values[d.precision_key] = d.parse(row, p, day0_date)
        return {**values, **self.values(row, p, day0_date)}

    def _edited(self, row: Row, key: str) -> None:
        day0 = self.day0_date() if key in {d.key for d in self.days} else ""
        for d in self.days:
            d.edited(row, key, day0)
        self.edited(row, key)

    def state(self) -> list[Row]:
        return self.model.rows()

    def set_state(self, state: list[Row]) -> None:
        self.model.set_rows(state)

    def sort_by_day(self, then: Callable[[Row], tuple] = lambda row: ()) -> None:
        """Rows in time order (a day typed as a number or a date); rows with no day last."""
        day0, key = self.day0_date(), self.days[0].key

        def order(row: Row) -> tuple:
            try:
                day = parse_day_or_date(str(row[key]), day0)
            except ValidationError:
                day = None
            return (day is None, day or 0, *then(row))

        self.model.sort_rows(order)

    def load(self, case: Case) -> None:
        self.set_state([{**self._cells(x), "_orig": x} for x in getattr(case, self.attr)])

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        items = []
        for i, row in enumerate(self.model.rows(), 1):
            at = p.at(self.section, i)
            values = self._values(row, at, day0)
            if self.sourced:
                orig = row["_orig"].source if row["_orig"] is not None else None
                values["source"] = fact_sources.parse(row, orig, case.citation, at)
            items.append(revised(row["_orig"], self.item, **values))
        setattr(case, self.attr, items)
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mark_rows(self.model, problems)
        self.editor.messages.show_messages(*split_problems(problems))
