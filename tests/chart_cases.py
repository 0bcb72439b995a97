"""Cases that make crowded charts, for export and legibility tests."""

from __future__ import annotations

from functools import cache

from devtools.synth import synthetic_case
from domain.chart import course_chart
from domain.model import Case

SEARCHED = 60  # synthetic cases looked through (seed 0): enough to find crowded ones


def _crowding(case: Case) -> int:
    data = course_chart(case)
    points = sum(len(s.points) for s in data.series)
    return points + len(data.lane_marks) + len(data.dose_marks)


@cache
def densest_synthetic_numbers(count: int = 1) -> tuple[int, ...]:
    """The numbers of the synthetic cases with the most points and marks on their chart."""
    ranked = sorted(range(1, SEARCHED + 1), key=lambda n: -_crowding(synthetic_case(n)))
    return tuple(ranked[:count])


def densest_synthetic(count: int = 1) -> list[Case]:
    return [synthetic_case(n) for n in densest_synthetic_numbers(count)]


def _label_crowding(case: Case) -> float:
    """Smallest gap (days) between two CK points that get value labels; inf if none."""
    data = course_chart(case)
    if len(data.series) != 1 or not 2 <= len(data.series[0].points) <= 12:
        return float("inf")
    days = sorted(p.day for p in data.series[0].points)
    return min(b - a for a, b in zip(days, days[1:], strict=False))


@cache
def crowded_label_numbers(count: int = 3) -> tuple[int, ...]:
    """Synthetic cases whose labelled points fall closest together."""
    ranked = sorted(range(1, SEARCHED + 1), key=lambda n: _label_crowding(synthetic_case(n)))
    return tuple(ranked[:count])
