"""Property-based tests of every parser of typed input (domain/validation.py).

Whatever is typed, a parser either returns an allowed value or raises ValidationError
(never another exception, never a non-finite number), and a value shown with
format_number reads back as the same value.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.catalogue import analytes, drugs
from domain.model import format_number
from domain.units import to_canonical
from domain.validation import (
    DAY_MAX,
    DAY_MIN,
    TITRE_MAX,
    ValidationError,
    analyte_limits,
    check_unit,
    date_of_day,
    dose_limits,
    parse_date,
    parse_day,
    parse_day_or_date,
    parse_dose,
    parse_lab_value,
    parse_number,
    parse_optional_day,
    parse_titre,
)

# modest, so that `make test` stays quick; no deadline: the 2 shared cores are slow at times
SETTINGS = settings(max_examples=100, deadline=None)

# what people type: digits and the characters around numbers, plus anything at all
NUMBERISH = st.text(
    alphabet=st.sampled_from(list("0123456789+-.,:<>=≤≥ eE_\u00a0\t１٣nainf")), max_size=14
)
TYPED = st.one_of(NUMBERISH, st.text(max_size=20))
ANALYTES = st.sampled_from([*analytes(), "free text analyte", ""])
DRUGS = st.sampled_from([*drugs(), "unknown drug"])
BOUND = st.one_of(st.none(), st.floats(-1e6, 1e6))
FINITE = st.floats(allow_nan=False, allow_infinity=False)


def only_validation_error(fn, *args):
    """fn(*args), or None when it raised ValidationError (any other exception fails)."""
    try:
        return fn(*args)
    except ValidationError as e:
        assert e.field and e.message and str(e).startswith(e.field)
        return None


@SETTINGS
@given(TYPED, BOUND, BOUND, st.booleans())
@example("1" + "0" * 400, None, None, False)  # float() gives inf
@example("nan", None, None, False)
@example("1e5", None, None, False)
@example("1_000", None, None, False)
@example("１２", None, None, False)  # full-width digits
@example("5\u00a0", None, None, False)  # a trailing no-break space
def test_parse_number_returns_a_finite_number_in_range_or_raises(text, lo, hi, integer):
    v = only_validation_error(parse_number, text, "Value", lo, hi, "", integer)
    if v is not None:
        assert math.isfinite(v)
        assert (lo is None or v >= lo) and (hi is None or v <= hi)
        assert isinstance(v, int) if integer else isinstance(v, float)


@SETTINGS
@given(FINITE)
@example(0.1234567)  # more than 6 significant digits
@example(1e-7)  # would print as 1e-07
@example(1e16)  # would print as 1e+16
@example(-0.0)
@example(5e-324)
def test_format_then_parse_returns_the_same_number(value):
    text = format_number(value)
    assert "e" not in text.lower() and "n" not in text.lower()  # plain digits only
    assert parse_number(text, "Value") == value


@SETTINGS
@given(st.integers(DAY_MIN, DAY_MAX))
def test_a_day_shown_reads_back(day):
    assert parse_day(format_number(day)) == day
    assert parse_optional_day(str(day)) == day


@SETTINGS
@given(TYPED)
def test_days_are_whole_and_in_range(text):
    for fn in (parse_day, parse_optional_day):
        d = only_validation_error(fn, text)
        if d is not None:
            assert isinstance(d, int) and DAY_MIN <= d <= DAY_MAX
    if not text.strip():
        assert parse_optional_day(text) is None


@SETTINGS
@given(TYPED | st.dates().map(date.isoformat))
def test_dates_are_real_calendar_days(text):
    d = only_validation_error(parse_date, text)
    if d:
        assert date.fromisoformat(d).isoformat() == d


DAY0 = st.one_of(st.just(""), st.dates().map(date.isoformat))


@SETTINGS
@given(TYPED | st.dates().map(date.isoformat), DAY0)
def test_day_or_date_gives_a_day_in_range(text, day0):
    d = only_validation_error(parse_day_or_date, text, day0)
    if d is not None:
        assert isinstance(d, int) and DAY_MIN <= d <= DAY_MAX


@SETTINGS
@given(DAY0, st.integers(DAY_MIN, DAY_MAX))
@example("9999-12-01", 400)  # past the last date Python knows
@example("0001-01-02", -5)
def test_the_date_of_a_day_reads_back_as_that_day(day0, day):
    shown = date_of_day(day0, day)  # never raises, whatever the day
    if shown:
        assert parse_day_or_date(shown, day0) == day


@SETTINGS
@given(TYPED, ANALYTES)
@example("<5", "CK")
@example("≥ 1,000", "CK")
@example("<", "CK")
def test_lab_values_keep_their_comparator_and_limits(text, analyte):
    got = only_validation_error(parse_lab_value, text, analyte)
    if got is not None:
        comparator, value = got
        lo, hi, _ = analyte_limits(analyte)
        a = analytes().get(analyte)
        canonical = to_canonical(analyte, value, a.default_unit) if a else value
        assert comparator in ("", "<", ">", "<=", ">=")
        assert math.isfinite(value) and lo <= (value if canonical is None else canonical) <= hi


@SETTINGS
@given(ANALYTES, st.sampled_from(["", "<", ">", "<=", ">="]), FINITE)
def test_a_lab_value_shown_reads_back(analyte, comparator, value):
    lo, hi, _ = analyte_limits(analyte)
    a = analytes().get(analyte)
    canonical = to_canonical(analyte, value, a.default_unit) if a else value
    if lo <= (value if canonical is None else canonical) <= hi:
        assert parse_lab_value(comparator + format_number(value), analyte) == (comparator, value)


@SETTINGS
@given(TYPED)
@example("1:" + "9" * 5000)  # int() refuses more than 4300 digits
@example("0080")
def test_titres_are_any_dilution_a_lab_reports(text):
    t = only_validation_error(parse_titre, text)
    if t:
        assert t.startswith("1:") and 1 <= int(t[2:]) <= TITRE_MAX
        assert parse_titre(t) == t


@SETTINGS
@given(ANALYTES, TYPED)
def test_units_are_the_analytes_own(analyte, unit):
    u = only_validation_error(check_unit, analyte, unit)
    if u is not None:
        a = analytes().get(analyte)
        assert (u in a.units) if a else (u == unit.strip() and u)


@SETTINGS
@given(TYPED, DRUGS)
def test_doses_are_positive_finite_and_within_the_drugs_limit(text, drug):
    dose = only_validation_error(parse_dose, text, drug)
    if dose is not None:
        hi, _ = dose_limits(drug)
        assert math.isfinite(dose) and 0 < dose <= hi


@SETTINGS
@given(DRUGS, st.floats(min_value=0, exclude_min=True, max_value=10000))
def test_a_dose_shown_reads_back(drug, dose):
    hi, _ = dose_limits(drug)
    if dose <= hi:
        assert parse_dose(format_number(dose), drug) == dose


@pytest.mark.parametrize(
    "text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "1" + "0" * 400]
)
def test_no_parser_accepts_a_non_finite_number(text):
    for fn, args in (
        (parse_number, ("Value",)),
        (parse_day, ()),
        (parse_dose, ("prednisolone",)),
        (parse_lab_value, ("CK",)),
    ):
        with pytest.raises(ValidationError):
            fn(text, *args)
