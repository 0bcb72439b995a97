"""The REDCap export read back with the checks REDCap's Data Import Tool makes: every
column is a dictionary field (or a structural or _complete column), record_id first,
radio values among the choices, validated text within its type and limits, and each
repeating row filled only within its own instrument."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date

import pytest

from devtools.synth import synthetic_case
from domain import fields as spec
from storage.data_export import export_data

STRUCTURAL = ("record_id", "redcap_repeat_instrument", "redcap_repeat_instance")
INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_against_dictionary(dictionary: list[dict], records: list[dict]) -> None:
    fields = {d["Variable / Field Name"]: d for d in dictionary}
    forms = {d["Form Name"] for d in dictionary}
    form_of = {name: d["Form Name"] for name, d in fields.items()}
    header = list(records[0])
    assert header[:3] == list(STRUCTURAL)
    for column in header[3:]:
        assert column in fields or (
            column.endswith("_complete") and column.removesuffix("_complete") in forms
        ), column
    for n, row in enumerate(records, 2):
        instrument = row["redcap_repeat_instrument"]
        assert (instrument == "") == (row["redcap_repeat_instance"] == ""), n
        own = instrument or "case"
        assert row[f"{own}_complete"] in ("0", "1", "2"), n
        for column, value in row.items():
            if column in STRUCTURAL or value == "":
                continue
            form = form_of.get(column, column.removesuffix("_complete"))
            assert form == own, (n, column, "filled outside its instrument")
            if column.endswith("_complete"):
                continue
            d = fields[column]
            if d["Field Type"] == "radio":
                codes = [c.split(",")[0].strip() for c in
                         d["Choices, Calculations, OR Slider Labels"].split("|")]
                assert value in codes, (n, column, value)
            v = d["Text Validation Type OR Show Slider Number"]
            if v in ("integer", "number"):
                assert (INTEGER if v == "integer" else NUMBER).fullmatch(value), (column, value)
                lo, hi = d["Text Validation Min"], d["Text Validation Max"]
                assert lo == "" or float(value) >= float(lo), (column, value)
                assert hi == "" or float(value) <= float(hi), (column, value)
            if v == "date_ymd":
                date.fromisoformat(value)


@pytest.mark.parametrize("profile", ["identified", "limited", "safe-harbor"])
def test_records_pass_redcaps_import_checks_against_their_dictionary(repo, tmp_path, profile):
    case = synthetic_case(3, seed=2)
    case.day0_date = "2019-05-02"
    repo.save(case)
    folder = export_data(repo.db, tmp_path / profile, ["redcap"], profile).folder
    dictionary = read(folder / "redcap_data_dictionary.csv")
    records = read(folder / "redcap_records.csv")
    check_against_dictionary(dictionary, records)
    names = [d["Variable / Field Name"] for d in dictionary]
    assert names[0] == "record_id" and len(names) == len(set(names))
    forms = [d["Form Name"] for d in dictionary]
    assert len([f for i, f in enumerate(forms) if i == 0 or forms[i - 1] != f]) == len(set(forms))
    # one non-repeating row per case; labs as lab_result instances numbered from 1
    assert Counter(r["redcap_repeat_instrument"] for r in records)[""] == repo.count()
    instances: dict[str, list[int]] = {}
    for r in records:
        if r["redcap_repeat_instrument"] == "lab_result":
            instances.setdefault(r["record_id"], []).append(int(r["redcap_repeat_instance"]))
    for numbers in instances.values():
        assert numbers == list(range(1, len(numbers) + 1))
    if profile != "safe-harbor":  # record_id is the case id
        assert len(instances[str(case.id)]) == len(repo.get(case.id).labs)
    if profile == "identified":
        assert "day0_date" in names and "2019-05-02" in {r["day0_date"] for r in records}
        sex = next(d for d in dictionary if d["Variable / Field Name"] == "sex")
        assert sex["Choices, Calculations, OR Slider Labels"].startswith("1, male (M)")
    else:
        identifying = {spec.variable(e, f) for e, f in spec.all_fields() if f.identifying}
        assert not identifying & set(names)
    if profile == "safe-harbor":
        assert "lab_year" in names and "lab_day" not in names


def test_a_cycle_names_its_regimen_and_the_complete_status_is_unverified(db, tmp_path):
    folder = export_data(db, tmp_path / "r", ["redcap"], "identified").folder
    cycles = [r for r in read(folder / "redcap_records.csv")
              if r["redcap_repeat_instrument"] == "chemo_cycle"]
    assert [r["cyc_number"] for r in cycles] == ["1", "2", "3", "4"]
    assert {r["cyc_regimen"] for r in cycles} == {"1"}
    assert {r["chemo_cycle_complete"] for r in cycles} == {"1"}
