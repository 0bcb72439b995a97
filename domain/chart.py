"""What a case's course chart shows, computed without Qt: series, steps, marks, axes.

The chart widget and the exporters only draw this description, so everything a reader
can see (values, positions, hover text, what was left out and why) is tested here.

Decisions a reader of the chart should know (they also appear in the hover text):
- The left axis is logarithmic. A censored result ("<5") is drawn at its limit with a
  down-pointing triangle (">x": up-pointing); a result of 0 cannot sit on a log axis and is
  drawn on the axis floor with the same down-pointing triangle; the hover says which.
- Approximate days are drawn with hollow markers, exact days with filled ones.
- One analyte is drawn in its own unit with its upper normal limit (ULN) as a dashed line.
  Several analytes are drawn as multiples of each result's own ULN (results without a ULN
  cannot be and are listed in the notes); the ULN is then the line at 1.
- Steroid doses are summed per day as prednisolone-equivalent mg/day. A step without an
  end runs until the next step starts; the last one runs to the end of the chart. A day
  with no recorded step is a gap in the line, not a zero. IV pulses of 250 mg/day or more
  (prednisolone-equivalent) are marks in the treatment lane, so they do not flatten the
  line; steroids with no known equivalence ("corticosteroid, drug not specified") too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .catalogue import analytes
from .chart_axis import XAxis, XAxisMode, padded_range, parse_day0, x_axis
from .chart_outcome import outcome_marks
from .chart_treatments import steroid_line, treatment_marks
from .chart_types import (
    ChartPoint,
    CourseChartData,
    DoseMark,
    DoseSegment,
    LabSeries,
    LaneMark,
    LeftAxis,
    NoCourse,
    PointKind,
    number_text,
    when_text,
)
from .model import Case, LabResult
from .table import COLUMNS, table_row
from .units import canonical_unit, to_canonical, ucum_code, unit_note
from .vocabulary import LANE_ORDER

__all__ = [
    "ChartPoint",
    "CourseChartData",
    "DoseMark",
    "DoseSegment",
    "LabSeries",
    "LaneMark",
    "LeftAxis",
    "NoCourse",
    "PointKind",
    "XAxisMode",
    "analyte_label",
    "available_analytes",
    "course_chart",
    "no_course",
    "number_text",
    "short_reference",
]

DEFAULT_ANALYTE = "CK"
_SAME_UNIT = {"IU/L": "U/L"}


def short_reference(citation: str) -> str:
    """'Takashima et al. Intern Med 56: 719-724, 2017' from a Vancouver-style citation."""
    parts = [p.strip() for p in citation.split(". ") if p.strip()]
    if len(parts) < 3:
        return citation if len(citation) <= 110 else citation[:107] + "..."
    authors, journal = parts[0], parts[2]
    first = authors.split(",")[0].split(" ")[0]
    who = f"{first} et al." if "," in authors else first
    return f"{who} {journal.rstrip('.')}"


def _units_equal(a: str, b: str) -> bool:
    return _SAME_UNIT.get(a, a) == _SAME_UNIT.get(b, b)


def analyte_label(key: str) -> str:
    """The short name a chart uses: CK, CRP, Myoglobin, Aldolase."""
    return key[:1].upper() + key[1:]


def timed_numeric(case: Case, analyte: str) -> list[LabResult]:
    """The analyte's dated numeric results in time order (what a chart can place)."""
    return [r for r in case.lab_series(analyte) if r.value is not None and r.value >= 0]


def point_kind(r: LabResult) -> PointKind:
    """How a result sits on a log axis: measured, censored below/above, or zero."""
    if r.value == 0:
        return PointKind.ZERO
    if r.comparator in ("<", "<="):
        return PointKind.BELOW_LIMIT
    if r.comparator in (">", ">="):
        return PointKind.ABOVE_LIMIT
    return PointKind.MEASURED


def log_range(positive: list[float], has_zero: bool) -> tuple[float, float, float]:
    """(log10 low, log10 high, the floor zero results sit on) of a log axis."""
    lo = min(positive) if positive else 1.0
    hi = max(positive) if positive else 10.0
    log_lo = math.log10(lo) - (0.45 if has_zero else 0.25)
    log_hi = max(math.log10(hi) + 0.2, log_lo + 1.0)
    return log_lo, log_hi, 10 ** (log_lo + 0.05)


