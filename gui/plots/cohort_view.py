"""Cohort overlay: several cases' CK as multiples of the upper limit, aligned in time.

    view = CohortView()
    view.set_cases(cases)                       # the cases the user selected
    view.align  # the alignment: a combo box in the view (steroid or chemotherapy start)

Cases that cannot be placed are listed under the chart with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from domain.chart import PointKind
from domain.cohort import ALIGNMENT_LABELS, Alignment, CohortChartData, cohort_overlay
from domain.model import Case, Precision

from ..layouts import panel
from . import style
from .axes import LogValueAxis

HOVER_RADIUS = 14.0
COHORT_STYLES = (
    ("#D55E00", "o"),
    ("#0072B2", "s"),
    ("#009E73", "d"),
    ("#CC79A7", "p"),
    ("#E69F00", "h"),
    ("#56B4E9", "star"),
    ("#000000", "o"),
    ("#999999", "s"),
)


class CohortView(QWidget):
    """CK × ULN of several cases on one log axis, day 0 = the chosen start."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._cases: list[Case] = []
        self._data: CohortChartData | None = None
        self.align = QComboBox()
        for a, label in ALIGNMENT_LABELS.items():
            self.align.addItem(label, a)
        self.align.currentIndexChanged.connect(self._redraw)
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogValueAxis("left")})
        self.plot_widget.setBackground(style.BACKGROUND)
        self.plot = self.plot_widget.getPlotItem()
        style.plain_plot(self.plot)
        self.plot.getAxis("left").setLabel(
            "CK, multiple of upper normal limit (× ULN)",
            **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND},
        )
        self.uln = pg.InfiniteLine(
            pos=0.0, angle=0, movable=False, pen=style.line_pen(style.ULN_COLOUR, 1.5, dashed=True)
        )
        self.start = pg.InfiniteLine(
            pos=0.0, angle=90, movable=False, pen=style.line_pen("#777777", 1, dashed=True)
        )
        self.plot.addItem(self.uln, ignoreBounds=True)
        self.plot.addItem(self.start, ignoreBounds=True)
        self.legend = style.add_legend(self.plot, alpha=230, offset=(-8, 8),
                                       labelTextSize=f"{style.LEGEND_PX}px")
        self.curves: list[pg.PlotDataItem] = []
        self.samples: list[pg.PlotDataItem] = []
        grey = "#444444"
        self._approx_sample = pg.ScatterPlotItem(
            antialias=True,
            symbol="o",
            size=style.MARKER_SIZE,
            pen=style.line_pen(grey, 1.5),
            brush="w",
        )
        self._below_sample = pg.ScatterPlotItem(
            antialias=True,
            symbol=style.SYMBOL_BELOW,
            size=style.MARKER_SIZE + 2,
            pen=grey,
            brush=grey,
        )
        self.excluded = QLabel("")
        self.excluded.setObjectName("cohortExcluded")
        self.excluded.setWordWrap(True)
        self.readout = QLabel(" ")
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        panel(self, [QLabel("Align at:"), self.align], self.plot_widget, self.readout,
              self.excluded)
        self._redraw()

    def set_cases(self, cases: Sequence[Case]) -> None:
        self._cases = list(cases)
        self._redraw()

    def alignment(self) -> Alignment:
        return Alignment(self.align.currentData())

    def data(self) -> CohortChartData | None:
        return self._data

    def _redraw(self) -> None:
        d = self._data = cohort_overlay(self._cases, self.alignment())
        self.legend.clear()
        while len(self.curves) < len(d.series):
            curve = pg.PlotDataItem(antialias=True)
            self.plot.addItem(curve)
            self.curves.append(curve)
            # the legend draws a single symbol; a per-point symbol list would crash it
            self.samples.append(pg.PlotDataItem(antialias=True))
        for curve in self.curves[len(d.series) :]:
            curve.setData([], [])
            curve.hide()
        for i, (s, curve) in enumerate(zip(d.series, self.curves, strict=False)):
            c, symbol = COHORT_STYLES[i % len(COHORT_STYLES)]
            symbols = [
                style.SYMBOL_BELOW
                if p.kind in (PointKind.BELOW_LIMIT, PointKind.ZERO)
                else style.SYMBOL_ABOVE
                if p.kind == PointKind.ABOVE_LIMIT
                else symbol
                for p in s.points
            ]
            curve.setData(
                [p.x for p in s.points],
                [math.log10(p.y) for p in s.points],
                pen=style.line_pen(c),
                symbol=symbols,
                symbolSize=style.MARKER_SIZE,
                symbolPen=style.line_pen(c, 1.8),
                symbolBrush=[
                    pg.mkBrush(style.BACKGROUND if p.precision != Precision.EXACT else c)
                    for p in s.points
                ],
            )
            curve.show()
            sample = self.samples[i]
            sample.setPen(style.line_pen(c))
            sample.opts["symbol"] = symbol
            sample.scatter.setPen(style.line_pen(c, 1.8))
            sample.scatter.setBrush(pg.mkBrush(c))
            sample.scatter.setSize(style.MARKER_SIZE)
            self.legend.addItem(sample, s.label)
        points = [p for s in d.series for p in s.points]
        if any(p.precision != Precision.EXACT for p in points):
            self.legend.addItem(self._approx_sample, "Hollow: approximate day")
        if any(p.kind in (PointKind.BELOW_LIMIT, PointKind.ZERO) for p in points):
            self.legend.addItem(self._below_sample, "Below limit, or 0 (on the axis floor)")
        self.plot.getAxis("bottom").setLabel(
            d.x.title, **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND}
        )
        self.plot.getAxis("bottom").setTicks([list(d.x.major), [(x, "") for x in d.x.minor]])
        self.plot.vb.setRange(
            xRange=(d.x.x_min, d.x.x_max),
            yRange=(math.log10(d.y_min), math.log10(d.y_max)),
            padding=0,
        )
        if not self._cases:
            self.excluded.setText("Select cases to compare their CK courses.")
        elif d.excluded:
            self.excluded.setText(
                "Not shown: " + "; ".join(f"{label} ({why})" for label, why in d.excluded) + "."
            )
        else:
            self.excluded.setText("")

    def hover_text_at(self, scene_pos: QPointF) -> str:
        best = None
        for s in self._data.series if self._data else ():
            for p in s.points:
                sp = self.plot.vb.mapViewToScene(QPointF(p.x, math.log10(p.y)))
                d = math.hypot(sp.x() - scene_pos.x(), sp.y() - scene_pos.y())
                if d <= HOVER_RADIUS and (best is None or d < best[0]):
                    best = (d, p.hover)
        return best[1] if best else ""

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.hover_text_at(scene_pos)
        self.readout.setText(text or " ")
