"""The steroid course: daily glucocorticoid doses held from one day to another."""

from __future__ import annotations

from domain.catalogue import glucocorticoids
from domain.model import Precision, StepOnset, SteroidStep, format_number
from domain.problems import Section
from domain.steroids import pred_equivalent
from domain.validation import ValidationError, parse_dose

from ..widgets.rows_model import Column, Row
from .form import Parser, day_text, number_text
from .table_form import DayColumn, TableForm, day_span

ROUTES = ("oral", "IV")


def _pred_eq(row: Row) -> str:
    """The step's prednisolone-equivalent dose, when drug and dose are valid."""
    try:
        dose = parse_dose(str(row["dose"]), str(row["drug"]))
        if dose is None:
            return "not stated"
        return format_number(pred_equivalent(str(row["drug"]), dose))
    except (ValidationError, ValueError):
        return ""


ONSETS = {"step": StepOnset.STEP, "taper (schedule not given)": StepOnset.TAPER}
_ONSET_TEXT = {v: k for k, v in ONSETS.items()}

FROM, TO = day_span("from", "to", "Empty: until the next step, or ongoing")


class SteroidForm(TableForm):
    section, attr, item, tag = Section.STEROIDS, "steroid_steps", SteroidStep, "steroid"
    add_text, delete_text = "Add step", "Delete step"
    texts = ("route", "note")
    suggestions = {"route": "oral"}  # shown greyed; stored only when chosen or typed
    hint = (
        "One row per dose: e.g. prednisolone 60 mg/day from day 0, 40 mg/day from day 14. "
        "Leave 'To day' empty when the dose holds until the next step. Drug not named: "
        "choose 'corticosteroid'; dose not given: type 'not stated'; 'tapered to 15 mg "
        "after 3 months': Reached by 'taper'. The dose at follow-up goes in Outcome."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            Column("drug", "Drug", 140, choices=list(glucocorticoids()), free=False),
            Column(
                "dose", "Dose", 64, numeric=True,
                tip="mg per day; type 'not stated' when the source gives no dose",
            ),
            Column("unit", "Unit", 60, computed=lambda _r: "mg/day"),
            FROM,
            Column(
                "from_day_latest", "Started by day", 104, numeric=True,
                tip="When the start is only bounded ('between day 0 and day 60'): the "
                "latest day; From day is then the earliest",
            ),
            Column(
                "onset", "Reached by", 170, choices=list(ONSETS), free=False,
                tip="taper: the source says the dose was tapered to this one from the step "
                "before without giving the schedule (drawn dashed)",
            ),
            TO,
            Column("route", "Route", 60, choices=ROUTES,
                   tip="oral or IV as the source says; empty: not stated (oral is only "
                   "suggested, greyed)"),
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
            "from_day_latest": "",
            "onset": _ONSET_TEXT[StepOnset.STEP],
            "route": "",
        }

    def to_row(self, s: SteroidStep) -> Row:
        return {
            "drug": s.drug,
            "dose": "not stated" if s.dose is None else number_text(s.dose),
            "from_day_latest": day_text(s.from_day_latest),
            "onset": _ONSET_TEXT[s.onset],
        }

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        drug = str(row["drug"])
        # None: not stated; 0.0: did not parse, refused here (keeps the rows numbered)
        dose = p.call("dose", parse_dose, str(row["dose"]), drug, "Dose", default=0.0)
        latest = str(row["from_day_latest"])
        return dict(
            drug=drug,
            dose=dose,
            from_day_latest=p.day(
                latest, Precision.EXACT.value, "from_day_latest", "Started by day", day0_date
            )[0] if latest.strip() else None,
            onset=ONSETS.get(str(row["onset"]), StepOnset.STEP),
        )
