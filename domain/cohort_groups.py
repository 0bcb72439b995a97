"""Grouping the chosen cases by one variable, and the listing of the groups.

The variables are the filters' (domain/cohort_filter.py): initial treatment pattern,
tumour type, outcome, published or own, decade, or one antibody's status. The listing
names each group's members and counts their responses and outcomes, as the paper's
Discussion does for its 16 literature cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cohort_filter import (
    ANTIBODY_CHOICES,
    OUTCOME_CHOICES,
    SOURCE_CHOICES,
    FilterError,
    antibody_status,
    case_source,
    case_year,
    outcome_of,
)
from .cohort_pattern import (
    PATTERN_ORDER,
    Pattern,
    case_reference,
    count_words,
    immunotherapy_partners,
    initial_pattern,
)
from .model import NOT_SPECIFIED, Case

UNKNOWN = "unknown"


@dataclass(frozen=True)
class GroupVariable:
    key: str  # as typed after --group
    label: str
    value: Callable[[Case], str]
    order: tuple[str, ...] = ()  # values listed first, in this order


def _decade(case: Case) -> str:
    year = case_year(case)
    return UNKNOWN if year is None else f"{year // 10 * 10}s"


def _status_word(value: str) -> str:
    return value if value and value != NOT_SPECIFIED else NOT_SPECIFIED


VARIABLES = {
    v.key: v
    for v in (
        GroupVariable(
            "initial-treatment",
            "Initial treatment pattern",
            lambda c: initial_pattern(c).value,
            tuple(p.value for p in PATTERN_ORDER),
        ),
        GroupVariable("tumour", "Tumour type", lambda c: _status_word(c.tumour.type)),
        GroupVariable("outcome", "Final outcome", outcome_of, OUTCOME_CHOICES),
        GroupVariable("source", "Published or own", case_source, SOURCE_CHOICES),
        GroupVariable("decade", "Decade", _decade),
    )
}


def variable(key: str) -> GroupVariable:
    """The group variable a user named; antibody:NAME groups by that antibody's status."""
    if key.casefold().startswith("antibody:") and key[9:].strip():
        name = key[9:].strip()
        return GroupVariable(
            key, f"Anti-{name}" if not name.casefold().startswith("anti") else name,
            lambda c: antibody_status(c, name), ANTIBODY_CHOICES,
        )
    if key in VARIABLES:
        return VARIABLES[key]
    raise FilterError(
        f"--group {key!r}: use {', '.join(VARIABLES)} or antibody:NAME"
    )


@dataclass(frozen=True)
class Group:
    value: str
    cases: tuple[Case, ...]


def group_cases(cases: Sequence[Case], var: GroupVariable) -> list[Group]:
    """The cases by the variable's value: its listed values first, then the rest sorted
    (unknown and not specified last)."""
    groups: dict[str, list[Case]] = {}
    for c in cases:
        groups.setdefault(var.value(c), []).append(c)
    rank = {v: i for i, v in enumerate(var.order)}
    last = {UNKNOWN: 2, NOT_SPECIFIED: 1}

    def key(v: str) -> tuple:
        return (rank.get(v, len(rank)), last.get(v, 0), v.casefold())

    return [Group(v, tuple(groups[v])) for v in sorted(groups, key=key)]


GROUP_COLUMNS = ("n", "Cases", "Cutaneous response", "Muscular response", "Final outcome")


def member_text(case: Case, var: GroupVariable) -> str:
    """A case as the listing names it; with corticosteroids and another immunotherapy,
    which one (the Discussion's "corticosteroids and azathioprine (24)")."""
    ref = case_reference(case)
    if var.key == "initial-treatment" and initial_pattern(case) == Pattern.STEROID_WITH_IMMUNO:
        partners = immunotherapy_partners(case)
        if partners:
            return f"{ref} ({', '.join(partners)})"
    return ref


def group_rows(cases: Sequence[Case], var: GroupVariable) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the grouping listing (one row per group, then the total)."""
    rows = []
    for g in group_cases(cases, var):
        rows.append(
            [
                g.value,
                str(len(g.cases)),
                ", ".join(member_text(c, var) for c in g.cases),
                count_words([_status_word(c.outcome.response_cutaneous) for c in g.cases]),
                count_words([_status_word(c.outcome.response_muscular) for c in g.cases]),
                count_words([outcome_of(c) for c in g.cases]),
            ]
        )
    rows.append(["All", str(len(cases)), "", "", "", count_words([outcome_of(c) for c in cases])])
    return [var.label, *GROUP_COLUMNS], rows
