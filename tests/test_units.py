"""Lab units through one catalogue: canonical UCUM units, conversions, ranges per
canonical unit, unconvertible units refused with the allowed ones named."""

from __future__ import annotations

import pytest

from domain.checks import check_case
from domain.model import Case, LabResult
from domain.units import (
    canonical_unit,
    from_canonical,
    lab_canonical_unit,
    lab_canonical_value,
    to_canonical,
    ucum_code,
)
from domain.validation import ValidationError, check_unit, parse_lab_value


def test_each_catalogue_analyte_has_a_canonical_unit_it_converts_to():
    from domain.catalogue import analytes

    for a in analytes().values():
        assert a.ucum in a.factors and a.factors[a.ucum] == 1, a.key
        assert set(a.units) == set(a.factors), a.key


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "canonical", "code"),
    [
        ("CRP", 2.53, "mg/dL", 25.3, "mg/L"),
        ("CRP", 150, "mg/L", 150, "mg/L"),
        ("CK", 15242, "IU/L", 15242, "U/L"),
        ("CK", 2, "ukat/L", 120, "U/L"),
        ("ProGRP", 24.1, "pg/mL", 24.1, "ng/L"),
        ("myoglobin", 2504, "ng/mL", 2504, "ug/L"),
    ],
)
def test_values_convert_to_the_canonical_unit(analyte, value, unit, canonical, code):
    assert to_canonical(analyte, value, unit) == canonical
    assert canonical_unit(analyte) == code
    assert from_canonical(analyte, canonical, unit) == value


def test_iu_per_litre_is_shown_as_typed_and_coded_u_per_litre():
    r = LabResult("CK", 15242, "IU/L")
    assert r.unit == "IU/L" and ucum_code("CK", "IU/L") == "U/L"
    assert lab_canonical_unit(r) == "U/L"


def test_the_papers_aldolase_in_u_per_ml_is_kept_as_printed_not_converted():
    r = LabResult("aldolase", 31.6, "U/mL", ref_high=4.9)
    assert check_unit("aldolase", "U/ml") == "U/mL"
    assert lab_canonical_value(r) is None and lab_canonical_unit(r) is None
    assert r.flag == "H"


def test_ranges_are_per_canonical_unit():
    # 150 mg/L CRP is an ordinary value; 1000 mg/dL (10,000 mg/L) is refused
    assert parse_lab_value("150", "CRP", unit="mg/L") == ("", 150)
    assert parse_lab_value("15", "CRP", unit="mg/dL") == ("", 15)
    with pytest.raises(ValidationError, match=r"allowed from 0 to 100 mg/dL"):
        parse_lab_value("1000", "CRP", unit="mg/dL")
    ok = Case("c", labs=[LabResult("CRP", 150, "mg/L", day=0)])
    assert not [p for p in check_case(ok) if p.severity == "error"]
    bad = Case("c", labs=[LabResult("CRP", 1000, "mg/dL", day=0)])
    assert any("CRP must be from 0 to 100 mg/dL" in str(p) for p in check_case(bad))


def test_range_messages_use_the_rows_own_unit():
    bad = Case("c", labs=[LabResult("CK", 6_000_000, "IU/L", day=0)])
    assert any("from 0 to 5000000 IU/L" in str(p) for p in check_case(bad))
    # rhabdomyolysis values above 300,000 are reported: kept after confirmation
    high = Case("c", labs=[LabResult("CK", 350_000, "U/L", day=0)])
    assert [p.severity for p in check_case(high)] == ["confirm"]


def test_an_unconvertible_unit_is_refused_naming_the_field_and_the_allowed_units():
    with pytest.raises(ValidationError) as e:
        check_unit("CRP", "mmol/L", "Labs row 1, Unit")
    assert str(e.value) == "Labs row 1, Unit: 'mmol/L' is not a unit for CRP; allowed: mg/dL, mg/L"
    case = Case("c", labs=[LabResult("CRP", 5, "mmol/L", day=0)])
    assert any("allowed: mg/dL, mg/L" in str(p) for p in check_case(case))


def test_a_limit_printed_as_less_than_flags_the_limit_itself_high():
    assert LabResult("CK", 248, "IU/L", ref_high=248).flag == "H"
    assert LabResult("CK", 247, "IU/L", ref_high=248).flag == ""


def test_the_stored_row_carries_the_canonical_value(db):
    from storage.repository import CaseRepository

    repo = CaseRepository(db)
    cid = repo.save(Case("units", labs=[LabResult("CRP", 2.53, "mg/dL", day=0)]))
    row = db.execute(
        "SELECT value, unit, unit_ucum, value_canonical, unit_canonical FROM lab_results "
        "WHERE case_id = ?",
        [cid],
    ).fetchone()
    assert tuple(row) == (2.53, "mg/dL", "mg/dL", 25.3, "mg/L")


def test_antibodies_are_found_by_the_spellings_labs_print():
    from domain.validation import antibody_key

    spellings = {
        "TIF1g": "TIF1-gamma", "TIF1-γ": "TIF1-gamma", "NXP-2": "NXP2", "SAE1/2": "SAE",
        "Jo1": "Jo-1", "PL7": "PL-7", "U1-RNP": "U1-RNP", "Ro60/SSA": "Ro60", "SSA": "Ro60",
        "cN1A": "cN1A", "Zo": "Zo", "KS": "KS", "Ha": "Ha",
    }
    assert {s: antibody_key(s) for s in spellings} == spellings


def test_the_chart_says_why_the_papers_aldolase_unit_is_kept():
    from domain.chart import course_chart

    case = Case("aldolase", labs=[LabResult("aldolase", 31.6, "U/mL", day=0, ref_high=4.9)])
    (point,) = course_chart(case, ["aldolase"]).series[0].points
    assert "U/L is almost certainly meant" in point.hover


def test_a_chart_of_results_in_two_units_draws_them_all_in_the_canonical_unit():
    from domain.chart import course_chart

    labs = [
        LabResult("CRP", 2.53, "mg/dL", day=0, ref_high=0.14),
        LabResult("CRP", 8, "mg/L", day=20, ref_high=3),
    ]
    (series,) = course_chart(Case("two units", labs=labs), ["CRP"]).series
    assert series.unit == "mg/L"
    assert [(p.y, p.value) for p in series.points] == [(25.3, 25.3), (8, 8)]
    assert "CRP 2.53 mg/dL" in series.points[0].hover  # as typed
    assert series.uln == 3
