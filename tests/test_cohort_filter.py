"""Choosing cases: structured filters, combinable, and named selections in the casebook."""

from __future__ import annotations

import sqlite3

import pytest

from domain.cohort_filter import (
    CohortFilter,
    FilterError,
    case_source,
    case_year,
    from_json,
    parse_where,
)
from domain.cohort_pattern import Pattern
from domain.model import AntibodyResult, AntibodyStatus, Case, Tumour
from storage import migrations
from storage.cohort_read import all_cases
from storage.db import connect, open_db
from storage.migrations import SCHEMA_VERSION
from storage.selections import (
    SelectionError,
    delete_selection,
    load_selection,
    save_selection,
    selection_names,
)

STEP = "m007_saved_selections"


@pytest.fixture
def cases(db):
    return all_cases(db)


def refs(cases) -> list[str]:
    return sorted(c.reference_number for c in cases)


def test_filters_combine_with_and_values_with_or(cases):
    f = parse_where(["pattern=tumour treatment", "outcome=Alive,not specified"])
    assert refs(f.apply(cases)) == ["23", "27"]
    f = parse_where(["tumour=SCLC or LCNEC"])
    assert refs(f.apply(cases)) == ["34", "Our case"]
    f = parse_where(["source=own"])
    assert f.apply(cases) == []
    assert len(parse_where([]).apply(cases)) == 17


def test_year_comes_from_the_citation_and_unknown_years_are_asked_for():
    old = Case("a", citation="Someone. A case. J 3: 1-2, 1963.")
    mine = Case("b", day0_date="2021-03-04")
    unknown = Case("c")
    assert (case_year(old), case_year(mine), case_year(unknown)) == (1963, 2021, None)
    assert case_source(old) == "published" and case_source(mine) == "own"
    f = parse_where(["year=1960-2000"])
    assert f.apply([old, mine, unknown]) == [old]
    f = parse_where(["year=2021,unknown"])
    assert f.apply([old, mine, unknown]) == [mine, unknown]


def test_antibody_status_positive_negative_not_tested_and_not_recorded():
    pos = Case("p", antibodies=[AntibodyResult("TIF1-gamma", AntibodyStatus.POSITIVE)])
    neg = Case("n", antibodies=[AntibodyResult("TIF1-gamma", AntibodyStatus.NEGATIVE)])
    nt = Case("t", antibodies=[AntibodyResult("TIF1-gamma", AntibodyStatus.NOT_TESTED)])
    none = Case("x", tumour=Tumour("SCLC"))
    everyone = [pos, neg, nt, none]
    assert parse_where(["antibody:tif1-gamma=positive"]).apply(everyone) == [pos]
    assert parse_where(["antibody:TIF1-gamma=negative,not tested"]).apply(everyone) == [neg, nt]
    assert parse_where(["antibody:TIF1-gamma=not recorded"]).apply(everyone) == [none]


def test_the_clauses_read_back_as_the_same_filter():
    f = parse_where(
        [
            "text=ref 3",
            "tumour=SCLC,LCNEC",
            "antibody:NXP2=positive",
            "pattern=IVIg alone,none",
            "outcome=Dead",
            "source=published",
            "year=1990-,unknown",
        ]
    )
    assert f.patterns == {Pattern.IVIG_ALONE, Pattern.NONE}
    assert (f.year_from, f.year_to, f.unknown_year) == (1990, None, True)
    assert parse_where(f.clauses()) == f
    assert from_json(f.to_json()) == f
    assert CohortFilter().describe() == "all cases"


@pytest.mark.parametrize(
    "clause", ["tumour=", "pattern=steroids", "year=-", "source=mine", "antibody:=positive"]
)
def test_bad_clauses_name_the_filter_and_what_is_allowed(clause):
    with pytest.raises(FilterError, match=r"--where"):
        parse_where([clause])


def test_a_named_selection_is_stored_replaced_and_deleted(db, cases):
    f = parse_where(["pattern=corticosteroids before chemotherapy"])
    assert save_selection(db, "  Steroids  first ", f) == "Steroids first"
    assert selection_names(db) == ["Steroids first"]
    chosen = load_selection(db, "steroids first")  # names are case-insensitive
    assert refs(chosen.apply(cases)) == ["33", "34", "35", "Our case"]
    save_selection(db, "Steroids first", parse_where(["outcome=Dead"]))
    assert selection_names(db) == ["Steroids first"]
    assert load_selection(db, "Steroids first").outcomes == {"Dead"}
    delete_selection(db, "Steroids first")
    assert selection_names(db) == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_bad_name_writes_nothing(db, name):
    with pytest.raises(SelectionError, match="Selection name"):
        save_selection(db, name, CohortFilter())
    assert selection_names(db) == []


def test_an_unreadable_stored_selection_is_refused_not_guessed(db):
    db.execute(
        "INSERT INTO saved_selections (name, filters, created_at, updated_at) "
        "VALUES ('odd', '[\"colour=red\"]', 'now', 'now')"
    )
    with pytest.raises(FilterError, match="unknown filter"):
        load_selection(db, "odd")


def test_the_step_upgrades_a_file_from_the_version_before_it(tmp_path):
    """A file at the previous schema version (3 on this branch) gains the table; its cases
    and trail stay; the step is recorded once."""
    path = tmp_path / "old.sqlite"
    db = connect(path)
    migrations.migrations.apply(db, stop_before=STEP)
    before = migrations._STEPS.index(STEP)
    assert db.execute("PRAGMA user_version").fetchone()[0] == before
    assert "saved_selections" not in db.table_names()
    db.execute(
        "INSERT INTO cases (uuid, label, sex, tumour_type, initial_treatments_status, "
        "response_cutaneous, response_muscular, final_outcome, version, created_at, "
        "updated_at) VALUES ('u1', 'kept', 'M', 'SCLC', 'none', 'not specified', "
        "'not specified', 'Dead', 1, 'now', 'now')"
    )
    db.close()
    db = open_db(path, seed=False)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == before + 1
    assert [c.label for c in all_cases(db)] == ["kept"]
    save_selection(db, "All dead", parse_where(["outcome=Dead"]))
    db.close()
    db = open_db(path, seed=False)
    assert selection_names(db) == ["All dead"]
    assert (
        db.execute("SELECT count(*) FROM _sqlite_migrations WHERE name = ?", [STEP]).fetchone()[0]
        == 1
    )
    db.close()


def test_the_table_refuses_duplicate_and_blank_names(db):
    save_selection(db, "One", CohortFilter())
    for name in ("one", " "):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO saved_selections (name, filters, created_at, updated_at) "
                "VALUES (?, '[]', 'now', 'now')",
                [name],
            )
