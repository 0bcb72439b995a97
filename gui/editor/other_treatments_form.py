"""IVIg, immunosuppressants, radiotherapy, surgery and other treatments, with their days."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from domain.catalogue import drugs
from domain.model import NOT_SPECIFIED, Case, Precision, Treatment, TreatmentKind
from domain.validation import Problem

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

PREFIX = "Treatment"
# what the clinician reads -> the stored kind
KINDS = {
    "IVIg": TreatmentKind.IVIG,
    "immunosuppressant": TreatmentKind.IMMUNOSUPPRESSANT,
    "radiotherapy": TreatmentKind.RADIOTHERAPY,
    "surgery": TreatmentKind.SURGERY,
    "other": TreatmentKind.OTHER,
    "steroid": TreatmentKind.STEROID,
    "chemotherapy": TreatmentKind.CHEMOTHERAPY,
}
KIND_LABELS = {v: k for k, v in KINDS.items()}
_DRUG_CLASS = {"IVIg": "immunoglobulin", "immunosuppressant": "immunosuppressant"}


def _names(row: Row) -> list[str]:
    cls = _DRUG_CLASS.get(str(row.get("kind", "")))
    return [k for k, d in drugs().items() if d.cls == cls] if cls else []


def _blank() -> Row:
    return {
        "kind": "IVIg",
        "name": "",
        "start": "",
        "start_precision": Precision.EXACT.value,
        "end": "",
        "end_precision": Precision.NOT_SPECIFIED.value,
        "detail": "",
        "site": "",
        "dose": "",
        "dose_unit": "",
        "_orig": None,
    }


def _edited(row: Row, key: str) -> None:
    for day, prec in (("start", "start_precision"), ("end", "end_precision")):
        if key == day and str(row[day]).strip() and row[prec] == NOT_SPECIFIED:
            row[prec] = Precision.EXACT.value
    if key == "kind" and row["kind"] == "IVIg" and not str(row["name"]).strip():
        row["name"] = "ivig"


class OtherTreatmentsForm(RowsForm):
    prefixes = (f"{PREFIX} ",)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        columns = [
            Column("kind", "Kind", 130, choices=list(KINDS), free=False),
            Column("name", "Treatment", 170, choices=_names, tip="Drug or procedure"),
            Column("start", "Start day", 70, numeric=True),
            Column("start_precision", "Start precision", 110, choices=PRECISIONS, free=False),
            Column("end", "End day", 64, numeric=True, tip="Empty when not given or ongoing"),
            Column("end_precision", "End precision", 110, choices=PRECISIONS, free=False),
            Column("detail", "Detail", 200, tip="Procedure, regimen ..."),
            Column("site", "Site", 110, choices=["", NOT_SPECIFIED],
                   tip="Radiotherapy: where; 'not specified' when the source does not say"),
            Column("dose", "Dose", 60, numeric=True, tip="Empty when not given"),
            Column("dose_unit", "Unit", 50, choices=["", "Gy"]),
        ]
        self.model = RowsModel(columns, _blank, on_edit=_edited)
        self.editor = RowsEditor(self.model, "Add treatment", "Delete treatment", min_rows_shown=6)
        hint = QLabel("Treatments other than the steroid course and chemotherapy regimens.")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"treat:{k}" if k else ""))

    def load(self, case: Case) -> None:
        self.set_state(
            [
                {
                    "kind": KIND_LABELS[t.kind],
                    "name": t.name,
                    "start": day_text(t.start_day),
                    "start_precision": t.start_precision.value,
                    "end": day_text(t.end_day),
                    "end_precision": t.end_precision.value,
                    "detail": t.detail,
                    "site": t.site,
                    "dose": number_text(t.dose),
                    "dose_unit": t.dose_unit,
                    "_orig": t,
                }
                for t in case.treatments
            ]
        )

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        out = []
        for i, row in enumerate(self.model.rows(), 1):
            where = f"{PREFIX} {i}"
            name = str(row["name"]).strip()
            if not name:
                p.error(f"{where}, Treatment", "name the treatment, e.g. ivig or tacrolimus")
            start, start_p = p.day(
                str(row["start"]), str(row["start_precision"]), f"{where}, Start day", day0
            )
            if is_unspecified(str(row["end"])):
                end, end_p = None, Precision.NOT_SPECIFIED
            else:
                end, end_p = p.day(
                    str(row["end"]), str(row["end_precision"]), f"{where}, End day", day0
                )
            values = dict(
                kind=KINDS.get(str(row["kind"]), TreatmentKind.OTHER),
                name=name,
                start_day=start,
                start_precision=start_p,
                end_day=end,
                end_precision=end_p,
                detail=str(row["detail"]).strip(),
                site=str(row["site"]).strip(),
                dose=p.number(str(row["dose"]), f"{where}, Dose", 0, 100000,
                              str(row["dose_unit"]).strip()),
                dose_unit=str(row["dose_unit"]).strip(),
            )
            orig = row["_orig"]
            out.append(revised(orig, Treatment, **values))
        case.treatments = out
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mine = mark_rows(self.model, problems, PREFIX)
        self.editor.messages.show_messages(*split_problems(mine))
