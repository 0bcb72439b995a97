"""Issue 12 item 6: a decimal comma is never read as thousands.

The rule (domain/validation.py, _read_grouped): a comma followed by exactly three digits
is taken as a thousands separator only where nothing else can be meant: more than one
group (1,234,567), a decimal point after the groups (15,242.5), or one group whose reading
as a decimal comma is not allowed, or where the user's decimal point is "." (so a comma is
never theirs for decimals) and the thousands reading is allowed. A first group starting
with 0 (0,125) is a decimal comma. Everything else with a comma is refused with a message
asking for a point or for the number without the comma; nothing is guessed.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.text import ECHO_MAX
from domain.validation import ValidationError, parse_lab_value, parse_number

SETTINGS = settings(max_examples=200, deadline=None)
POINTS = st.sampled_from([".", ","])
BOUNDS = st.one_of(
    st.tuples(st.none(), st.none()),
    st.tuples(st.just(0.0), st.sampled_from([10.0, 150.0, 1000.0, 500000.0, 1e9])),
)


def refused(text, **kw) -> ValidationError | None:
    try:
        parse_number(text, "Value (ESR)", **kw)
    except ValidationError as e:
        return e
    return None


@pytest.mark.parametrize(
    ("text", "analyte", "said"),
    [
        ("0,125", "ESR", "use a point for decimals, e.g. 0.125"),  # was stored as 125
        ("0,125", "CRP", "use a point for decimals, e.g. 0.125"),
        ("1,125", "ESR", "use a point for decimals, e.g. 1.125"),  # 1125 mm/h: not allowed
        ("2,53", "CRP", "use a point for decimals, e.g. 2.53"),
    ],
)
def test_a_decimal_comma_is_refused_with_a_message(text, analyte, said):
    with pytest.raises(ValidationError, match=said) as e:
        parse_lab_value(text, analyte)
    assert e.value.field == f"Value ({analyte})"


@pytest.mark.parametrize(
    ("text", "kw", "value"),
    [
        ("15,242", {}, 15242),  # the paper's CK, with the locale's point "."
        ("15,242", {"lo": 0, "hi": 500000, "decimal_point": "."}, 15242),
        ("1,234,567", {"decimal_point": ","}, 1234567),  # two groups: only thousands
        ("15,242.5", {"decimal_point": ","}, 15242.5),  # a point after: only thousands
        ("1,500", {"lo": 100, "hi": 5000, "decimal_point": ","}, 1500),  # 1.5 not allowed
    ],
)
def test_thousands_commas_stay_allowed_where_unambiguous(text, kw, value):
    assert parse_number(text, "x", **kw) == value


def test_with_a_decimal_comma_locale_one_group_is_asked_not_guessed():
    e = refused("15,242", decimal_point=",")
    assert e is not None and "15.242 or 15242" in e.message and "without the comma" in e.message


@SETTINGS
@given(st.integers(0, 999), st.integers(0, 999), POINTS, BOUNDS, st.booleans())
@example(0, 125, ".", (None, None), False)
def test_one_group_is_thousands_only_when_nothing_else_fits(a, b, point, bounds, integer):
    text = f"{a},{b:03d}"
    lo, hi = bounds
    as_thousands, as_decimal = a * 1000 + b, float(f"{a}.{b:03d}")

    def fits(v):
        return (lo is None or lo <= v) and (hi is None or v <= hi) and (not integer or v == int(v))

    try:
        got = parse_number(text, "x", lo, hi, integer=integer, decimal_point=point)
    except ValidationError as e:
        assert e.field == "x" and "\n" not in str(e)
        return
    assert got == as_thousands  # never another value, never the decimal read as thousands
    assert a > 0 and fits(as_thousands)
    assert point == "." or not fits(as_decimal)


@SETTINGS
@given(st.integers(0, 10**6), st.integers(0, 9999), POINTS)
def test_a_comma_not_followed_by_three_digits_is_always_refused(a, b, point):
    digits = str(b)
    if len(digits) == 3:
        digits += "0"
    e = refused(f"{a},{digits}", decimal_point=point)
    assert e is not None and "use a point for decimals" in e.message


@SETTINGS
@given(st.integers(1000, 10**12), st.integers(0, 99), POINTS)
def test_grouped_numbers_read_back_exactly(n, cents, point):
    if n >= 10**6:
        assert parse_number(f"{n:,}", "x", decimal_point=point) == n
    assert parse_number(f"{n:,}.{cents:02d}", "x", decimal_point=point) == float(f"{n}.{cents:02d}")


@SETTINGS
@given(st.decimals(0, 10**6, places=3, allow_nan=False, allow_infinity=False), POINTS)
def test_numbers_with_a_point_read_back_exactly_in_any_locale(x, point):
    assert parse_number(str(x), "x", decimal_point=point) == float(x)


@SETTINGS
@given(st.text(min_size=ECHO_MAX + 1, max_size=500))
def test_echoed_values_are_cut_to_a_readable_length(text):
    e = refused("9" + text + ",5")
    if e is not None:
        assert len(e.message) < ECHO_MAX + 120 and "\n" not in e.message
