"""The parts of a course chart's description (see domain/chart.py), and shared wording."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .chart_axis import XAxis
from .model import Precision, format_number


class PointKind(StrEnum):
    MEASURED = "measured"
    BELOW_LIMIT = "below limit"  # "<5": drawn at 5
    ABOVE_LIMIT = "above limit"  # ">50000": drawn at 50000
    ZERO = "zero"  # drawn on the axis floor


@dataclass(frozen=True)
class ChartPoint:
    day: int
    y: float  # where it is drawn: > 0 (zero results sit on the axis floor)
    value: float  # the recorded value: in the unit drawn (canonical when units differ)
    comparator: str
    precision: Precision
    kind: PointKind
    hover: str

    @property
    def approximate(self) -> bool:
        return self.precision != Precision.EXACT


@dataclass(frozen=True)
class LabSeries:
    analyte: str
    name: str
    unit: str  # the unit drawn: the results' unit, or "× ULN"
    points: tuple[ChartPoint, ...]
    uln: float | None  # the upper limit drawn for a single analyte in its own unit


@dataclass(frozen=True)
class DoseSegment:
    """A stretch of days with one total prednisolone-equivalent dose."""

    x0: float
    x1: float
    pred_eq: float
    open_end: bool  # the last step, drawn to the end of the chart
    hover: str


@dataclass(frozen=True)
class DoseMark:
    """The start of a steroid step: hollow when its day is approximate."""

    day: float
    pred_eq: float
    precision: Precision
    hover: str


@dataclass(frozen=True)
class DoseUnknown:
    """A stretch of the steroid course the source does not give: a taper whose schedule
    is not stated, the change to the dose at follow-up, a start only bounded. Drawn as a
    dashed line from the known point (x0, y0) to the next (x1, y1), never as a held dose."""

    x0: float
    y0: float
    x1: float
    y1: float
    hover: str


@dataclass(frozen=True)
class LaneMark:
    row: str
    label: str  # "C1"; "" for unlabelled spans
    x0: float
    x1: float | None  # None: a single-day mark
    precision: Precision
    open_end: bool
    hover: str


@dataclass(frozen=True)
class LeftAxis:
    title: str
    scale: str  # "raw" (one analyte in its unit) or "xuln"
    y_min: float  # visible range (values, not logs)
    y_max: float
    floor: float  # where zero results are drawn


@dataclass(frozen=True)
class NoCourse:
    """A case without any time series: a plain message and the case's Table facts."""

    message: str
    facts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CourseChartData:
    title: str
    subtitle: str
    x: XAxis
    left: LeftAxis
    series: tuple[LabSeries, ...]
    dose_segments: tuple[DoseSegment, ...]
    dose_marks: tuple[DoseMark, ...]
    dose_max: float
    lane_rows: tuple[str, ...]
    lane_marks: tuple[LaneMark, ...]
    available_analytes: tuple[tuple[str, str], ...]  # (key, name) of timed analytes
    notes: tuple[str, ...]
    no_course: NoCourse | None
    dose_unknown: tuple[DoseUnknown, ...] = ()

    def unknown_line(self) -> tuple[list[float], list[float]]:
        """Vertices of the dashed unknown stretches; NaN between them."""
        xs: list[float] = []
        ys: list[float] = []
        for u in self.dose_unknown:
            xs += [u.x0, u.x1, math.nan]
            ys += [u.y0, u.y1, math.nan]
        return xs, ys

    @property
    def has_course(self) -> bool:
        return self.no_course is None

    def dose_line(self) -> tuple[list[float], list[float]]:
        """Vertices of the step line; NaN breaks it where no dose is recorded."""
        xs: list[float] = []
        ys: list[float] = []
        for i, s in enumerate(self.dose_segments):
            if i and self.dose_segments[i - 1].x1 < s.x0:
                xs.append(math.nan)
                ys.append(math.nan)
            xs += [s.x0, s.x1]
            ys += [s.pred_eq, s.pred_eq]
        return xs, ys


def number_text(v: float) -> str:
    """15,242 as the paper prints it; 2.53; 0.6."""
    if v == int(v) and abs(v) >= 10000:
        return f"{int(v):,}"
    return format_number(v)


def when_text(day: float, precision: Precision, axis: XAxis) -> str:
    about = "about " if precision != Precision.EXACT else ""
    return f"{about}{axis.day_text(day)}"
