"""Parsers the case editor needs beyond numbers: dates, day-or-date, antibody names."""

from __future__ import annotations

import pytest

from domain.validation import (
    ValidationError,
    antibody_key,
    date_of_day,
    parse_date,
    parse_day_or_date,
)


def test_dates_are_iso_calendar_days():
    assert parse_date(" 2016-03-15 ") == "2016-03-15"
    assert parse_date("") == ""
    for bad in ("2016-02-30", "15/03/2016", "2016-3-1", "２０１６-03-15"):
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            parse_date(bad)


def test_day_or_date_counts_from_day_0():
    assert parse_day_or_date("14", "2016-03-01") == 14
    assert parse_day_or_date("-5") == -5
    assert parse_day_or_date("2016-03-15", "2016-03-01") == 14
    assert parse_day_or_date("2016-02-20", "2016-03-01") == -10
    assert parse_day_or_date(" ") is None
    with pytest.raises(ValidationError, match="day 0 has no date"):
        parse_day_or_date("2016-03-15", "")
    assert date_of_day("2016-03-01", 14) == "2016-03-15"
    assert date_of_day("", 14) == "" and date_of_day("2016-03-01", None) == ""


def test_antibody_names_and_synonyms_resolve_to_the_catalogue_key():
    assert antibody_key("tif1g") == "TIF1-gamma"
    assert antibody_key("Anti-MDA5") == "MDA5"
    assert antibody_key("anti-something") is None
