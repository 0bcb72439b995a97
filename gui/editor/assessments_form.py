"""Assessments over time: MRC grade (upper / lower limbs), skin signs, dysphagia."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from domain.model import (
    NOT_SPECIFIED,
    Assessment,
    AssessmentKind,
    Case,
    Precision,
)
from domain.validation import Problem
from domain.vocabulary import ASSESSMENT_LABELS

from ..widgets.fields import PRECISIONS
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from .form import Parser, RowsForm, day_text, mark_rows, revised, split_problems

PREFIX = "Assessment"
KINDS = {label: kind for kind, label in ASSESSMENT_LABELS.items()}
MRC = ("0", "1", "2-", "2", "2+", "3-", "3", "3+", "4-", "4", "4+", "5")  # modifiers as written
ECOG = ("0", "1", "2", "3", "4")
SIDES = {"": "", "left": "left", "right": "right"}


def _values(row: Row) -> list[str]:
    kind = KINDS.get(str(row.get("kind", "")))
    if kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER):
        return list(MRC)
    if kind == AssessmentKind.ECOG:
        return list(ECOG)
    return []


def _blank() -> Row:
    return {
        "kind": ASSESSMENT_LABELS[AssessmentKind.MRC_UPPER],
        "value": "",
        "day": "",
        "precision": Precision.EXACT.value,
        "side": "",
        "note": "",
        "_orig": None,
    }


def _edited(row: Row, key: str) -> None:
    if key == "day" and str(row["day"]).strip() and row["precision"] == NOT_SPECIFIED:
        row["precision"] = Precision.EXACT.value


class AssessmentsForm(RowsForm):
    prefixes = (f"{PREFIX} ",)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        columns = [
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
            Column("day", "Day", 70, numeric=True),
            Column("precision", "Precision", 110, choices=PRECISIONS, free=False),
            Column("note", "Note", 240),
        ]
        self.model = RowsModel(columns, _blank, on_edit=_edited)
        sort = QPushButton("Sort by day")
        sort.clicked.connect(lambda _checked=False: self.sort_by_day())
        self.editor = RowsEditor(self.model, "Add assessment", "Delete assessment", [sort], 8)
        hint = QLabel(
            "MRC grade: 0 (no contraction) to 5 (normal power), for upper and lower limbs "
            "separately, with + or - as written (4-, 4+), per side where given. ECOG "
            "performance status 0 to 4. Skin signs and dysphagia: what was found."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"assess:{k}" if k else ""))

    def sort_by_day(self) -> None:
        super().sort_by_day(then=lambda row: (str(row["kind"]),))

    def load(self, case: Case) -> None:
        self.set_state(
            [
                {
                    "kind": ASSESSMENT_LABELS[a.kind],
                    "value": a.value,
                    "day": day_text(a.day),
                    "precision": a.precision.value,
                    "side": a.side,
                    "note": a.note,
                    "_orig": a,
                }
                for a in case.assessments
            ]
        )

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        out = []
        for i, row in enumerate(self.model.rows(), 1):
            where = f"{PREFIX} {i}"
            value = str(row["value"]).strip()
            if not value:
                p.error(f"{where}, Finding", "enter the finding, e.g. an MRC grade 0 to 5")
            day, precision = p.day(str(row["day"]), str(row["precision"]), f"{where}, Day", day0)
            values = dict(
                kind=KINDS.get(str(row["kind"]), AssessmentKind.OTHER),
                value=value,
                day=day,
                precision=precision,
                side=SIDES.get(str(row["side"]), ""),
                note=str(row["note"]).strip(),
            )
            orig = row["_orig"]
            out.append(revised(orig, Assessment, **values))
        case.assessments = out
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mine = mark_rows(self.model, problems, PREFIX)
        self.editor.messages.show_messages(*split_problems(mine))
