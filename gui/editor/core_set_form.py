"""Scores > Core-set visits: the IMACS core-set measures at each visit (MMT-8 by group and
side, physician / patient / extramuscular global activity, HAQ); the TIS compares two."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from domain.model import MMT8_GROUPS, NOT_SPECIFIED, Case, CoreSetVisit, MmtSide, Precision
from domain.scores.checks import MEASURE_TITLES, MMT_TITLES, VISIT
from domain.validation import Problem

from ..widgets.fields import PRECISIONS
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from .form import Parser, RowsForm, day_text, mark_rows, number_text, revised, split_problems

SIDES = ["", *(s.value for s in MmtSide)]


def _total(row: Row) -> str:
    grades = [str(row[f"mmt_{g}"]).strip() for g in MMT8_GROUPS]
    if not all(g.isdigit() for g in grades):
        return ""
    high = 150 if row["mmt_side"] == MmtSide.BOTH else 80
    return f"{sum(int(g) for g in grades)} / {high}"


def _blank() -> Row:
    row = {"day": "", "precision": Precision.EXACT.value, "mmt_side": MmtSide.RIGHT.value,
           "note": "", "_orig": None}
    row |= dict.fromkeys(MEASURE_TITLES, "")
    row |= {f"mmt_{g}": "" for g in MMT8_GROUPS}
    return row


def _edited(row: Row, key: str) -> None:
    if key == "day" and str(row["day"]).strip() and row["precision"] == NOT_SPECIFIED:
        row["precision"] = Precision.EXACT.value


class CoreSetForm(RowsForm):
    prefixes = (f"{VISIT} ",)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        columns = [
            Column("day", "Day", 60, numeric=True),
            Column("precision", "Precision", 100, choices=PRECISIONS, free=False),
            *(Column(k, title, 95, numeric=True, tip=f"0 to {high:g}")
              for k, (title, high) in MEASURE_TITLES.items()),
            Column("mmt_side", "MMT side", 80, choices=SIDES, free=False,
                   tip="right or left: each group 0-10 (total 0-80); both: each paired group "
                   "summed over both sides 0-20, neck flexors once (total 0-150)"),
            *(Column(f"mmt_{g}", MMT_TITLES[g], 80, numeric=True, tip="Kendall 0-10 a side")
              for g in MMT8_GROUPS),
            Column("total", "MMT-8 total", 90, computed=_total),
            Column("note", "Note", 200),
        ]
        self.model = RowsModel(columns, _blank, on_edit=_edited)
        sort = QPushButton("Sort by day")
        sort.clicked.connect(lambda _checked=False: self.sort_by_day())
        self.editor = RowsEditor(self.model, "Add visit", "Delete visit", [sort], 4)
        hint = QLabel(
            "One row per visit. Global activity on a 10 cm VAS (0 inactive, 10 extremely "
            "active), HAQ 0-3, MMT-8 in Kendall grades 0-10. Muscle enzymes come from the "
            "Labs of the same day. Leave a cell empty when it was not measured."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"visit:{k}" if k else ""))

    def load(self, case: Case) -> None:
        rows = []
        for v in case.core_set_visits:
            row = {"day": day_text(v.day), "precision": v.precision.value,
                   "mmt_side": v.mmt_side.value if v.mmt_side else "", "note": v.note,
                   "_orig": v}
            row |= {k: number_text(getattr(v, k)) for k in MEASURE_TITLES}
            row |= {f"mmt_{g}": number_text(getattr(v, f"mmt_{g}")) for g in MMT8_GROUPS}
            rows.append(row)
        self.set_state(rows)

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        out = []
        for i, row in enumerate(self.model.rows(), 1):
            where = f"{VISIT} {i}"
            day, precision = p.day(str(row["day"]), str(row["precision"]), f"{where}, Day", day0)
            values = {k: p.number(str(row[k]), f"{where}, {title}", 0, high)
                      for k, (title, high) in MEASURE_TITLES.items()}
            for g in MMT8_GROUPS:
                values[f"mmt_{g}"] = p.number(str(row[f"mmt_{g}"]), f"{where}, {MMT_TITLES[g]}",
                                              0, 20, integer=True)
            side = str(row["mmt_side"])
            out.append(revised(row["_orig"], CoreSetVisit, day=day, precision=precision,
                               mmt_side=MmtSide(side) if side else None,
                               note=str(row["note"]).strip(), **values))
        case.core_set_visits = out
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mine = mark_rows(self.model, problems, VISIT)
        self.editor.messages.show_messages(*split_problems(mine))
