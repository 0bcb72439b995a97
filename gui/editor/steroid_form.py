"""The steroid course: daily glucocorticoid doses held from one day to another."""

from __future__ import annotations

from domain.catalogue import glucocorticoids
from domain.model import Precision, SteroidStep, format_number
from domain.problems import Section
from domain.steroids import pred_equivalent
from domain.validation import ValidationError, parse_dose

from ..widgets.rows_model import Column, Row
from .form import Parser, number_text
from .table_form import DayColumn, TableForm, day_span

ROUTES = ("oral", "IV")


def _pred_eq(row: Row) -> str:
    """The step's prednisolone-equivalent dose, when drug and dose are valid."""
    try:
        dose = parse_dose(str(row["dose"]), str(row["drug"]))
        return format_number(pred_equivalent(str(row["drug"]), dose))
    except (ValidationError, ValueError):
        return ""


FROM, TO = day_span("from", "to", "Empty: until the next step, or ongoing")


class SteroidForm(TableForm):
    section, attr, item, tag = Section.STEROIDS, "steroid_steps", SteroidStep, "steroid"
    add_text, delete_text = "Add step", "Delete step"
    texts = ("route", "note")
    hint = (
        "One row per dose: e.g. prednisolone 60 mg/day from day 0, 40 mg/day from day 14. "
        "Leave 'To day' empty when the dose holds until the next step."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            Column("drug", "Drug", 140, choices=list(glucocorticoids()), free=False),
            Column("dose", "Dose", 64, numeric=True, tip="mg per day"),
            Column("unit", "Unit", 60, computed=lambda _r: "mg/day"),
            FROM,
            TO,
            Column("route", "Route", 60, choices=ROUTES),
            Column(
                "pred_eq",
                "Prednisolone eq.",
                110,
                computed=_pred_eq,
                numeric=True,
                tip="Prednisolone-equivalent mg/day (oral/IV equivalence)",
            ),
            Column("note", "Note", 200),
        ]

    def blank(self) -> Row:
        return {
            "drug": "prednisolone",
            "dose": "",
            **FROM.cells(None, Precision.EXACT),
            **TO.cells(None, Precision.NOT_SPECIFIED),
            "route": "oral",
        }

    def to_row(self, s: SteroidStep) -> Row:
        return {"drug": s.drug, "dose": number_text(s.dose)}

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        drug = str(row["drug"])
        dose = p.call("dose", parse_dose, str(row["dose"]), drug, "Dose", default=None)
        # a dose that did not parse is refused above; 0.0 keeps the rows numbered
        return dict(drug=drug, dose=0.0 if dose is None else dose)
