"""The time axis of a course chart: range, tick positions and labels (pure Python).

Time is always plotted as days from the case's day 0 (large x values such as unix seconds
lose precision in SVG export); only the tick labels change with the chosen mode. Months
are counted as 30 days, the same convention the preloaded cases use for "after 3 months".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DAYS_PER_MONTH = 30
# auto mode: days up to a year, weeks up to two years, then months
AUTO_DAYS_MAX_SPAN = 365
AUTO_WEEKS_MAX_SPAN = 730


class XAxisMode(StrEnum):
    AUTO = "auto"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    DATES = "dates"


X_AXIS_LABELS = {
    XAxisMode.AUTO: "Automatic",
    XAxisMode.DAYS: "Days",
    XAxisMode.WEEKS: "Weeks",
    XAxisMode.MONTHS: "Months",
    XAxisMode.DATES: "Calendar dates",
}


@dataclass(frozen=True)
class XAxis:
    mode: XAxisMode  # the mode in effect (never AUTO)
    x_min: float
    x_max: float
    title: str
    major: tuple[tuple[float, str], ...]
    minor: tuple[float, ...]
    day0: date | None = None

    def day_text(self, day: float) -> str:
        """'day 14', with the calendar date when the axis shows dates."""
        text = f"day {day:g}"
        if self.day0 is not None:
            text += f" ({(self.day0 + timedelta(days=int(day))).isoformat()})"
        return text


def parse_day0(text: str) -> date | None:
    """The case's day-0 date, or None when it is blank or not an ISO date."""
    try:
        return date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def padded_range(days: list[float]) -> tuple[float, float]:
    """The x range around the charted days, padded so no mark sits on the frame."""
    if not days:
        return -1.0, 30.0
    lo, hi = min(days), max(days)
    pad = max(3.0, round(0.04 * (hi - lo)))
    return lo - pad, hi + pad


def _multiples(lo: float, hi: float, step: float, origin: float = 0.0) -> list[float]:
    first = origin + step * -(-(lo - origin) // step)  # ceil without float drift
    out, k = [], 0
    while (x := first + k * step) <= hi + 1e-9:
        out.append(x)
        k += 1
    return out


def _pick(span: float, table: tuple[tuple[float, float, float | None], ...]):
    for max_span, major, minor in table:
        if span <= max_span:
            return major, minor
    return table[-1][1], table[-1][2]


# (largest span in units, major step, minor step or None), in the axis's own unit
_DAY_STEPS = (
    (14, 1, None),
    (30, 2, 1),
    (70, 7, 1),
    (140, 14, 7),
    (420, 30, 10),
    (900, 90, 30),
    (1800, 180, 30),
    (float("inf"), 365, 90),
)
_WEEK_STEPS = ((12, 1, None), (30, 2, 1), (60, 4, 1), (120, 8, 4), (float("inf"), 26, 13))
_MONTH_STEPS = ((12, 1, None), (30, 3, 1), (72, 6, 3), (float("inf"), 12, 6))


def _unit_ticks(lo, hi, unit_days, steps, title) -> tuple[list, list, str]:
    span = (hi - lo) / unit_days
    major, minor = _pick(span, steps)
    majors = _multiples(lo, hi, major * unit_days)
    minors = [] if minor is None else _multiples(lo, hi, minor * unit_days)
    labels = [(x, f"{x / unit_days:g}") for x in majors]
    minors = [x for x in minors if all(abs(x - m) > 1e-6 for m in majors)]
    return labels, minors, title


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _date_ticks(lo: float, hi: float, day0: date) -> tuple[list, list]:
    first, last = day0 + timedelta(days=int(lo)), day0 + timedelta(days=int(hi) + 1)
    span = hi - lo
    if span <= 70:  # weekly, on Mondays
        start = first + timedelta(days=(7 - first.weekday()) % 7)
        majors, d = [], start
        while d <= last:
            majors.append(d)
            d += timedelta(days=7)
        labels = [((m - day0).days, f"{m.day} {calendar.month_abbr[m.month]}") for m in majors]
        if labels:
            x, text = labels[0]
            labels[0] = (x, f"{text} {majors[0].year}")
        return [(x, t) for x, t in labels if lo <= x <= hi], []
    step = 1 if span <= 420 else 3 if span <= 1100 else 6 if span <= 2200 else 12
    months, d = [], _add_months(first, 0 if first.day == 1 else 1)
    while d <= last:
        if (d.month - 1) % step == 0:
            months.append(d)
        d = _add_months(d, 1)
    labels = []
    for i, m in enumerate(months):
        text = calendar.month_abbr[m.month]
        if i == 0 or m.month == 1:
            text += f" {m.year}"
        labels.append(((m - day0).days, text))
    return [(x, t) for x, t in labels if lo <= x <= hi], []


def x_axis(
    x_min: float, x_max: float, mode: XAxisMode, day0: date | None, allow_dates: bool = True
) -> XAxis:
    """Ticks and title for the range in the chosen mode (AUTO resolves to one of the others).

    AUTO shows calendar dates when day 0 has a date and dates are allowed (exports leave
    them out by default: a date is a personal identifier); otherwise days up to a year,
    then weeks, then months.
    """
    if mode == XAxisMode.DATES and (day0 is None or not allow_dates):
        mode = XAxisMode.AUTO
    span = x_max - x_min
    if mode == XAxisMode.AUTO:
        if day0 is not None and allow_dates:
            mode = XAxisMode.DATES
        elif span <= AUTO_DAYS_MAX_SPAN:
            mode = XAxisMode.DAYS
        elif span <= AUTO_WEEKS_MAX_SPAN:
            mode = XAxisMode.WEEKS
        else:
            mode = XAxisMode.MONTHS
    if mode == XAxisMode.DATES:
        assert day0 is not None
        major, minor = _date_ticks(x_min, x_max, day0)
        title = f"Date (day 0 = {day0.isoformat()})"
        return XAxis(mode, x_min, x_max, title, tuple(major), tuple(minor), day0)
    if mode == XAxisMode.WEEKS:
        major, minor, title = _unit_ticks(x_min, x_max, 7, _WEEK_STEPS, "Weeks from day 0")
    elif mode == XAxisMode.MONTHS:
        major, minor, title = _unit_ticks(
            x_min, x_max, DAYS_PER_MONTH, _MONTH_STEPS, "Months from day 0 (30-day months)"
        )
    else:
        major, minor, title = _unit_ticks(x_min, x_max, 1, _DAY_STEPS, "Days from day 0")
    return XAxis(mode, x_min, x_max, title, tuple(major), tuple(minor))
