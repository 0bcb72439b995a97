"""The codebook and the REDCap data dictionary come from the field spec, and are read back
as REDCap and a statistics user would read them."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import re

from cli import build_parser, run_command
from domain import codebook
from domain import fields as spec
from tests.test_cli import run

VALIDATIONS = {"", "integer", "number", "date_ymd"}
TYPES = {"text", "notes", "radio"}


def printed(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run_command(build_parser().parse_args(list(argv))) == 0
    return out.getvalue()


def dictionary() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(printed("codebook", "--format", "redcap"))))


def test_the_dictionary_has_redcaps_18_columns_in_order_and_record_id_first():
    text = printed("codebook", "--format", "redcap")
    header = next(csv.reader(io.StringIO(text)))
    assert header == list(codebook.REDCAP_COLUMNS) and len(header) == 18
    rows = dictionary()
    assert rows[0]["Variable / Field Name"] == "record_id"
    assert rows[0]["Form Name"] == "case"


def test_each_instrument_is_contiguous_and_every_name_is_a_valid_unique_variable():
    rows = dictionary()
    forms = [r["Form Name"] for r in rows]
    runs = [f for i, f in enumerate(forms) if i == 0 or forms[i - 1] != f]
    assert len(runs) == len(set(runs)), runs  # no instrument comes back after another
    names = [r["Variable / Field Name"] for r in rows]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name) and len(name) <= 26, name


def test_choices_types_and_limits_are_as_redcap_takes_them():
    for r in dictionary():
        assert r["Field Type"] in TYPES, r
        assert r["Text Validation Type OR Show Slider Number"] in VALIDATIONS, r
        choices = r["Choices, Calculations, OR Slider Labels"]
        assert (r["Field Type"] == "radio") == bool(choices), r
        if choices:
            codes = [c.split(",", 1)[0].strip() for c in choices.split(" | ")]
            assert codes == [str(i) for i in range(1, len(codes) + 1)], choices
        low, high = r["Text Validation Min"], r["Text Validation Max"]
        if low and high:
            assert float(low) <= float(high), r
        if low or high:
            assert r["Text Validation Type OR Show Slider Number"] in ("integer", "number")
        assert r["Identifier?"] in ("", "y") and r["Required Field?"] in ("", "y")


def test_every_spec_field_is_in_both_and_identifiers_are_flagged():
    rows = {r["Variable / Field Name"]: r for r in dictionary()}
    book = list(csv.DictReader(io.StringIO(printed("codebook"))))
    described = {(r["table"], r["variable"]) for r in book}
    for entity, f in spec.all_fields():
        assert (entity.table, f.name) in described, (entity.table, f.name)
        row = rows[spec.variable(entity, f)]
        assert row["Form Name"] == entity.form
        assert (row["Identifier?"] == "y") == f.identifying, f.name
    assert rows["day0_date"]["Text Validation Type OR Show Slider Number"] == "date_ymd"
    assert rows["lab_analyte"]["Field Annotation"] == "LOINC (analyte catalogue)"
    assert "@READONLY" in rows["lab_flag"]["Field Annotation"]
    sex = rows["sex"]["Choices, Calculations, OR Slider Labels"]
    assert sex == "1, male (M) | 2, female (F) | 3, not specified"


def test_a_field_added_to_the_spec_appears_in_both(monkeypatch):
    extra = spec.Field("specimen", "Specimen", note="serum, plasma")
    labs = dataclasses.replace(spec.LAB_RESULTS, fields=(*spec.LAB_RESULTS.fields, extra))
    entities = tuple(labs if e is spec.LAB_RESULTS else e for e in spec.ENTITIES)
    monkeypatch.setattr(spec, "ENTITIES", entities)
    assert "lab_specimen" in {r["Variable / Field Name"] for r in dictionary()}
    book = list(csv.DictReader(io.StringIO(printed("codebook"))))
    assert {"table": "lab_results", "variable": "specimen"}.items() <= next(
        r for r in book if r["variable"] == "specimen"
    ).items()


def test_the_codebook_lists_allowed_values_units_and_keys():
    book = list(csv.DictReader(io.StringIO(printed("codebook"))))
    precision = next(r for r in book if r["table"] == "lab_results" and r["variable"] == "day_precision")
    assert precision["allowed_values"] == (
        "exact = exact; approximate = approximate; not specified = not specified"
    )
    age = next(r for r in book if r["variable"] == "age")
    assert age["unit"] == "a" and age["note"] == "allowed 0 to 120"
    keys = [r["variable"] for r in book if r["table"] == "regimen_cycles" and r["section"] == "key"]
    assert keys == ["case_id", "regimen_position"]


def test_markdown_has_a_table_per_stored_table():
    text = printed("codebook", "--format", "markdown")
    headings = re.findall(r"^## (\w+)$", text, re.M)
    assert headings == [e.table for e in spec.ENTITIES]
    assert "| uuid | Case UUID | text |  |  |  | yes |" in text


def test_the_command_runs_as_a_user_runs_it():
    out = run("codebook", "--format", "redcap").stdout
    assert out.startswith("Variable / Field Name,Form Name,")
