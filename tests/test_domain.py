"""The pure domain: flags, conversions, parsers, checks, the Table formatter."""

from __future__ import annotations

import pytest

from domain.checks import check_case
from domain.model import (
    AntibodyResult,
    AntibodyStatus,
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    LabResult,
    Precision,
    Sex,
    SteroidStep,
    TreatmentKind,
)
from domain.problems import Problem, Section
from domain.serialize import case_from_dict, case_to_dict, duplicate
from domain.steroids import ConversionError, pred_equivalent, step_pred_equivalent
from domain.table import generated_cells, initial_treatments_text, table_row
from domain.validation import (
    ValidationError,
    check_unit,
    parse_day,
    parse_lab_value,
    parse_number,
    parse_titre,
)


def lab(value, comparator="", low=None, high=248.0):
    return LabResult("CK", value, "IU/L", day=0, comparator=comparator, ref_low=low, ref_high=high)


@pytest.mark.parametrize(
    ("value", "comparator", "low", "high", "flag"),
    [
        (15242, "", None, 248, "H"),
        (226, "", None, 248, ""),
        (248, "", None, 248, "H"),  # printed "normal, <248": 248 itself is high
        (5, "<", None, 248, ""),
        (300, ">", None, 248, "H"),
        (10, "", 20, 248, "L"),
        (20, "<", 20, 248, "L"),
        (None, "", None, 248, ""),
    ],
)
def test_lab_flag_is_derived_from_the_reference_limits(value, comparator, low, high, flag):
    assert lab(value, comparator, low, high).flag == flag


def test_lab_value_text_keeps_the_comparator_and_says_not_specified():
    assert lab(5, "<").value_text == "<5"
    assert lab(15242).value_text == "15242"
    assert lab(None).value_text == "not specified"


@pytest.mark.parametrize(
    ("drug", "dose", "expected"),
    [
        ("prednisolone", 70, 70),
        ("prednisone", 20, 20),
        ("methylprednisolone", 40, 50),
        ("methylprednisolone", 4, 5),
        ("dexamethasone", 0.75, 5),
        ("dexamethasone", 6, 40),
        ("hydrocortisone", 20, 5),
    ],
)
def test_prednisolone_equivalent(drug, dose, expected):
    assert pred_equivalent(drug, dose) == pytest.approx(expected, abs=0.01)


def test_unconvertible_steroids_say_so():
    with pytest.raises(ConversionError):
        pred_equivalent("carboplatin", 10)
    with pytest.raises(ConversionError):
        pred_equivalent("corticosteroid", 10)
    assert step_pred_equivalent(SteroidStep("corticosteroid", 10)) is None


@pytest.mark.parametrize(
    "text",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "1e400",
        "1e3",
        "1_000",
        "１２３",
        "١٢٣",
        "12\u00a0",
        "0x10",
        "",
        "  ",
        "12.",
        ".5",
        "1,00",
        "abc",
        "--1",
    ],
)
def test_parse_number_refuses_what_float_would_accept(text):
    with pytest.raises(ValidationError) as e:
        parse_number(text, "CK")
    assert e.value.field == "CK"


@pytest.mark.parametrize(
    ("text", "value"),
    [("15242", 15242), ("15,242", 15242), ("2.53", 2.53), (" 42 ", 42), ("-3", -3)],
)
def test_parse_number_accepts_plain_numbers(text, value):
    assert parse_number(text, "x") == value


def test_decimal_comma_gets_its_own_hint():
    with pytest.raises(ValidationError, match="use a point for decimals"):
        parse_number("2,53", "CRP")


def test_lab_values_are_checked_against_the_analyte_range():
    assert parse_lab_value("<5", "CK") == ("<", 5)
    assert parse_lab_value("15,242", "CK") == ("", 15242)
    with pytest.raises(ValidationError, match=r"0 to 5000000 IU/L"):
        parse_lab_value("6000000", "CK")
    with pytest.raises(ValidationError, match="out of range"):
        parse_lab_value("-1", "CK")


def test_days_are_whole_numbers():
    assert parse_day("-14") == -14
    with pytest.raises(ValidationError, match="whole number"):
        parse_day("1.5")


def test_titres():
    assert parse_titre("1:80") == "1:80"
    assert parse_titre("1 : 640") == "1:640"
    assert parse_titre("160") == "1:160"
    assert parse_titre("") == ""
    # any dilution a lab reports, not only the doubling steps
    assert [parse_titre(t) for t in ("1:100", "1:320", "1:1000")] == ["1:100", "1:320", "1:1000"]
    with pytest.raises(ValidationError, match="1:N with N a whole number from 1 to 1000000"):
        parse_titre("1:0")
    with pytest.raises(ValidationError, match="1:N"):
        parse_titre("1:80.5")


def test_units_must_belong_to_the_analyte():
    assert check_unit("CK", "u/l") == "U/L"
    with pytest.raises(ValidationError, match="not a unit for CK; allowed: IU/L, U/L, ukat/L"):
        check_unit("CK", "mg/dL")
    assert check_unit("Troponin T", "ng/L") == "ng/L"


