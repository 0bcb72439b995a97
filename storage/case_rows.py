"""Rows of the casebook tables built from a Case, and a Case from its rows.

Both directions are driven by the field spec (domain/fields.py): a column is written and
read because the spec names it, never because a mapper lists it. The row builders are
shared by CaseRepository.save and the bulk writer (devtools/bulk.py), so that every way of
writing a case stores it the same way; snapshot.py and case_index.py read through
case_from_rows.
"""

from __future__ import annotations

from domain import field_rows
from domain import fields as spec
from domain.model import Case, Regimen, Source

CHILD_TABLES = spec.CHILD_TABLES


def case_row(case: Case) -> dict:
    """The cases-table row of a case (no id, version or timestamps)."""
    return field_rows.to_row(spec.CASE, case)


def child_rows(case: Case, case_id: int) -> dict[str, list[dict]]:
    """Rows of every child table except regimen cycles (they need the regimen ids)."""
    rows: dict[str, list[dict]] = {}
    for entity in spec.CHILDREN:
        if entity is spec.CASE_SOURCES:
            rows[entity.table] = [
                {"case_id": case_id, "field": name, "reference": s.reference,
                 "locator": s.locator, "quote": s.quote}
                for name, s in case.sources.items()
            ]
            continue
        rows[entity.table] = [
            {"case_id": case_id, "position": i, **field_rows.to_row(entity, item)}
            for i, item in enumerate(getattr(case, entity.case_attr))
        ]
    return rows


def cycle_rows(regimen: Regimen, regimen_id: int) -> list[dict]:
    """Rows of a regimen's cycles, once the regimen row has its id."""
    return [
        {"regimen_id": regimen_id, **field_rows.to_row(spec.REGIMEN_CYCLES, c)} for c in regimen.cycles
    ]


def case_from_row(row: dict) -> Case:
    """A case with the case-level fields its row holds (children are filled by the caller);
    columns absent from the row keep the model's defaults (the case list reads a few)."""
    extra = {k: row[k] for k in ("id", "version") if k in row}
    return field_rows.from_row(spec.CASE, row, **extra)


def case_from_rows(case_row_: dict, children: dict[str, list[dict]], **extra) -> Case:
    """A whole Case from its stored rows; regimen rows carry their cycles under "cycles"."""
    case = field_rows.from_row(spec.CASE, case_row_, **extra)
    for r in children.get(spec.CASE_SOURCES.table, ()):
        case.sources[r["field"]] = Source(r["reference"], r["locator"], r["quote"])
    for entity in spec.CHILDREN:
        if entity is spec.CASE_SOURCES:
            continue
        items = []
        for r in children.get(entity.table, ()):
            item = field_rows.from_row(entity, r)
            if entity is spec.REGIMENS:
                item.cycles = [field_rows.from_row(spec.REGIMEN_CYCLES, c) for c in r["cycles"]]
            items.append(item)
        setattr(case, entity.case_attr, items)
    return case

