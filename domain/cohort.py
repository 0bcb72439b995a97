"""Cohort overlay: several cases' CK as multiples of the upper limit on one aligned time axis.

Each case's days are shifted so that day 0 of the overlay is the start of its steroids or of
its chemotherapy (the user's choice). CK is divided by each result's own upper normal limit
(ULN), because laboratories' limits differ. Cases that cannot be placed (no anchor day, no
CK with a limit) are listed with the reason rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .chart import PointKind, log_range, number_text, point_kind, timed_numeric
from .chart_axis import XAxis, XAxisMode, padded_range, x_axis
from .model import Case, Precision, TreatmentKind


class Alignment(StrEnum):
    STEROID_START = "steroid start"
    CHEMO_START = "chemotherapy start"


ALIGNMENT_LABELS = {
    Alignment.STEROID_START: "Start of steroids",
    Alignment.CHEMO_START: "Start of chemotherapy",
}


@dataclass(frozen=True)
class CohortPoint:
    x: float  # days from the case's anchor
    y: float  # × ULN (zero results sit on the axis floor)
    precision: Precision
    kind: PointKind
    hover: str


@dataclass(frozen=True)
class CohortSeries:
    label: str
    case_id: int | None
    anchor_day: int
    anchor_precision: Precision
    points: tuple[CohortPoint, ...]


@dataclass(frozen=True)
class CohortChartData:
    alignment: Alignment
    x: XAxis
    y_min: float
    y_max: float
    series: tuple[CohortSeries, ...]
    excluded: tuple[tuple[str, str], ...]  # (case label, why it is not drawn)


def anchor(case: Case, alignment: Alignment) -> tuple[int, Precision] | None:
    """The case's earliest dated start of steroids or chemotherapy, with its precision."""
    starts: list[tuple[int, Precision]] = []
    if alignment == Alignment.STEROID_START:
        starts += [
            (s.from_day, s.from_precision) for s in case.steroid_steps if s.from_day is not None
        ]
        kind = TreatmentKind.STEROID
    else:
        starts += [
            (c.day, c.precision) for r in case.regimens for c in r.cycles if c.day is not None
        ]
        kind = TreatmentKind.CHEMOTHERAPY
    starts += [
        (t.start_day, t.start_precision)
        for t in case.treatments
        if t.kind == kind and t.start_day is not None
    ]
    return min(starts, key=lambda s: s[0]) if starts else None


def cohort_overlay(
    cases: Sequence[Case], alignment: Alignment = Alignment.STEROID_START, analyte: str = "CK"
) -> CohortChartData:
    """The overlay of the cases' analyte (CK by default) as × ULN, aligned as chosen."""
    series: list[CohortSeries] = []
    excluded: list[tuple[str, str]] = []
    what = ALIGNMENT_LABELS[alignment].lower()
    for case in cases:
        start = anchor(case, alignment)
        rows = timed_numeric(case, analyte)
        with_uln = [r for r in rows if r.ref_high]
        if start is None:
            excluded.append((case.label, f"no dated {what}"))
            continue
        if not with_uln:
            why = f"no dated {analyte}" if not rows else f"no {analyte} with an upper normal limit"
            excluded.append((case.label, why))
            continue
        day0, precision = start
        points = []
        for r in with_uln:
            kind = point_kind(r)
            exact = r.precision == Precision.EXACT and precision == Precision.EXACT
            about = "" if exact else "about "
            hover = (
                f"{case.label}: {analyte} {r.comparator}{number_text(r.value)} {r.unit} "
                f"({number_text(round(r.value / r.ref_high, 2))} × ULN) "
                f"{about}day {r.day - day0:+d} from {what} (case day {r.day})"
            )
            point_precision = Precision.EXACT if exact else Precision.APPROXIMATE
            points.append(
                CohortPoint(r.day - day0, r.value / r.ref_high, point_precision, kind, hover)
            )
        series.append(CohortSeries(case.label, case.id, day0, precision, tuple(points)))
    positive = [p.y for s in series for p in s.points if p.kind != PointKind.ZERO] + [1.0]
    has_zero = any(p.kind == PointKind.ZERO for s in series for p in s.points)
    log_lo, log_hi, floor = log_range(positive, has_zero)
    series = [
        CohortSeries(
            s.label,
            s.case_id,
            s.anchor_day,
            s.anchor_precision,
            tuple(
                CohortPoint(
                    p.x, floor, p.precision, p.kind, p.hover + "; 0 drawn on the axis floor"
                )
                if p.kind == PointKind.ZERO
                else p
                for p in s.points
            ),
        )
        for s in series
    ]
    x_min, x_max = padded_range([p.x for s in series for p in s.points] + [0.0])
    axis = x_axis(x_min, x_max, XAxisMode.AUTO, None, allow_dates=False)
    title = f"Days from {what}"
    if axis.mode != XAxisMode.DAYS:
        title = axis.title.replace("day 0", what)
    axis = XAxis(axis.mode, axis.x_min, axis.x_max, title, axis.major, axis.minor)
    return CohortChartData(alignment, axis, 10**log_lo, 10**log_hi, tuple(series), tuple(excluded))
