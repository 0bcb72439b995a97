"""Choosing the cases of a cohort: structured filters, combinable, and their text form.

Every filter is a set of allowed values (empty: any); filters combine with AND, the values
of one filter with OR. The same selection is written as `--where` clauses on the command
line (`tumour=SCLC,LCNEC`, `antibody:TIF1-gamma=positive`, `year=1990-2010`) and stored
as JSON for a named selection. A case whose value is unknown (no year, an antibody not
recorded) matches only a filter that asks for that unknown value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .cohort_pattern import Pattern, initial_pattern
from .model import NOT_SPECIFIED, AntibodyStatus, Case
from .table import initial_treatments_text

NOT_RECORDED = "not recorded"  # no result of the antibody in the case
ANTIBODY_CHOICES = (*(s.value for s in AntibodyStatus), NOT_RECORDED)
PUBLISHED, OWN = "published", "own"
SOURCE_CHOICES = (PUBLISHED, OWN)
OUTCOME_CHOICES = ("Alive", "Dead", NOT_SPECIFIED)
UNKNOWN_YEAR = "unknown"

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class FilterError(ValueError):
    """A filter that cannot be read: the message names it and what is allowed."""


def case_source(case: Case) -> str:
    """'published' for a case with a citation (the paper's cases), else 'own'."""
    return PUBLISHED if case.citation.strip() else OWN


def case_year(case: Case) -> int | None:
    """The year of day 0 when dated, else the citation's publication year (its last)."""
    if _YEAR.fullmatch(case.day0_date[:4] or "-"):
        return int(case.day0_date[:4])
    years = _YEAR.findall(case.citation)
    return int(years[-1]) if years else None


def antibody_status(case: Case, antibody: str) -> str:
    """The case's status for one antibody (by name, case-insensitive), or NOT_RECORDED."""
    wanted = antibody.casefold()
    for a in case.antibodies:
        if a.antibody.casefold() == wanted:
            return a.status.value
    return NOT_RECORDED


def outcome_of(case: Case) -> str:
    o = case.outcome.final_outcome
    return o if o in OUTCOME_CHOICES else NOT_SPECIFIED


@dataclass(frozen=True)
class CohortFilter:
    text: str = ""  # every word must appear (label, citation, diagnosis, treatments)
    tumours: frozenset[str] = frozenset()
    antibodies: tuple[tuple[str, frozenset[str]], ...] = ()  # (antibody, statuses)
    patterns: frozenset[Pattern] = frozenset()
    outcomes: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    unknown_year: bool = False  # with a year range: keep cases of unknown year too

    def matches(self, case: Case) -> bool:
        if self.text and not _has_words(case, self.text):
            return False
        if self.tumours and case.tumour.type not in self.tumours:
            return False
        for antibody, statuses in self.antibodies:
            if antibody_status(case, antibody) not in statuses:
                return False
        if self.patterns and initial_pattern(case) not in self.patterns:
            return False
        if self.outcomes and outcome_of(case) not in self.outcomes:
            return False
        if self.sources and case_source(case) not in self.sources:
            return False
        if self.year_from is not None or self.year_to is not None:
            year = case_year(case)
            if year is None:
                return self.unknown_year
            if self.year_from is not None and year < self.year_from:
                return False
            if self.year_to is not None and year > self.year_to:
                return False
        return True

    def apply(self, cases: Iterable[Case]) -> list[Case]:
        return [c for c in cases if self.matches(c)]

    # ---- text form -------------------------------------------------------------------
    def clauses(self) -> list[str]:
        """The filter as `--where` clauses (the inverse of parse_where)."""
        out = []
        if self.text:
            out.append(f"text={self.text}")
        if self.tumours:
            out.append("tumour=" + ",".join(sorted(self.tumours)))
        for antibody, statuses in self.antibodies:
            out.append(f"antibody:{antibody}=" + ",".join(sorted(statuses)))
        if self.patterns:
            out.append("pattern=" + ",".join(sorted(p.value for p in self.patterns)))
        if self.outcomes:
            out.append("outcome=" + ",".join(sorted(self.outcomes)))
        if self.sources:
            out.append("source=" + ",".join(sorted(self.sources)))
        if self.year_from is not None or self.year_to is not None:
            lo = "" if self.year_from is None else str(self.year_from)
            hi = "" if self.year_to is None else str(self.year_to)
            out.append(f"year={lo}-{hi}" + (f",{UNKNOWN_YEAR}" if self.unknown_year else ""))
        return out

    def describe(self) -> str:
        return "; ".join(self.clauses()) or "all cases"

    def to_json(self) -> str:
        return json.dumps(self.clauses(), ensure_ascii=False)


def _has_words(case: Case, text: str) -> bool:
    hay = " ".join(
        [
            case.label,
            case.citation,
            case.reference_number,
            case.tumour.type,
            initial_treatments_text(case),
            *(a.antibody for a in case.antibodies if a.status == AntibodyStatus.POSITIVE),
        ]
    ).casefold()
    return all(w in hay for w in text.casefold().split())


def _values(key: str, raw: str, allowed: Iterable[str] | None) -> frozenset[str]:
    values = [v.strip() for v in raw.split(",") if v.strip()]
    if not values:
        raise FilterError(f"--where {key}= needs a value")
    if allowed is not None:
        by_fold = {a.casefold(): a for a in allowed}
        bad = [v for v in values if v.casefold() not in by_fold]
        if bad:
            raise FilterError(
                f"--where {key}: {bad[0]!r} is not allowed; use {', '.join(by_fold.values())}"
            )
        values = [by_fold[v.casefold()] for v in values]
    return frozenset(values)


def _year(key: str, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise FilterError(f"--where {key}: {text!r} is not a year (e.g. year=1990-2010)")
    return int(text)


def parse_where(clauses: Iterable[str]) -> CohortFilter:
    """A filter from `KEY=VALUE[,VALUE...]` clauses; FilterError names a bad one."""
    f = CohortFilter()
    antibodies: list[tuple[str, frozenset[str]]] = []
    for clause in clauses:
        key, sep, raw = clause.partition("=")
        key = key.strip()
        if not sep:
            raise FilterError(f"--where {clause!r}: write KEY=VALUE (e.g. tumour=SCLC)")
        low = key.casefold()
        if low == "text":
            f = replace(f, text=raw.strip())
        elif low == "tumour":
            f = replace(f, tumours=_values(key, raw, None))
        elif low.startswith("antibody:") and key[9:].strip():
            antibodies.append((key[9:].strip(), _values(key, raw, ANTIBODY_CHOICES)))
        elif low == "pattern":
            picked = _values(key, raw, [p.value for p in Pattern])
            f = replace(f, patterns=frozenset(Pattern(v) for v in picked))
        elif low == "outcome":
            f = replace(f, outcomes=_values(key, raw, OUTCOME_CHOICES))
        elif low == "source":
            f = replace(f, sources=_values(key, raw, SOURCE_CHOICES))
        elif low == "year":
            parts = [p.strip() for p in raw.split(",")]
            unknown = UNKNOWN_YEAR in [p.casefold() for p in parts[1:]]
            lo, dash, hi = parts[0].partition("-")
            lo_y, hi_y = _year(key, lo), _year(key, hi if dash else lo)
            if lo_y is None and hi_y is None:
                raise FilterError("--where year: give a year or a range (year=1990-2010)")
            f = replace(f, year_from=lo_y, year_to=hi_y, unknown_year=unknown)
        else:
            raise FilterError(
                f"--where {key!r}: unknown filter; use text, tumour, antibody:NAME, "
                "pattern, outcome, source or year"
            )
    return replace(f, antibodies=tuple(antibodies))


def from_json(text: str) -> CohortFilter:
    """A stored selection back as a filter."""
    try:
        clauses = json.loads(text)
    except json.JSONDecodeError as e:
        raise FilterError(f"a stored selection is not readable: {e}") from None
    if not isinstance(clauses, list) or not all(isinstance(c, str) for c in clauses):
        raise FilterError("a stored selection is not a list of filters")
    return parse_where(clauses)


@dataclass
class FilterChoices:
    """The values present in a set of cases, to offer in the window's filters."""

    tumours: list[str] = field(default_factory=list)
    antibodies: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None


def choices(cases: Iterable[Case]) -> FilterChoices:
    tumours: set[str] = set()
    antibodies: dict[str, None] = {}
    years: list[int] = []
    for c in cases:
        tumours.add(c.tumour.type)
        for a in c.antibodies:
            antibodies.setdefault(a.antibody, None)
        y = case_year(c)
        if y is not None:
            years.append(y)
    span = (min(years), max(years)) if years else None
    return FilterChoices(sorted(tumours, key=str.casefold), list(antibodies), span)
