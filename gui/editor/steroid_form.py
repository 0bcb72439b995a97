"""The steroid course: daily glucocorticoid doses held from one day to another."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from domain.catalogue import glucocorticoids
from domain.model import NOT_SPECIFIED, Case, Precision, StepOnset, SteroidStep, format_number
from domain.steroids import pred_equivalent
from domain.validation import Problem, ValidationError, parse_dose

from ..widgets.fields import PRECISIONS
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from .form import (
    Parser,
    RowsForm,
    day_text,
    is_unspecified,
    mark_rows,
    number_text,
    revised,
    split_problems,
)

PREFIX = "Steroid step"
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


def _blank() -> Row:
    return {
        "drug": "prednisolone",
        "dose": "",
        "from_day": "",
        "from_precision": Precision.EXACT.value,
        "to_day": "",
        "to_precision": Precision.NOT_SPECIFIED.value,
        "from_day_latest": "",
        "onset": _ONSET_TEXT[StepOnset.STEP],
        "route": "oral",
        "note": "",
        "_orig": None,
    }


class SteroidForm(RowsForm):
    prefixes = (PREFIX,)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        columns = [
            Column("drug", "Drug", 140, choices=list(glucocorticoids()), free=False),
            Column(
                "dose", "Dose", 64, numeric=True,
                tip="mg per day; type 'not stated' when the source gives no dose",
            ),
            Column("unit", "Unit", 60, computed=lambda _r: "mg/day"),
            Column("from_day", "From day", 70, numeric=True),
            Column("from_precision", "From precision", 110, choices=PRECISIONS, free=False),
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
            Column(
                "to_day", "To day", 64, numeric=True, tip="Empty: until the next step, or ongoing"
            ),
            Column("to_precision", "To precision", 110, choices=PRECISIONS, free=False),
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
        self.model = RowsModel(columns, _blank, on_edit=self._on_edit)
        self.editor = RowsEditor(self.model, "Add step", "Delete step", min_rows_shown=6)
        hint = QLabel(
            "One row per dose: e.g. prednisolone 60 mg/day from day 0, 40 mg/day from day 14. "
            "Leave 'To day' empty when the dose holds until the next step. Drug not named: "
            "choose 'corticosteroid'; dose not given: type 'not stated'; 'tapered to 15 mg "
            "after 3 months': Reached by 'taper'. The dose at follow-up goes in Outcome."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"steroid:{k}" if k else ""))

    @staticmethod
    def _on_edit(row: Row, key: str) -> None:
        for day, prec in (("from_day", "from_precision"), ("to_day", "to_precision")):
            if key == day and str(row[day]).strip() and row[prec] == NOT_SPECIFIED:
                row[prec] = Precision.EXACT.value

    def load(self, case: Case) -> None:
        self.set_state(
            [
                {
                    "drug": s.drug,
                    "dose": "not stated" if s.dose is None else number_text(s.dose),
                    "from_day": day_text(s.from_day),
                    "from_precision": s.from_precision.value,
                    "to_day": day_text(s.to_day),
                    "to_precision": s.to_precision.value,
                    "from_day_latest": day_text(s.from_day_latest),
                    "onset": _ONSET_TEXT[s.onset],
                    "route": s.route,
                    "note": s.note,
                    "_orig": s,
                }
                for s in case.steroid_steps
            ]
        )

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        steps = []
        for i, row in enumerate(self.model.rows(), 1):
            where = f"{PREFIX} {i}"
            drug = str(row["drug"])
            dose = p.call(parse_dose, str(row["dose"]), drug, f"{where}, Dose", default=0.0)
            start, start_p = p.day(
                str(row["from_day"]), str(row["from_precision"]), f"{where}, From day", day0
            )
            if is_unspecified(str(row["to_day"])):
                end, end_p = None, Precision.NOT_SPECIFIED  # until the next step, or ongoing
            else:
                end, end_p = p.day(
                    str(row["to_day"]), str(row["to_precision"]), f"{where}, To day", day0
                )
            values = dict(
                drug=drug,
                dose=dose,  # None: not stated; 0.0: refused above (keeps rows numbered)
                from_day_latest=p.day(
                    str(row["from_day_latest"]), Precision.EXACT.value,
                    f"{where}, Started by day", day0,
                )[0] if str(row["from_day_latest"]).strip() else None,
                onset=ONSETS.get(str(row["onset"]), StepOnset.STEP),
                from_day=start,
                from_precision=start_p,
                to_day=end,
                to_precision=end_p,
                route=str(row["route"]).strip(),
                note=str(row["note"]).strip(),
            )
            orig = row["_orig"]
            steps.append(revised(orig, SteroidStep, **values))
        case.steroid_steps = steps
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mine = mark_rows(self.model, problems, PREFIX)
        self.editor.messages.show_messages(*split_problems(mine))
