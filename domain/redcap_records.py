"""A REDCap project for an export: its data dictionary and its flat records, both read
from the export's plan (so a profile's dropped or coarsened fields are dropped or
coarsened in both).

The `case` instrument is not repeating; every child table is a repeating instrument
(lab_result, antibody, steroid_step, chemo_regimen, chemo_cycle, treatment, assessment,
finding, case_source). Records are REDCap's flat format: one row for the case and one
per repeating instance, with redcap_repeat_instrument and redcap_repeat_instance, every
other field empty, and `<form>_complete` of the row's own instrument set to 1
(Unverified: the data were entered outside REDCap).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from . import export_plan as plan
from . import fields as spec
from .codebook import RECORD_ID, redcap_codes, redcap_dictionary
from .fields import CHOICE, Entity

REPEAT_INSTRUMENT, REPEAT_INSTANCE = "redcap_repeat_instrument", "redcap_repeat_instance"
UNVERIFIED = "1"
NAME, FORM = "Variable / Field Name", "Form Name"
VALIDATION, VMIN, VMAX = (
    "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max")
YEARS_LIMIT = "100"  # whole years from day 0: day limits of +-36500 days


def _column_of(profile: plan.Profile, entity: Entity, f: spec.Field) -> plan.Column | None:
    for c in plan.columns(profile, entity):
        if c.field is f:
            return c
    return None


@cache
def _variables(profile: plan.Profile) -> dict[str, tuple[Entity, plan.Column]]:
    """Spec variable name -> (entity, exported column) of every field the profile keeps."""
    out = {}
    for entity, f in spec.all_fields():
        col = _column_of(profile, entity, f)
        if col is not None:
            out[spec.variable(entity, f)] = (entity, col)
    return out


def _renamed(entity: Entity, col: plan.Column) -> str:
    return f"{entity.prefix}_{col.name}" if entity.prefix else col.name


@cache
def dictionary(profile: plan.Profile) -> tuple[dict[str, str], ...]:
    """The 18-column data dictionary of the export, record_id first."""
    kept = _variables(profile)
    rows = []
    for row in redcap_dictionary():
        name = row[NAME]
        if name == RECORD_ID or name.endswith("_regimen"):
            rows.append(dict(row))
            continue
        if name not in kept:
            continue
        entity, col = kept[name]
        row = dict(row)
        if col.name != col.field.name:  # day numbers as whole years (Safe Harbor)
            row.update({NAME: _renamed(entity, col), "Field Label": col.label,
                        VMIN: "-" + YEARS_LIMIT, VMAX: YEARS_LIMIT,
                        "Field Note": f"unit: years; {col.note}"})
        elif col.type != col.field.type:  # age as text, 90+ (Safe Harbor)
            row.update({VALIDATION: "", VMIN: "", VMAX: "", "Field Note": col.note})
        rows.append(row)
    # a section header belongs to its instrument's first row, whichever that now is
    seen = set()
    for row in rows:
        first = row[FORM] not in seen
        seen.add(row[FORM])
        if first and row[FORM] != "case":
            row["Section Header"] = next(
                e.label for e in spec.ENTITIES if e.form == row[FORM])
        elif row[NAME] != RECORD_ID:
            row["Section Header"] = ""
    return tuple(rows)


@cache
def header(profile: plan.Profile) -> tuple[str, ...]:
    """record_id, the repeat columns, then each instrument's fields and its _complete."""
    out = [RECORD_ID, REPEAT_INSTRUMENT, REPEAT_INSTANCE]
    form = None
    for row in dictionary(profile)[1:]:
        if row[FORM] != form and form is not None:
            out.append(f"{form}_complete")
        form = row[FORM]
        out.append(row[NAME])
    out.append(f"{form}_complete")
    return tuple(out)


def _coder(col: plan.Column) -> Callable[[object], object]:
    if col.field is None or col.field.type != CHOICE:
        return lambda v: v
    codes = {value: code for code, _label, value in redcap_codes(col.field)}
    return lambda v: "" if v is None else codes.get(v, "")


@cache
def _form_plan(profile: plan.Profile, entity: Entity) -> tuple[tuple[int, Callable], ...]:
    """(header index, row -> REDCap value) of the entity's instrument."""
    where = {name: i for i, name in enumerate(header(profile))}
    out = []
    for entity_, col in _variables(profile).values():
        if entity_ is entity:
            get, code = col.get, _coder(col)
            out.append((where[_renamed(entity, col)], lambda r, g=get, c=code: c(g(r))))
    if entity is spec.REGIMEN_CYCLES:
        out.append((where[f"{entity.prefix}_regimen"], lambda r: r["regimen_position"] + 1))
    out.append((where[f"{entity.form}_complete"], lambda r: UNVERIFIED))
    return tuple(out)


def _row(profile: plan.Profile, entity: Entity, record: object, row: dict,
         instance: int | None) -> list[object]:
    out: list[object] = [""] * len(header(profile))
    out[0] = record
    if instance is not None:
        out[1], out[2] = entity.form, instance
    for i, get in _form_plan(profile, entity):
        value = get(row)
        out[i] = "" if value is None else value
    return out


def records(profile: plan.Profile, case_row: dict, children: dict[str, list[dict]]
            ) -> Iterator[list[object]]:
    """The flat rows of one case: the case row, then each repeating instance."""
    record = case_row["case_id"]
    yield _row(profile, spec.CASE, record, case_row, None)
    for entity in (*spec.CHILDREN, spec.REGIMEN_CYCLES):
        for i, row in enumerate(children.get(entity.table, ()), 1):
            yield _row(profile, entity, record, row, i)
