"""Table 1 of the chosen cases, as a clinical case series prints it, optionally by group.

Every cell carries its denominator: counts are "n/N (%)" with N the cases *with data* for
that row, and a separate "not specified" row counts the cases without it, so an unknown
is never counted as a "no". Numbers are median (IQR; range) with "n = k/N". Peak CK is in
the catalogue's canonical unit (U/L; IU/L and ukat/L convert by the catalogue's factors,
domain/units.py) and as a multiple of each result's own upper normal limit; a CK in a
unit the catalogue does not convert is counted apart. Responses are the recorded wording; "improved" counts every recorded response
except those worded as no improvement (a reading of free text, said in the notes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .catalogue import analytes
from .cohort_filter import NOT_RECORDED, outcome_of
from .cohort_groups import GroupVariable, group_cases
from .cohort_pattern import PATTERN_ORDER, initial_pattern
from .model import NOT_SPECIFIED, AntibodyStatus, Case, InitialTreatmentsStatus, Sex
from .model import TreatmentKind as K
from .units import to_canonical
from .vocabulary import LANE_OF_KIND

CK_UNIT = analytes()["CK"].ucum  # the canonical unit: every CK is converted to it
_NO = ("no ", "not ", "none", "worse")
IMPROVED, NOT_IMPROVED = "improved", "not improved"
_SEX = {Sex.MALE: "male", Sex.FEMALE: "female"}

NOTES = (
    "Counts are n/N (%), N the cases with data for the row; 'not specified' rows count "
    "the cases without it.",
    "Numbers are median (IQR; range), then n with data / N.",
    f"Peak CK: highest recorded CK in {CK_UNIT}; x ULN: each result over its own upper "
    "normal limit.",
    "Antibodies: positive / tested (positive, negative or equivocal).",
    "Improved: any recorded response except 'no improvement' (wordings as recorded).",
)


def _num(x: float) -> str:
    x = float(x)
    if abs(x) >= 100:
        return f"{round(x):,}"
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def median_cell(values: Sequence[float | None], n: int) -> str:
    known = np.array([v for v in values if v is not None], dtype=float)
    if known.size == 0:
        return f"no data (0/{n})"
    q1, med, q3 = np.percentile(known, [25, 50, 75])
    return (
        f"{_num(med)} ({_num(q1)}-{_num(q3)}; {_num(known.min())}-{_num(known.max())}); "
        f"{known.size}/{n}"
    )


def count_cell(k: int, with_data: int) -> str:
    if with_data == 0:
        return "0/0"
    return f"{k}/{with_data} ({round(100 * k / with_data)}%)"


def response_class(text: str) -> str:
    if not text or text == NOT_SPECIFIED:
        return NOT_SPECIFIED
    return NOT_IMPROVED if text.casefold().startswith(_NO) else IMPROVED


def peak_ck(case: Case) -> tuple[float | None, float | None, bool]:
    """(peak CK in the canonical unit, peak x ULN, a CK in another unit was left out)."""
    ck = [r for r in case.labs if r.analyte == "CK" and r.value is not None]
    converted = [v for v in (to_canonical("CK", r.value, r.unit) for r in ck) if v is not None]
    peak = max(converted, default=None)
    xuln = max((r.value / r.ref_high for r in ck if r.ref_high), default=None)
    return peak, xuln, len(converted) < len(ck)


def treatments_given(case: Case) -> set[K] | None:
    """Treatment kinds the case records (initial treatments and timed records); None when
    nothing says whether any was given."""
    kinds = {i.kind for step in case.initial_treatments.steps for i in step}
    kinds |= {t.kind for t in case.treatments}
    if case.steroid_steps:
        kinds.add(K.STEROID)
    if case.regimens:
        kinds.add(K.CHEMOTHERAPY)
    if kinds or case.initial_treatments.status == InitialTreatmentsStatus.NONE:
        return kinds
    return None


@dataclass(frozen=True)
class Table1:
    header: list[str]
    rows: list[list[str]]  # [characteristic, category, cell per column]
    notes: tuple[str, ...] = NOTES


def _categorical(
    rows: list, name: str, columns: list[list[Case]], value: Callable[[Case], str],
    order: Sequence[str], unknown: Sequence[str] = (NOT_SPECIFIED,),
) -> None:
    seen = {value(c) for col in columns for c in col}
    rest = sorted(seen - set(order) - set(unknown), key=str.casefold)
    cats = [v for v in order if v in seen and v not in unknown] + rest
    for cat in cats:
        cells = []
        for col in columns:
            known = [c for c in col if value(c) not in unknown]
            cells.append(count_cell(sum(value(c) == cat for c in known), len(known)))
        rows.append([name, cat, *cells])
    for u in unknown:
        if u in seen:
            rows.append([name, u, *(str(sum(value(c) == u for c in col)) for col in columns)])


def table1(cases: Sequence[Case], by: GroupVariable | None = None,
           scores: Callable | None = None) -> Table1:
    """Table 1 of the cases: one column for all, then one per group of `by`; scores, when
    given, is a case's instrument results (domain.scores.summary.summarize, cached)."""
    columns: list[list[Case]] = [list(cases)]
    header = ["Characteristic", "Category", f"All (n={len(cases)})"]
    if by is not None:
        for g in group_cases(cases, by):
            columns.append(list(g.cases))
            header.append(f"{by.label}: {g.value} (n={len(g.cases)})")
    rows: list[list[str]] = [["Cases", "n", *(str(len(col)) for col in columns)]]
    # each case's facts once, whatever the number of columns and rows that count them
    ck = {id(c): peak_ck(c) for c in cases}
    given = {id(c): treatments_given(c) for c in cases}
    statuses = {id(c): {a.antibody.casefold(): a.status.value for a in reversed(c.antibodies)}
                for c in cases}

    def numeric(name: str, cat: str, f: Callable[[Case], float | None]) -> None:
        rows.append([name, cat, *(median_cell([f(c) for c in col], len(col)) for col in columns)])

    numeric("Age, years", "median (IQR; range); n", lambda c: c.age)
    _categorical(rows, "Sex", columns, lambda c: _SEX.get(c.sex, NOT_SPECIFIED),
                 ["male", "female"])
    _categorical(rows, "Tumour type", columns, lambda c: c.tumour.type or NOT_SPECIFIED, [])
    names = list(dict.fromkeys(a.antibody for col in columns for c in col for a in c.antibodies))
    tested = {AntibodyStatus.POSITIVE, AntibodyStatus.NEGATIVE, AntibodyStatus.EQUIVOCAL}
    for name in names:
        cells = []
        for col in columns:
            st = [statuses[id(c)].get(name.casefold(), NOT_RECORDED) for c in col]
            done = [s for s in st if s in tested]
            cells.append(count_cell(st.count(AntibodyStatus.POSITIVE), len(done))
                         + f"; {len(st) - len(done)} not tested or not known")
        rows.append(["Antibody positive / tested", name, *cells])
    numeric(f"Peak CK, {CK_UNIT}", "median (IQR; range); n", lambda c: ck[id(c)][0])
    numeric("Peak CK, x ULN", "median (IQR; range); n", lambda c: ck[id(c)][1])
    other_unit = [sum(ck[id(c)][2] for c in col) for col in columns]
    if any(other_unit):
        rows.append(["Peak CK", "a CK in another unit, not converted", *map(str, other_unit)])
    for kind in (K.STEROID, K.CHEMOTHERAPY, K.RADIOTHERAPY, K.SURGERY, K.IVIG,
                 K.IMMUNOSUPPRESSANT):
        cells = []
        for col in columns:
            known = [given[id(c)] for c in col if given[id(c)] is not None]
            cells.append(count_cell(sum(kind in t for t in known), len(known)))
        rows.append(["Treatments given", LANE_OF_KIND[kind], *cells])
    unknown_tx = [str(sum(given[id(c)] is None for c in col)) for col in columns]
    rows.append(["Treatments given", NOT_SPECIFIED, *unknown_tx])
    _categorical(rows, "Initial treatment pattern", columns,
                 lambda c: initial_pattern(c).value, [p.value for p in PATTERN_ORDER])
    for label, attr in (("Cutaneous response", "response_cutaneous"),
                        ("Muscular response", "response_muscular")):
        _categorical(rows, label, columns,
                     lambda c, a=attr: response_class(getattr(c.outcome, a)),
                     [IMPROVED, NOT_IMPROVED])
    _categorical(rows, "Final outcome", columns, outcome_of, ["Alive", "Dead"])
    numeric("Follow-up, days", "median (IQR; range); n", lambda c: c.outcome.followup_day)
    from .cohort_table1_scores import SCORE_NOTES, score_rows  # it uses the helpers above

    rows += score_rows(columns, _categorical, median_cell, count_cell,
                       *([scores] if scores else []))
    return Table1(header, rows, NOTES + SCORE_NOTES)


def response_by_pattern(cases: Sequence[Case]) -> tuple[list[str], list[list[str]]]:
    """The cross-table: per initial treatment pattern, n and each response class."""
    classes = (IMPROVED, NOT_IMPROVED, NOT_SPECIFIED)
    header = ["Initial treatment pattern", "n"] + [
        f"{what}: {cls}" for what in ("Cutaneous", "Muscular") for cls in classes
    ]
    rows = []
    for pattern in PATTERN_ORDER:
        members = [c for c in cases if initial_pattern(c) == pattern]
        if not members:
            continue
        row = [pattern.value, str(len(members))]
        for attr in ("response_cutaneous", "response_muscular"):
            got = [response_class(getattr(c.outcome, attr)) for c in members]
            row += [str(got.count(cls)) for cls in classes]
        rows.append(row)
    return header, rows

