"""CK trajectories of the chosen cases by group: every case's line and the group median.

Built on the cohort overlay (domain/cohort.py): each case's CK as a multiple of its own
upper normal limit, its days shifted to the chosen start (steroids, chemotherapy). As "%
of baseline" each line is divided by its baseline: the last result on or before the start,
else its first result. The median trajectory is taken on a common grid of days, each case
interpolated (on the log scale) only inside its own first and last result, so a case never
adds values it did not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .cohort import Alignment, cohort_overlay
from .model import Case


class Scale(StrEnum):
    XULN = "x ULN"
    BASELINE = "% of baseline"


GRID_POINTS = 60


@dataclass(frozen=True)
class Line:
    label: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]


@dataclass(frozen=True)
class GroupTrajectory:
    name: str
    lines: tuple[Line, ...]
    median_x: tuple[float, ...]
    median_y: tuple[float, ...]


def _baseline(xs: Sequence[float], ys: Sequence[float]) -> float:
    before = [y for x, y in zip(xs, ys, strict=True) if x <= 0]
    return before[-1] if before else ys[0]


def median_line(lines: Sequence[Line], points: int = GRID_POINTS) -> tuple[list, list]:
    """The median of the lines on a grid of days, each line only within its own range."""
    usable = [ln for ln in lines if len(ln.xs) >= 1]
    if not usable:
        return [], []
    lo = min(ln.xs[0] for ln in usable)
    hi = max(ln.xs[-1] for ln in usable)
    grid = np.linspace(lo, hi, points) if hi > lo else np.array([lo])
    med_x, med_y = [], []
    for g in grid:
        vals = [
            float(np.interp(g, ln.xs, np.log10(ln.ys)))
            for ln in usable
            if ln.xs[0] <= g <= ln.xs[-1]
        ]
        if vals:
            med_x.append(float(g))
            med_y.append(float(10 ** np.median(vals)))
    return med_x, med_y


def trajectories(
    groups: Sequence[tuple[str, Sequence[Case]]],
    alignment: Alignment = Alignment.STEROID_START,
    scale: Scale = Scale.XULN,
) -> tuple[list[GroupTrajectory], list[tuple[str, str]]]:
    """Each group's lines and median; and the cases that could not be placed (why)."""
    out, excluded = [], []
    for name, cases in groups:
        data = cohort_overlay(cases, alignment)
        excluded += list(data.excluded)
        lines = []
        for s in data.series:
            pts = sorted(s.points, key=lambda p: p.x)
            xs = [p.x for p in pts]
            ys = [p.y for p in pts]
            if scale == Scale.BASELINE:
                base = _baseline(xs, ys)
                ys = [100 * y / base for y in ys]
            lines.append(Line(s.label, tuple(xs), tuple(ys)))
        mx, my = median_line(lines)
        out.append(GroupTrajectory(name, tuple(lines), tuple(mx), tuple(my)))
    return out, excluded