def test_check_case_finds_each_problem():
    c = Case(label=" ", age=130)
    c.labs.append(LabResult("CK", 6000000, "IU/L", day=0))
    c.labs.append(LabResult("CK", 80000, "IU/L", day=1))
    c.labs.append(LabResult("CK", 100, "mg", day=2))
    c.antibodies += [
        AntibodyResult("Jo-1", AntibodyStatus.NEGATIVE),
        AntibodyResult("Jo-1", AntibodyStatus.POSITIVE),
    ]
    c.steroid_steps.append(SteroidStep("prednisolone", 70, from_day=10, to_day=5))
    c.steroid_steps.append(SteroidStep("prednisolone", 5000, from_day=0))
    problems = check_case(c)
    text = "\n".join(str(p) for p in problems)
    assert "Label: required" in text
    assert "Age: 130 is out of range" in text
    assert "CK must be from 0 to 5000000 IU/L" in text
    assert "Jo-1 is entered 2 times" in text
    assert "end day 5 is before start day 10" in text
    assert "at most 1000 mg/day" in text
    assert "'mg' is not a unit for CK" in text
    confirms = [p for p in problems if p.severity == "confirm"]
    assert [(p.section, p.row, p.field) for p in confirms] == [(Section.LABS, 2, "value")]
    # each problem says where it is as data: the window places it from these fields
    places = {(p.section, p.row, p.field) for p in problems}
    assert {
        (Section.CASE, None, "label"),
        (Section.CASE, None, "age"),
        (Section.LABS, 1, "value"),
        (Section.LABS, 3, "unit"),
        (Section.ANTIBODIES, None, ""),
        (Section.STEROIDS, 1, "to_day"),
        (Section.STEROIDS, 2, "dose"),
    } <= places
    # and its text is made from them
    assert "Labs row 3, Unit: 'mg' is not a unit for CK" in text


def test_a_problem_reads_as_its_place_and_message():
    p = Problem(Section.CYCLES, 2, "day", "enter a day", label="Day", parent=1)
    assert str(p) == "Regimen 1 cycles row 2, Day: enter a day"
    assert str(Problem(Section.CASE, None, "age", "too old", label="Age")) == "Age: too old"
    assert Problem(Section.ANTIBODIES, "anti-Jo-1", "titre", "x", label="Titre").where == (
        "Antibodies anti-Jo-1, Titre"
    )
    assert Problem(Section.STEROIDS, 3, "", "x").where == "Steroid step 3"


def test_a_timed_fact_needs_a_day_unless_not_specified():
    c = Case(label="x")
    c.labs.append(LabResult("CK", 100, "IU/L", day=None, precision=Precision.EXACT))
    assert any("enter a day" in str(p) for p in check_case(c))
    c.labs[0].precision = Precision.NOT_SPECIFIED
    assert check_case(c) == []


def test_initial_treatments_wording():
    psl = InitialTreatmentItem(TreatmentKind.STEROID, "prednisolone")
    chemo = InitialTreatmentItem(TreatmentKind.CHEMOTHERAPY)
    c = Case(label="x", age=70, sex=Sex.FEMALE)
    assert initial_treatments_text(c) == "N.S."
    c.initial_treatments = InitialTreatments("given", [[psl], [chemo]])
    assert initial_treatments_text(c) == "PSL→chemotherapy"
    c.initial_treatments = InitialTreatments(
        "given", [[InitialTreatmentItem(TreatmentKind.STEROID, "prednisolone", "60 mg"), chemo]]
    )
    assert initial_treatments_text(c) == "PSL (60 mg), chemotherapy"
    c.initial_treatments = InitialTreatments(
        "given", [[InitialTreatmentItem(TreatmentKind.RADIOTHERAPY), chemo]]
    )
    assert initial_treatments_text(c) == "Radiotherapy, chemotherapy"
    c.initial_treatments = InitialTreatments("none", [])
    assert initial_treatments_text(c) == "None"
    assert generated_cells(c)[:2] == ["x", "70/F"]


def test_table_row_prefers_the_source_wording_only_while_it_still_holds():
    from domain.model import Source

    c = Case(label="x", reference_number="27", age=55, sex=Sex.FEMALE)
    items = [
        InitialTreatmentItem(TreatmentKind.SURGERY),
        InitialTreatmentItem(TreatmentKind.CHEMOTHERAPY),
        InitialTreatmentItem(TreatmentKind.RADIOTHERAPY),
    ]
    c.initial_treatments = InitialTreatments("given", [items])
    c.sources["initial_treatments"] = Source("paper", "Table", "Surgery, chemotherapy radiotherapy")
    assert table_row(c)[3] == "Surgery, chemotherapy radiotherapy"
    c.initial_treatments.steps[0].pop()
    assert table_row(c)[3] == "Surgery, chemotherapy"


def test_dict_round_trip_and_duplicate():
    from storage.seed import paper_cases

    index = paper_cases()[-1]
    again = case_from_dict(case_to_dict(index))
    assert again == index
    copy = duplicate(index, "Copy")
    assert copy.id is None and copy.seed_key is None and copy.uuid != index.uuid
    assert copy.labs == index.labs and copy.label == "Copy"
