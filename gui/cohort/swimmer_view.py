"""The swimmer plot: one lane per case, treatments as marks, the end marker as the outcome.

Drawn with a handful of pyqtgraph items whatever the number of cases (one bar item per
treatment kind and precision, one scatter per mark kind), so 500 lanes stay quick.
Approximate days are drawn hollow (points) or pale (bars).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox

from domain.model import Case, TreatmentKind
from domain.swimmer import SORTS, End, SwimmerData, swimmer
from domain.vocabulary import LANE_OF_KIND

from ..plots import style
from .plot_view import CohortPlotView

K = TreatmentKind
# bar kinds: height of the bar within the lane (steroid widest, beneath the others)
_BARS = {K.STEROID: 0.55, K.RADIOTHERAPY: 0.3, K.IVIG: 0.3, K.IMMUNOSUPPRESSANT: 0.3,
         K.OTHER: 0.3}
_POINTS = {K.STEROID: "o", K.CHEMOTHERAPY: "|", K.SURGERY: "s", K.RADIOTHERAPY: "d", K.IVIG: "d",
           K.IMMUNOSUPPRESSANT: "d", K.OTHER: "d"}
# the course chart's lane colours, except that steroid and radiotherapy share a blue there
# (different lanes) and share a lane here
_COLOURS = {K.STEROID: "#8CC4EC", K.CHEMOTHERAPY: "#009E73", K.RADIOTHERAPY: "#D55E00",
            K.IVIG: "#E69F00", K.IMMUNOSUPPRESSANT: "#CC79A7", K.SURGERY: "#000000",
            K.OTHER: "#777777"}
_END = {End.DEAD: ("x", "#000000"), End.ALIVE: ("t2", "#009E73"), End.UNKNOWN: ("o", "#999999")}
_END_WORDS = {End.DEAD: "dead", End.ALIVE: "alive at last follow-up", End.UNKNOWN: "not known"}


class SwimmerView(CohortPlotView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._cases: list[Case] = []
        self.data: SwimmerData | None = None
        self.sort = QComboBox()
        for key in SORTS:
            self.sort.addItem(f"Sort by {key}", key)
        self.sort.currentIndexChanged.connect(self._redraw)
        # the legend at the bottom right: the longest lanes are on top
        self._build([self.sort], offset=(-8, -8))
        self.plot.getAxis("bottom").setLabel(
            "Days from day 0", **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND}
        )
        self.plot.setTitle("Cases from day 0 to last follow-up", size=f"{style.TITLE_PX}px",
                           color=style.FOREGROUND)
        self.note.setObjectName("swimmerNote")

    def set_cases(self, cases: list[Case]) -> None:
        self._cases = cases
        self._redraw()

    def _redraw(self, *_args) -> None:
        d = self.data = swimmer(self._cases, self.sort.currentData() or "follow-up")
        self.plot.clear()
        self.legend.clear()
        n = len(d.lanes)
        ys = np.arange(n, 0, -1, dtype=float)  # first lane on top
        if n:
            ends = np.array([lane.end_day for lane in d.lanes])
            self.plot.addItem(pg.BarGraphItem(x0=np.zeros(n), x1=ends, y=ys, height=0.8,
                                              brush="#e6e6e6", pen=None))
        bars: dict[tuple, list] = defaultdict(list)
        points: dict[tuple, list] = defaultdict(list)
        for y, lane in zip(ys, d.lanes, strict=True):
            for m in lane.marks:
                if m.end is not None and m.kind in _BARS and m.end > m.start:
                    bars[(m.kind, m.approximate)].append((m.start, m.end, y))
                else:
                    points[(m.kind, m.approximate)].append((m.start, y))
        for (kind, approx), rows in sorted(bars.items(), key=lambda kv: -_BARS[kv[0][0]]):
            c = style.colour(_COLOURS[kind], 100 if approx else 255)
            a = np.array(rows)
            item = pg.BarGraphItem(
                x0=a[:, 0], x1=a[:, 1], y=a[:, 2], height=_BARS[kind], brush=c,
                pen=None,  # no outline: the steps of a taper join into one bar
            )
            self.plot.addItem(item)
            self.legend.addItem(item, LANE_OF_KIND[kind] + (" (approximate days)" if approx
                                                            else ""))
        for (kind, approx), rows in sorted(points.items(), key=lambda kv: kv[0][0].value):
            c = _COLOURS[kind]
            a = np.array(rows)
            item = pg.ScatterPlotItem(
                x=a[:, 0], y=a[:, 1], symbol=_POINTS[kind], size=11,
                pen=pg.mkPen(style.colour(c, 110 if approx else 255), width=2),
                brush=None if approx else pg.mkBrush(c),
                name=LANE_OF_KIND[kind] + (" (approximate day)" if approx else ""),
            )
            self.plot.addItem(item)
        for end, (symbol, c) in _END.items():
            sel = [(lane.end_day, y) for y, lane in zip(ys, d.lanes, strict=True)
                   if lane.end == end]
            if sel:
                a = np.array(sel)
                self.plot.addItem(pg.ScatterPlotItem(
                    x=a[:, 0], y=a[:, 1], symbol=symbol, size=13, pen=None,
                    brush=pg.mkBrush(c), name=f"End: {_END_WORDS[end]}"))
        approx_ends = [(lane.end_day, y) for y, lane in zip(ys, d.lanes, strict=True)
                       if lane.end_approximate]
        if approx_ends:
            a = np.array(approx_ends)
            self.plot.addItem(pg.ScatterPlotItem(
                x=a[:, 0], y=a[:, 1], symbol="o", size=20, pen=pg.mkPen("#777777", width=1),
                brush=None, name="End day approximate"))
        labels = [(float(y), lane.label) for y, lane in zip(ys, d.lanes, strict=True)]
        step = max(1, n // 40)  # at most ~40 names on the axis; all lanes stay drawn
        self.plot.getAxis("left").setTicks([labels[::step], []])
        extra = max(0, 8 - n) / 2  # a few lanes keep the height of many
        self.plot.setYRange(0.3 - extra, n + 0.7 + extra, padding=0)
        if n:
            self.plot.setXRange(0, max(lane.end_day for lane in d.lanes) * 1.04, padding=0)
        words = [f"{len(d.lanes)} lane{'s' if len(d.lanes) != 1 else ''}"]
        unknown = sum(not lane.followup_known for lane in d.lanes)
        if unknown:
            words.append(f"{unknown} end at their last recorded day (follow-up not known)")
        if d.left_out:
            words.append(
                f"{len(d.left_out)} cases without any recorded day are not drawn: "
                + ", ".join(label for label, _why in d.left_out[:20])
                + (" ..." if len(d.left_out) > 20 else "")
            )
        self.note.setText("; ".join(words) + ".")
