"""IVIg, immunosuppressants, radiotherapy, surgery and other treatments, with their days."""

from __future__ import annotations

from domain.catalogue import drugs
from domain.model import NOT_SPECIFIED, Treatment, TreatmentKind
from domain.problems import Section

from ..widgets.rows_model import Column, Row
from .form import Parser, number_text
from .table_form import DayColumn, TableForm, day_span

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
START, END = day_span("start", "end", "Empty when not given or ongoing")


def _names(row: Row) -> list[str]:
    cls = _DRUG_CLASS.get(str(row.get("kind", "")))
    return [k for k, d in drugs().items() if d.cls == cls] if cls else []


class OtherTreatmentsForm(TableForm):
    section, attr, item, tag = Section.TREATMENTS, "treatments", Treatment, "treat"
    add_text, delete_text = "Add treatment", "Delete treatment"
    hint = "Treatments other than the steroid course and chemotherapy regimens."
    texts = ("name", "detail", "site", "dose_unit")

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            Column("kind", "Kind", 130, choices=list(KINDS), free=False),
            Column("name", "Treatment", 170, choices=_names, tip="Drug or procedure"),
            START,
            END,
            Column("detail", "Detail", 200, tip="Procedure, regimen ..."),
            Column("site", "Site", 110, choices=["", NOT_SPECIFIED],
                   tip="Radiotherapy: where; 'not specified' when the source does not say"),
            Column("dose", "Dose", 60, numeric=True, tip="Empty when not given"),
            Column("dose_unit", "Unit", 50, choices=["", "Gy"]),
        ]

    def new_item(self) -> Treatment:
        return Treatment(TreatmentKind.IVIG, "")

    def edited(self, row: Row, key: str) -> None:
        if key == "kind" and row["kind"] == "IVIg" and not str(row["name"]).strip():
            row["name"] = "ivig"

    def to_row(self, t: Treatment) -> Row:
        return {"kind": KIND_LABELS[t.kind], "dose": number_text(t.dose)}

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        if not str(row["name"]).strip():
            p.error("name", "Treatment", "name the treatment, e.g. ivig or tacrolimus")
        return dict(
            kind=KINDS.get(str(row["kind"]), TreatmentKind.OTHER),
            dose=p.number(str(row["dose"]), "dose", "Dose", 0, 100000,
                          str(row["dose_unit"]).strip()),
        )
