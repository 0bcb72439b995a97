"""Axis items of the charts: a log axis that labels plain numbers, fixed-tick axes."""

from __future__ import annotations

import math

import pyqtgraph as pg

from domain.chart import number_text

_MINOR = tuple(math.log10(m) for m in range(2, 10))


def value_text(v: float) -> str:
    """Tick label of a positive value: 0.1, 1, 50, 1,000, 10,000."""
    if v >= 1:
        v = round(v)
        return f"{v:,}" if v >= 1000 else str(v)
    return f"{v:.3g}"


class LogValueAxis(pg.AxisItem):
    """A logarithmic value axis for data already plotted as log10(value).

    We transform the data ourselves rather than use PlotItem.setLogMode, which would also
    turn the dose axis logarithmic. Ticks label decades as plain numbers (10,000, not
    10⁴); when fewer than three decades show, 2 and 5 are labelled too.
    """

    def tickValues(self, minVal: float, maxVal: float, size: float):
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal:
            return []
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        decades = [float(k) for k in range(lo, hi + 1) if minVal <= k <= maxVal]
        minor = [k + m for k in range(lo - 1, hi + 1) for m in _MINOR]
        minor = [v for v in minor if minVal <= v <= maxVal]
        if len(decades) < 3:
            labelled = [v for v in minor if round(10 ** (v - math.floor(v))) in (2, 5)]
            minor = [v for v in minor if v not in labelled]
            return [(1.0, decades), (0.5, labelled), (None, minor)]
        return [(1.0, decades), (None, minor)]

    def tickStrings(self, values, scale, spacing):
        if spacing is None:
            return ["" for _ in values]
        return [value_text(10**v) for v in values]


class PlainAxis(pg.AxisItem):
    """A linear axis with plain-number labels (no SI prefix, no 1e+02)."""

    def tickStrings(self, values, scale, spacing):
        return [number_text(round(v, 6)) for v in values]