def available_analytes(case: Case) -> list[tuple[str, str]]:
    """Analytes with at least one dated numeric result, CK first, then catalogue order."""
    keys = {r.analyte for r in case.labs if r.day is not None and r.value is not None}
    order = list(analytes())
    ranked = sorted(
        keys, key=lambda k: (k != DEFAULT_ANALYTE, order.index(k) if k in order else 99, k)
    )
    return [(k, analytes()[k].name if k in analytes() else k) for k in ranked]


def _lab_series(
    case: Case, analyte: str, as_xuln: bool, axis: XAxis, notes: list[str]
) -> LabSeries | None:
    rows = timed_numeric(case, analyte)
    name = analyte_label(analyte)
    convert = False

    def conv(r: LabResult, v: float) -> float:
        """v of result r in the unit drawn (the canonical one when units differ)."""
        return to_canonical(analyte, v, r.unit) if convert else v

    if as_xuln:
        kept = [r for r in rows if r.ref_high]
        if len(kept) < len(rows):
            notes.append(
                f"{name}: {len(rows) - len(kept)} result(s) without an upper normal limit not drawn as × ULN."
            )
        rows, unit, uln = kept, "× ULN", 1.0
    else:
        unit = rows[0].unit if rows else ""
        if len({ucum_code(analyte, r.unit) for r in rows}) > 1 and canonical_unit(analyte):
            # units differ: every result that converts is drawn in the canonical unit
            unit = canonical_unit(analyte)
            kept = [r for r in rows if to_canonical(analyte, r.value, r.unit) is not None]
            convert = True
        else:
            kept = [r for r in rows if _units_equal(r.unit, unit)]
        if len(kept) < len(rows):
            notes.append(
                f"{name}: {len(rows) - len(kept)} result(s) in a unit that does not convert to"
                f" {unit} not drawn."
            )
        rows = kept
        limits = [conv(r, r.ref_high) for r in rows if r.ref_high]
        uln = limits[-1] if limits else None
        if len(set(limits)) > 1:
            notes.append(
                f"{name}: laboratories' upper limits differ; the line shows the latest ({number_text(uln)} {unit})."
            )
    if not rows:
        return None
    points = []
    for r in rows:
        y = r.value / r.ref_high if as_xuln else conv(r, r.value)
        kind = point_kind(r)
        text = f"{name} {r.comparator}{number_text(r.value)} {r.unit} on {when_text(r.day, r.precision, axis)}"
        if r.ref_high:
            text += f"; {number_text(round(r.value / r.ref_high, 2))} × ULN ({number_text(r.ref_high)} {r.unit})"
        if note := unit_note(r.analyte, r.unit):
            text += f"; unit {note}"
        if kind == PointKind.BELOW_LIMIT:
            text += f"; below the reporting limit, drawn at {number_text(y) if not as_xuln else format(y, '.3g')}"
        elif kind == PointKind.ABOVE_LIMIT:
            text += "; above the reporting limit, drawn at the limit"
        elif kind == PointKind.ZERO:
            text += "; 0 cannot be shown on a log axis: drawn on the axis floor"
        shown = r.value if as_xuln else conv(r, r.value)  # a label reads in the unit drawn
        points.append(ChartPoint(r.day, y, shown, r.comparator, r.precision, kind, text))
    return LabSeries(analyte, name, unit, tuple(points), uln)


def _left_axis(series: list[LabSeries], as_xuln: bool) -> tuple[LeftAxis, list[LabSeries]]:
    """The log axis's range, and the series with zero results moved onto its floor."""
    positive = [p.y for s in series for p in s.points if p.kind != PointKind.ZERO]
    positive += [s.uln for s in series if s.uln]
    has_zero = any(p.kind == PointKind.ZERO for s in series for p in s.points)
    log_lo, log_hi, floor = log_range(positive, has_zero)
    y_min = 10**log_lo
    floored = []
    for s in series:
        pts = tuple(
            ChartPoint(p.day, floor, p.value, p.comparator, p.precision, p.kind, p.hover)
            if p.kind == PointKind.ZERO
            else p
            for p in s.points
        )
        floored.append(LabSeries(s.analyte, s.name, s.unit, pts, s.uln))
    if as_xuln:
        title = "Multiple of upper normal limit (× ULN)"
    elif floored:
        title = f"{floored[0].name} ({floored[0].unit})"
    else:
        title = "Laboratory value"
    return LeftAxis(title, "xuln" if as_xuln else "raw", y_min, 10**log_hi, floor), floored


