"""Assessments over time: MRC grade (upper / lower limbs), skin signs, dysphagia."""

from __future__ import annotations

from domain.model import Assessment, AssessmentKind
from domain.problems import Section
from domain.vocabulary import ASSESSMENT_LABELS

from ..widgets.rows_model import Column, Row
from .form import Parser
from .table_form import DayColumn, TableForm

KINDS = {label: kind for kind, label in ASSESSMENT_LABELS.items()}
MRC = ("0", "1", "2-", "2", "2+", "3-", "3", "3+", "4-", "4", "4+", "5")  # modifiers as written
ECOG = ("0", "1", "2", "3", "4")
SIDES = {"": "", "left": "left", "right": "right"}
DAY = DayColumn("day", "precision")


def _values(row: Row) -> list[str]:
    kind = KINDS.get(str(row.get("kind", "")))
    if kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER):
        return list(MRC)
    if kind == AssessmentKind.ECOG:
        return list(ECOG)
    return []


class AssessmentsForm(TableForm):
    section, attr, item, tag = Section.ASSESSMENTS, "assessments", Assessment, "assess"
    add_text, delete_text, rows_shown, sortable = "Add assessment", "Delete assessment", 8, True
    texts = ("note",)
    hint = (
        "MRC grade: 0 (no contraction) to 5 (normal power), for upper and lower limbs "
        "separately, with + or - as written (4-, 4+), per side where given. ECOG "
        "performance status 0 to 4. Skin signs and dysphagia: what was found."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            Column("kind", "Assessment", 180, choices=list(KINDS), free=False),
            Column(
                "value",
                "Finding",
                260,
                choices=_values,
                tip="MRC grade 0 to 5 (4-, 4+ where given); ECOG 0 to 4; for skin and "
                "dysphagia, what was seen",
            ),
            Column("side", "Side", 64, choices=list(SIDES), free=False,
                   tip="left or right when the source grades each side; empty: both"),
            DAY,
            Column("note", "Note", 240),
        ]

    def new_item(self) -> Assessment:
        return Assessment(AssessmentKind.MRC_UPPER, "")

    def sort_by_day(self, then=lambda row: (str(row["kind"]),)) -> None:
        super().sort_by_day(then)

    def to_row(self, a: Assessment) -> Row:
        return {"kind": ASSESSMENT_LABELS[a.kind], "value": a.value, "side": a.side}

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        value = str(row["value"]).strip()
        if not value:
            p.error("value", "Finding", "enter the finding, e.g. an MRC grade 0 to 5")
        return dict(
            kind=KINDS.get(str(row["kind"]), AssessmentKind.OTHER),
            value=value,
            side=SIDES.get(str(row["side"]), ""),
        )
