"""Labs: timed results with their units, reference limits and the H/L flag."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from domain import units
from domain.catalogue import analytes, find_analyte
from domain.model import NOT_SPECIFIED, LabResult, Precision, Qualitative
from domain.problems import Section
from domain.validation import (
    ValidationError,
    check_unit,
    date_of_day,
    parse_day_or_date,
    parse_lab_value,
    parse_number,
)

from ..widgets.rows_model import Column, Row
from .form import Parser, is_unspecified, number_text
from .table_form import DayColumn, TableForm


def _units(row: Row) -> list[str]:
    a = find_analyte(str(row.get("analyte", "")))
    return list(a.units) if a else []


QUALITATIVE = [q.value for q in Qualitative if q.value]


def typical_limit(row: Row) -> float | None:
    """The catalogue's typical upper limit (the paper's) in the row's unit, or None: a
    suggestion the user may accept, never filled in by itself."""
    a = find_analyte(str(row.get("analyte", "")))
    if a is None or a.paper_ref_high is None or a.paper_unit is None:
        return None
    unit = str(row.get("unit", "")).strip()
    if unit.casefold() == a.paper_unit.casefold():
        return a.paper_ref_high
    canonical = units.to_canonical(a.key, a.paper_ref_high, a.paper_unit)
    if canonical is None:
        return None
    try:
        if units.factor(a.key, unit) is None:
            return None
    except units.UnitError:
        return None
    return units.from_canonical(a.key, canonical, unit)


def _typical_text(row: Row) -> str:
    limit = typical_limit(row)
    return "" if limit is None else f"<{number_text(limit)} {str(row['unit']).strip()}"


def parsed(row: Row) -> LabResult | None:
    """The row as a lab result when its value and limits parse, else None (for the flag)."""
    try:
        comparator, value = parse_lab_value(
            str(row["value"]), str(row["analyte"]), unit=str(row["unit"])
        )
        low = _limit(str(row["ref_low"]))
        high = _limit(str(row["ref_high"]))
    except ValidationError:
        return None
    return LabResult(
        str(row["analyte"]), value, "", None, comparator=comparator, ref_low=low, ref_high=high
    )


def _limit(text: str) -> float | None:
    return None if not text.strip() else parse_number(text, "Reference limit", 0)


class LabsForm(TableForm):
    section, attr, item, tag = Section.LABS, "labs", LabResult, "labs"
    add_text, delete_text, rows_shown, sortable = "Add result", "Delete result", 8, True
    texts = ("note",)
    hint = (
        "Choose the analyte first: its usual unit is filled in. Type the reference limits "
        "the source gives; a typical limit is offered beside them, and copied only when "
        "you choose 'Use typical limit'. H/L is worked out from the limits (a limit printed "
        "'<248' makes 248 high). No number given? Leave Value empty and choose 'In words'."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        catalogue = [a.key for a in analytes().values()]
        return [
            DayColumn("day", "precision", date=self._date),
            Column(
                "analyte", "Analyte", 110, choices=catalogue, tip="From the catalogue, or type one"
            ),
            Column(
                "value", "Value", 80, numeric=True, tip="A number, optionally with <, >, <=, >="
            ),
            Column("unit", "Unit", 80, choices=_units),
            Column(
                "qualitative", "In words", 120, choices=["", *QUALITATIVE], free=False,
                tip="When the source gives no number: normalized, within normal limits, "
                "elevated ... (leave Value empty)",
            ),
            Column("ref_low", "Ref. low", 72, numeric=True),
            Column("ref_high", "Ref. high", 72, numeric=True, tip="Upper reference limit"),
            Column("flag", "Flag", 44, computed=lambda r: (parsed(r) or _NO_FLAG).flag),
            Column(
                "typical", "Typical limit", 96, computed=_typical_text,
                tip="A typical upper limit (the paper's), offered: 'Use typical limit' "
                "copies it to Ref. high; it is never stored unless you do",
            ),
            Column("note", "Note", 200),
        ]

    def blank(self) -> Row:
        cells = ("analyte", "value", "unit", "qualitative", "ref_low", "ref_high")
        return {**self.days[0].cells(None, Precision.EXACT), **dict.fromkeys(cells, "")}

    def _date(self, row: Row) -> str:
        day0 = self.day0_date()  # read once: this runs for every painted cell
        try:
            day = parse_day_or_date(str(row["day"]), day0)
        except ValidationError:
            return ""
        return date_of_day(day0, day)

    def edited(self, row: Row, key: str) -> None:
        if key != "analyte":
            return
        a = find_analyte(str(row["analyte"]))
        if a is None:
            return
        row["analyte"] = a.key
        if str(row["unit"]).casefold() not in {u.casefold() for u in a.units}:
            row["unit"] = a.default_unit

    def extra_buttons(self) -> list[QPushButton]:
        self.use_typical = QPushButton("Use typical limit")
        self.use_typical.setToolTip("Copy the typical upper limit to Ref. high (selected rows)")
        self.use_typical.clicked.connect(lambda _checked=False: self.accept_typical_limits())
        return [self.use_typical]

    def accept_typical_limits(self) -> None:
        """The user accepts the typical upper limit for the selected rows (an edit each)."""
        column = next(i for i, c in enumerate(self.model.columns) if c.key == "ref_high")
        selected = {i.row() for i in self.editor.view.selectionModel().selectedIndexes()}
        for r in sorted(selected):
            limit = typical_limit(self.model.row(r))
            if limit is not None:
                self.model.setData(self.model.index(r, column), number_text(limit))

    def refresh_dates(self) -> None:
        """Day 0's date changed: redraw the Date column."""
        n = self.model.rowCount()
        if n:
            self.model.dataChanged.emit(self.model.index(0, 1), self.model.index(n - 1, 1))

    def to_row(self, r: LabResult) -> Row:
        return {
            "analyte": r.analyte,
            "value": (
                "" if r.value is None and r.qualitative
                else NOT_SPECIFIED if r.value is None else r.value_text
            ),
            "unit": r.unit,
            "qualitative": r.qualitative.value,
            "ref_low": number_text(r.ref_low),
            "ref_high": number_text(r.ref_high),
        }

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        analyte = str(row["analyte"]).strip()
        if not analyte:
            p.error("analyte", "Analyte", "choose an analyte from the list or type its name")
        comparator, value = "", None
        words = (
            Qualitative(row["qualitative"]) if row["qualitative"] in QUALITATIVE
            else Qualitative.NONE
        )
        if words and not str(row["value"]).strip():
            pass  # given in words, no number
        elif is_unspecified(str(row["value"])) and str(row["value"]).strip():
            pass  # typed "not specified": the value is not known
        elif analyte:
            comparator, value = p.call(
                "value", parse_lab_value, str(row["value"]), analyte, "Value",
                str(row["unit"]), default=("", None),
            )
        unit = str(row["unit"]).strip()
        if analyte and not (words and value is None and not unit):  # words: no unit
            unit = p.call("unit", check_unit, analyte, unit, "Unit", default=unit)
        return dict(
            analyte=analyte,
            value=value,
            unit=unit,
            comparator=comparator,
            ref_low=p.number(str(row["ref_low"]), "ref_low", "Ref. low", 0),
            ref_high=p.number(str(row["ref_high"]), "ref_high", "Ref. high", 0),
            qualitative=words,
        )


_NO_FLAG = LabResult("", None, "")