def _charted_days(case: Case) -> list[float]:
    days: list[float] = [r.day for r in case.labs if r.day is not None and r.value is not None]
    for s in case.steroid_steps:
        days += [d for d in (s.from_day, s.to_day) if d is not None]
    days += [c.day for r in case.regimens for c in r.cycles if c.day is not None]
    for t in case.treatments:
        days += [d for d in (t.start_day, t.end_day) if d is not None]
    days += [s.from_day_latest for s in case.steroid_steps if s.from_day_latest is not None]
    days += [r.day for r in case.labs if r.day is not None and r.qualitative]
    if days:
        days += [d for d in (case.outcome.followup_day, case.outcome.death_day) if d is not None]
    return days


def no_course(case: Case) -> NoCourse:
    message = (
        "No time course is recorded for this case: no dated laboratory results, steroid "
        "doses or treatments. What the source reports is below."
    )
    facts = tuple(zip(COLUMNS, table_row(case), strict=True))
    return NoCourse(message, facts)


def course_chart(
    case: Case,
    analytes_shown: Sequence[str] | None = None,
    x_mode: XAxisMode = XAxisMode.AUTO,
    allow_dates: bool = True,
) -> CourseChartData:
    """The description of a case's course chart.

    analytes_shown: analyte keys to draw (default: CK, else the first dated analyte);
    unknown or undated ones are ignored. allow_dates=False keeps calendar dates out
    (exports: a date identifies a patient).
    """
    title = case.label
    subtitle = short_reference(case.citation) if case.citation else ""
    available = available_analytes(case)
    keys = [k for k, _ in available]
    if analytes_shown is None:
        analytes_shown = keys[:1]
    shown = [k for k in dict.fromkeys(analytes_shown) if k in keys]
    days = _charted_days(case)
    x_min, x_max = padded_range(days)
    axis = x_axis(x_min, x_max, x_mode, parse_day0(case.day0_date), allow_dates)
    notes: list[str] = []
    as_xuln = len(shown) > 1
    if as_xuln and not any(r.ref_high for k in shown for r in timed_numeric(case, k)):
        # no result has an upper limit: x ULN would draw nothing; the first in its own unit
        left_out = ", ".join(analyte_label(k) for k in shown[1:])
        notes.append(
            f"No upper normal limits recorded, so the analytes cannot share a × ULN axis: "
            f"{analyte_label(shown[0])} drawn in its unit, {left_out} not drawn."
        )
        shown, as_xuln = shown[:1], False
    series = [s for k in shown if (s := _lab_series(case, k, as_xuln, axis, notes))]
    left, series = _left_axis(series, as_xuln)
    lane: list[LaneMark] = []
    segments, marks, unknown = steroid_line(case, axis, x_max, notes, lane)
    lane += treatment_marks(case, axis, x_max, notes)
    lane += outcome_marks(case, axis, notes)
    rows = [r for r in LANE_ORDER if any(m.row == r for m in lane)]
    rows[:0] = sorted({m.row for m in lane if m.row not in LANE_ORDER})  # numbered regimens
    drawn = available or segments or lane or unknown
    return CourseChartData(
        title=title,
        subtitle=subtitle,
        x=axis,
        left=left,
        series=tuple(series),
        dose_segments=tuple(segments),
        dose_marks=tuple(marks),
        dose_max=max(
            [s.pred_eq for s in segments] + [m.pred_eq for m in marks]
            + [y for u in unknown for y in (u.y0, u.y1)],
            default=0.0,
        ),
        lane_rows=tuple(rows),
        lane_marks=tuple(lane),
        available_analytes=tuple(available),
        notes=tuple(notes),
        no_course=None if drawn else no_course(case),
        dose_unknown=tuple(unknown),
    )
