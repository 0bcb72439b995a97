"""Property-based tests of whole cases: a valid case survives save and load unchanged, and
check_case stands between anything else and the file (InvalidCase, nothing written)."""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.catalogue import analytes, antibodies, glucocorticoids
from domain.checks import check_case
from domain.model import (
    Agent,
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    Cycle,
    Diagnosis,
    Finding,
    InitialTreatmentItem,
    InitialTreatments,
    InitialTreatmentsStatus,
    LabResult,
    Outcome,
    Precision,
    Regimen,
    Sex,
    Source,
    SteroidStep,
    Treatment,
    TreatmentKind,
    Tumour,
)
from domain.units import from_canonical
from domain.validation import DAY_MAX, DAY_MIN, TITRES
from domain.validation_unknowns import AGENT_UNITS, ECOG_GRADES, MRC_GRADES
from storage.audit_replay import replay
from storage.db import open_db
from storage.repository import CaseRepository, InvalidCase
from storage.snapshot import read_snapshot

SETTINGS = settings(
    max_examples=int(os.environ.get("DM_CASEBOOK_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TEXT = st.text(max_size=12)
NAME = TEXT.filter(lambda t: t.strip())
LABEL = st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=12).filter(
    lambda t: t.strip()
)
DAY = st.integers(DAY_MIN, DAY_MAX)
SEED_KEYS = itertools.count()


def finite(lo, hi, exclude_min=False):
    return st.floats(lo, hi, exclude_min=exclude_min, allow_nan=False, allow_infinity=False)


def when(day=DAY):
    """(day, precision): 'not specified' has no day; a day is exact or approximate."""
    return st.one_of(
        st.tuples(st.none(), st.just(Precision.NOT_SPECIFIED)),
        st.tuples(day, st.sampled_from(list(Precision))),
    )


SOURCE = st.none() | st.builds(Source, TEXT, TEXT, TEXT)


@st.composite
def lab(draw):
    a = draw(st.sampled_from([*analytes().values(), None]))
    day, prec = draw(when())
    if a is None:  # a free-entry analyte: any name, any unit, 0 to 1e9
        analyte = draw(
            NAME.filter(lambda t: t.strip().casefold() not in {k.casefold() for k in analytes()})
        )
        value, unit = draw(st.none() | finite(0, 1e9)), draw(NAME)
    else:
        unit = draw(st.sampled_from(a.units))
        lo, hi = (from_canonical(a.key, x, unit) for x in (a.min, a.max))  # the unit typed
        analyte, value = a.key, draw(st.none() | finite(lo, hi * (1 - 1e-9)))
    low, high = draw(st.none() | finite(0, 1e6)), draw(st.none() | finite(0, 1e7))
    if low is not None and high is not None and low > high:
        low, high = high, low
    comparator = draw(st.sampled_from(["", "<", ">", "<=", ">="]))
    return LabResult(
        analyte, value, unit, day, prec, comparator, low, high, draw(TEXT), draw(SOURCE)
    )


@st.composite
def steroid(draw):
    d = draw(st.sampled_from(list(glucocorticoids().values())))
    start, prec = draw(when())
    to = draw(st.none() | (st.integers(start, DAY_MAX) if start is not None else DAY))
    to_prec = draw(st.sampled_from(list(Precision))) if to is not None else Precision.NOT_SPECIFIED
    dose = draw(finite(0, d.max_daily_mg, exclude_min=True))
    return SteroidStep(
        d.key, dose, draw(NAME), start, prec, to, to_prec, draw(TEXT), draw(TEXT), draw(SOURCE)
    )


@st.composite
def regimen(draw):
    numbers = draw(st.lists(st.integers(1, 99), unique=True, max_size=4))
    cycles = [Cycle(n, *draw(when()), source=draw(SOURCE)) for n in sorted(numbers)]
    units = st.sampled_from(("", *AGENT_UNITS))
    agents = draw(
        st.lists(st.builds(Agent, TEXT, st.none() | finite(0, 1e4), units, TEXT), max_size=3)
    )
    length = draw(st.none() | st.integers(1, 365))
    return Regimen(draw(NAME), agents, cycles, length, draw(TEXT), draw(SOURCE))


@st.composite
def treatment(draw):
    start, prec = draw(when())
    end = draw(st.none() | (st.integers(start, DAY_MAX) if start is not None else DAY))
    end_prec = (
        draw(st.sampled_from(list(Precision))) if end is not None else Precision.NOT_SPECIFIED
    )
    return Treatment(
        draw(st.sampled_from(list(TreatmentKind))),
        draw(TEXT),
        start,
        prec,
        end,
        end_prec,
        draw(TEXT),
        draw(SOURCE),
    )


@st.composite
def assessment(draw):
    kind = draw(st.sampled_from(list(AssessmentKind)))
    mrc = kind in (AssessmentKind.MRC_UPPER, AssessmentKind.MRC_LOWER)
    graded = MRC_GRADES if mrc else ECOG_GRADES if kind == AssessmentKind.ECOG else None
    value = draw(st.sampled_from(graded)) if graded else draw(TEXT)
    return Assessment(kind, value, *draw(when()), draw(TEXT), draw(SOURCE))


ANTIBODY = st.builds(
    AntibodyResult,
    st.sampled_from(list(antibodies())),
    st.sampled_from(list(AntibodyStatus)),
    st.sampled_from(["", *(f"1:{t}" for t in TITRES)]),
    TEXT,
    TEXT,
    st.none(),
    st.just(Precision.NOT_SPECIFIED),
    TEXT,
    SOURCE,
)
FINDING = st.builds(Finding, TEXT, TEXT, TEXT, st.none(), st.just(Precision.NOT_SPECIFIED), SOURCE)
ITEM = st.builds(InitialTreatmentItem, st.sampled_from(list(TreatmentKind)), TEXT, TEXT)


@st.composite
def cases(draw):
    """A whole valid case."""
    day, prec = draw(when())
    return Case(
        label=draw(LABEL),
        age=draw(st.none() | st.integers(0, 120)),
        sex=draw(st.sampled_from(list(Sex))),
        reference_number=draw(TEXT),
        citation=draw(TEXT),
        cigarettes_per_day=draw(st.none() | finite(0, 200)),
        smoking_years=draw(st.none() | finite(0, 100)),
        pack_years=draw(st.none() | finite(0, 300)),
        occupation=draw(TEXT),
        history=draw(TEXT),
        day0_meaning=draw(TEXT),
        day0_date=draw(st.just("") | st.dates().map(lambda d: d.isoformat())),
        diagnosis=Diagnosis(draw(TEXT), draw(TEXT), draw(st.lists(TEXT, max_size=3))),
        tumour=Tumour(
            draw(TEXT),
            draw(TEXT),
            draw(st.none() | finite(0.1, 300)),
            draw(TEXT),
            draw(TEXT),
            draw(TEXT),
        ),
        initial_treatments=InitialTreatments(
            draw(st.sampled_from(list(InitialTreatmentsStatus))), draw(st.lists(st.lists(ITEM, max_size=2), max_size=2))
        ),
        outcome=Outcome(draw(TEXT), draw(TEXT), draw(TEXT), day, prec, draw(TEXT)),
        labs=draw(st.lists(lab(), max_size=4)),
        antibodies=draw(st.lists(ANTIBODY, max_size=4, unique_by=lambda a: a.antibody)),
        steroid_steps=draw(st.lists(steroid(), max_size=3)),
        regimens=draw(st.lists(regimen(), max_size=2)),
        treatments=draw(st.lists(treatment(), max_size=3)),
        assessments=draw(st.lists(assessment(), max_size=3)),
        findings=draw(st.lists(FINDING, max_size=3)),
        sources=draw(st.dictionaries(TEXT, st.builds(Source, TEXT, TEXT, TEXT), max_size=3)),
        notes=draw(TEXT),
        seed_key=draw(st.none() | st.builds(lambda: f"test:{next(SEED_KEYS)}")),  # unique
        table_order=draw(st.none() | st.integers(1, 1000)),
    )


@pytest.fixture(scope="module")
def store():
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "props.sqlite", seed=False)
        yield CaseRepository(db, user="hypothesis")
        db.close()


def _errors(case: Case) -> list:
    return [p for p in check_case(case) if p.severity == "error"]


@SETTINGS
@given(cases(), cases())
def test_a_valid_case_is_saved_and_loaded_unchanged_then_edited_unchanged(store, first, second):
    assert _errors(first) == [] and _errors(second) == []
    case_id = store.save(first)
    assert store.get(case_id) == first
    # the same case edited into the second's content (as the form does)
    second.id, second.uuid, second.version, second.seed_key = (
        first.id,
        first.uuid,
        first.version,
        None,
    )
    store.save(second)
    assert store.get(case_id) == second
    assert replay(store.db)[case_id] == read_snapshot(store.db, case_id)


# anything at all where a number goes: NaN, infinities, huge, negative, out of range
WILD_FLOAT = st.floats() | st.integers(-(2**70), 2**70).map(float) | st.sampled_from([-1.0, 0.0])
WILD_INT = (
    st.integers(-(2**70), 2**70) | st.integers(-5, 130) | st.integers(DAY_MIN - 2, DAY_MIN + 2)
)
WILD_DAY = st.none() | WILD_INT | st.integers(DAY_MAX - 2, DAY_MAX + 2)


def _row(rows: list, make):
    if not rows:
        rows.append(make())
    return rows[0]


def _lab(c):
    return _row(c.labs, lambda: LabResult("CK", 100.0, "IU/L", day=0))


def _step(c):
    return _row(c.steroid_steps, lambda: SteroidStep("prednisolone", 60.0))


def _regimen(c):
    return _row(c.regimens, lambda: Regimen("CBDCA + VP-16", [Agent("carboplatin", 5.0, "AUC")]))


def _cycle(c):
    return _row(_regimen(c).cycles, lambda: Cycle(1, 0))


def _agent(c):
    return _row(_regimen(c).agents, lambda: Agent("etoposide", 100.0, "mg/m2"))


def _treatment(c):
    return _row(c.treatments, lambda: Treatment(TreatmentKind.IVIG, "IVIg", 0))


def _assessment(c):
    return _row(c.assessments, lambda: Assessment(AssessmentKind.SKIN, "rash", 0))


# every place a number or a day is held: (where, (value strategy, setter))
MUTATIONS = {
    "label": (st.text(max_size=4), lambda c, v: setattr(c, "label", v)),
    "age": (WILD_INT, lambda c, v: setattr(c, "age", v)),
    "cigarettes_per_day": (WILD_FLOAT, lambda c, v: setattr(c, "cigarettes_per_day", v)),
    "smoking_years": (WILD_FLOAT, lambda c, v: setattr(c, "smoking_years", v)),
    "pack_years": (WILD_FLOAT, lambda c, v: setattr(c, "pack_years", v)),
    "table_order": (WILD_INT, lambda c, v: setattr(c, "table_order", v)),
    "tumour size": (WILD_FLOAT, lambda c, v: setattr(c.tumour, "size_mm", v)),
    "follow-up day": (WILD_DAY, lambda c, v: setattr(c.outcome, "followup_day", v)),
    "lab value": (WILD_FLOAT, lambda c, v: setattr(_lab(c), "value", v)),
    "lab ref_low": (WILD_FLOAT, lambda c, v: setattr(_lab(c), "ref_low", v)),
    "lab ref_high": (WILD_FLOAT, lambda c, v: setattr(_lab(c), "ref_high", v)),
    "lab day": (WILD_DAY, lambda c, v: setattr(_lab(c), "day", v)),
    "steroid dose": (WILD_FLOAT, lambda c, v: setattr(_step(c), "dose", v)),
    "steroid from": (WILD_DAY, lambda c, v: setattr(_step(c), "from_day", v)),
    "steroid to": (WILD_DAY, lambda c, v: setattr(_step(c), "to_day", v)),
    "cycle number": (WILD_INT, lambda c, v: setattr(_cycle(c), "number", v)),
    "cycle day": (WILD_DAY, lambda c, v: setattr(_cycle(c), "day", v)),
    "cycle length": (WILD_INT, lambda c, v: setattr(_regimen(c), "cycle_length_days", v)),
    "agent dose": (WILD_FLOAT, lambda c, v: setattr(_agent(c), "dose", v)),
    "treatment start": (WILD_DAY, lambda c, v: setattr(_treatment(c), "start_day", v)),
    "treatment end": (WILD_DAY, lambda c, v: setattr(_treatment(c), "end_day", v)),
    "assessment day": (WILD_DAY, lambda c, v: setattr(_assessment(c), "day", v)),
    "antibody day": (
        WILD_DAY,
        lambda c, v: setattr(
            _row(c.antibodies, lambda: AntibodyResult("ANA", AntibodyStatus.POSITIVE)), "day", v
        ),
    ),
    "finding day": (
        WILD_DAY,
        lambda c, v: setattr(_row(c.findings, lambda: Finding("ihc", "CD56", "+")), "day", v),
    ),
}


@SETTINGS
@given(cases(), st.sampled_from(sorted(MUTATIONS)), st.data())
def test_any_value_anywhere_is_refused_with_problems_or_stored_exactly(store, case, where, data):
    values, put = MUTATIONS[where]
    put(case, data.draw(values, label=where))
    problems = check_case(case)  # never raises, whatever the values
    assert all(p.where and p.message and p.severity in ("error", "confirm") for p in problems)
    before = store.db.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    if _errors(case):
        with pytest.raises(InvalidCase):
            store.save(case)
        assert store.db.execute("SELECT count(*) FROM audit_events").fetchone()[0] == before
        assert case.id is None
        return
    try:
        case_id = store.save(case)
    except (sqlite3.Error, OverflowError, ValueError) as e:
        pytest.fail(f"check_case let through a {where} the store refused: {e!r}")
    for r in case.regimens:  # the store keeps a regimen's cycles in number order (spec)
        r.cycles.sort(key=lambda cy: cy.number)
    assert store.get(case_id) == case, f"the {where} changed on the way through the store"


@pytest.mark.parametrize("where", sorted(set(MUTATIONS) - {"label"}))
@pytest.mark.parametrize("value", [float("nan"), float("inf"), -(2**70)])
def test_no_non_finite_or_huge_number_reaches_the_file(where, value):
    from tests.test_storage import full_case

    case = full_case()
    MUTATIONS[where][1](case, value)
    assert _errors(case), f"a {where} of {value} was accepted"


@pytest.mark.parametrize("limit", ["ref_low", "ref_high"])
def test_a_reference_limit_too_large_is_named_by_its_field(limit):
    """Hypothesis found it: the problem had no field, so no cell could be marked."""
    from tests.test_storage import full_case

    case = full_case()
    setattr(case.labs[0], limit, 1_000_000_001.0)
    [problem] = [p for p in check_case(case) if "reference limits" in p.message]
    assert problem.field == limit and problem.row == 1
