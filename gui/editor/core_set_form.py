"""Scores > Core-set visits: the IMACS core-set measures at each visit (MMT-8 by group and
side, physician / patient / extramuscular global activity, HAQ); the TIS compares two."""

from __future__ import annotations

from domain.model import MMT8_GROUPS, CoreSetVisit, MmtSide
from domain.problems import Section
from domain.scores.checks import MEASURE_TITLES, MMT_TITLES

from ..widgets.rows_model import Column, Row
from .form import Parser, number_text
from .table_form import DayColumn, TableForm

SIDES = ["", *(s.value for s in MmtSide)]
MMT_KEYS = tuple(f"mmt_{g}" for g in MMT8_GROUPS)


def _total(row: Row) -> str:
    grades = [str(row[k]).strip() for k in MMT_KEYS]
    if not all(g.isdigit() for g in grades):
        return ""
    high = 150 if row["mmt_side"] == MmtSide.BOTH else 80
    return f"{sum(int(g) for g in grades)} / {high}"


class CoreSetForm(TableForm):
    section, attr, item, tag = Section.CORE_SET, "core_set_visits", CoreSetVisit, "visit"
    add_text, delete_text, rows_shown, sortable = "Add visit", "Delete visit", 4, True
    texts = ("note",)
    hint = (
        "One row per visit. Global activity on a 10 cm VAS (0 inactive, 10 extremely "
        "active), HAQ 0-3, MMT-8 in Kendall grades 0-10. Muscle enzymes come from the Labs "
        "of the same day. Leave a cell empty when it was not measured."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            DayColumn("day", "precision", width=60),
            *(Column(k, title, 135, numeric=True, tip=f"0 to {high:g}")
              for k, (title, high) in MEASURE_TITLES.items()),
            Column("mmt_side", "MMT side", 80, choices=SIDES, free=False,
                   tip="right or left: each group 0-10 (total 0-80); both: each paired group "
                   "summed over both sides 0-20, neck flexors once (total 0-150)"),
            *(Column(k, MMT_TITLES[g], 125, numeric=True, tip="Kendall 0-10 a side")
              for k, g in zip(MMT_KEYS, MMT8_GROUPS, strict=True)),
            Column("total", "MMT-8 total", 90, computed=_total),
            Column("note", "Note", 200),
        ]

    def new_item(self) -> CoreSetVisit:
        return CoreSetVisit(mmt_side=MmtSide.RIGHT)

    def to_row(self, v: CoreSetVisit) -> Row:
        row = {k: number_text(getattr(v, k)) for k in (*MEASURE_TITLES, *MMT_KEYS)}
        return row | {"mmt_side": v.mmt_side.value if v.mmt_side else ""}

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        values = {k: p.number(str(row[k]), k, title, 0, high)
                  for k, (title, high) in MEASURE_TITLES.items()}
        for k, g in zip(MMT_KEYS, MMT8_GROUPS, strict=True):
            values[k] = p.number(str(row[k]), k, MMT_TITLES[g], 0, 20, integer=True)
        side = str(row["mmt_side"])
        return values | {"mmt_side": MmtSide(side) if side else None}
