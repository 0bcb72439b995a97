"""The codebook and the REDCap data dictionary, generated from the field spec.

Neither lists a field by hand: every row comes from domain/fields.py, so a field added to
the spec appears in both. The codebook describes the tidy tables (one file per table,
columns named as in the casebook); the REDCap dictionary describes one project with a
`case` instrument and a repeating instrument per child table (REDCap's 18 columns, in its
order; record_id first; each instrument's rows contiguous).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import fields as spec
from .fields import CHOICE, DATE, INTEGER, JSON, NUMBER, Entity, Field

CODEBOOK_COLUMNS = (
    "table",
    "variable",
    "label",
    "type",
    "unit",
    "allowed_values",
    "codes",
    "identifying",
    "free_text",
    "derived",
    "section",
    "note",
)

REDCAP_COLUMNS = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
RECORD_ID = "record_id"
# how a person reads the UCUM codes the spec uses
UNIT_WORDS = {"a": "years", "d": "days", "/d": "per day", "mg/d": "mg per day"}


def unit_text(unit: str) -> str:
    """'a (years)' for a UCUM code people may not read at sight; the code alone otherwise."""
    return f"{unit} ({UNIT_WORDS[unit]})" if unit in UNIT_WORDS else unit


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)


def allowed_text(f: Field) -> str:
    """'code = label; ...' for a choice field ('(empty) = ...' for the empty code)."""
    return "; ".join(f"{code or '(empty)'} = {label}" for code, label in f.allowed)


def _range_text(f: Field) -> str:
    if f.minimum is None and f.maximum is None:
        return ""
    return f"allowed {_number(f.minimum)} to {_number(f.maximum)}"


def codebook_rows() -> Iterator[dict[str, str]]:
    """One row per column of every tidy table (keys to join included)."""
    for entity in spec.ENTITIES:
        yield from _key_rows(entity)
        for f in entity.fields:
            yield _codebook_row(entity, f)
        if entity.has_source:
            for f in spec.SOURCE_FIELDS:
                yield _codebook_row(entity, f)


def _key_rows(entity: Entity) -> Iterator[dict[str, str]]:
    def key(name: str, label: str) -> dict[str, str]:
        row = dict.fromkeys(CODEBOOK_COLUMNS, "")
        row.update(table=entity.table, variable=name, label=label, type=INTEGER, section="key")
        return row

    if entity is spec.CASE:
        yield key("case_id", "Case id (the key every other table joins on)")
        return
    yield key("case_id", "Case (joins the row to cases)")
    if entity.parent == "regimens":
        yield key("regimen_position", "Regimen (its row number within the case)")
    if entity.ordered_by == "position":
        yield key("position", "Row number within the case (1 = first)")


def _codebook_row(entity: Entity, f: Field) -> dict[str, str]:
    note = "; ".join(x for x in (f.note, _range_text(f)) if x)
    return {
        "table": entity.table,
        "variable": f.name,
        "label": f.label,
        "type": f.type,
        "unit": f.unit,
        "allowed_values": allowed_text(f) if f.type == CHOICE else "",
        "codes": f.codes,
        "identifying": "yes" if f.identifying else "no",
        "free_text": "yes" if f.free_text else "no",
        "derived": "yes" if f.derived is not None else "no",
        "section": f.section,
        "note": note,
    }


def codebook_markdown() -> str:
    """The codebook as Markdown: a section per table, a row per variable."""
    out = ["# DM Casebook codebook", ""]
    shown = ("variable", "label", "type", "unit", "allowed_values", "codes", "identifying")
    current = None
    for row in codebook_rows():
        if row["table"] != current:
            current = row["table"]
            out += ["", f"## {current}", "", "| " + " | ".join(shown) + " |",
                    "|" + "---|" * len(shown)]
        out.append("| " + " | ".join(row[c].replace("|", "\\|") for c in shown) + " |")
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


# ---- REDCap -------------------------------------------------------------------------------
def redcap_codes(f: Field) -> list[tuple[str, str, str]]:
    """(REDCap code, label, stored value) of a choice field: codes are 1, 2, 3... as REDCap
    codes cannot hold spaces or be empty; the export maps stored values through this."""
    return [
        (str(i), label if label == code or not code else f"{label} ({code})", code)
        for i, (code, label) in enumerate(f.allowed, 1)
    ]


def _redcap_type(f: Field) -> tuple[str, str]:
    """(Field Type, Text Validation Type)."""
    if f.type == CHOICE:
        return "radio", ""
    if f.type == INTEGER:
        return "text", "integer"
    if f.type == NUMBER:
        return "text", "number"
    if f.type == DATE:
        return "text", "date_ymd"
    if f.type == JSON or f.free_text:
        return "notes", ""
    return "text", ""


def redcap_dictionary() -> list[dict[str, str]]:
    """The data dictionary rows: record_id first, then each instrument's fields together."""
    rows = [_redcap_row(RECORD_ID, "case", "Record ID", "text", "", "")]
    for entity in spec.ENTITIES:
        if entity.parent == "regimens":
            rows.append(
                _redcap_row(f"{entity.prefix}_regimen", entity.form,
                            "Regimen (its number within the case)", "text", "integer", "1")
            )
        section = entity.label if entity is not spec.CASE else ""
        for f in (*entity.fields, *(spec.SOURCE_FIELDS if entity.has_source else ())):
            ftype, validation = _redcap_type(f)
            row = _redcap_row(spec.variable(entity, f), entity.form, f.label, ftype,
                              validation, _number(f.minimum))
            row["Section Header"], section = section, ""
            row["Text Validation Max"] = _number(f.maximum) if validation else ""
            if not validation:
                row["Text Validation Min"] = ""
            if f.type == CHOICE:
                row["Choices, Calculations, OR Slider Labels"] = " | ".join(
                    f"{code}, {label}" for code, label, _value in redcap_codes(f)
                )
            unit = f.unit and f"unit: {unit_text(f.unit)}"
            row["Field Note"] = "; ".join(x for x in (unit, f.note) if x)
            row["Identifier?"] = "y" if f.identifying else ""
            row["Required Field?"] = "y" if f.required and f.derived is None else ""
            notes = [f.codes] if f.codes else []
            if f.derived is not None:
                notes.append("@READONLY derived by DM Casebook")
            row["Field Annotation"] = " ".join(notes)
            rows.append(row)
    return rows


def _redcap_row(name: str, form: str, label: str, ftype: str, validation: str,
                minimum: str) -> dict[str, str]:
    row = dict.fromkeys(REDCAP_COLUMNS, "")
    row.update({
        "Variable / Field Name": name,
        "Form Name": form,
        "Field Type": ftype,
        "Field Label": label,
        "Text Validation Type OR Show Slider Number": validation,
        "Text Validation Min": minimum,
    })
    return row
