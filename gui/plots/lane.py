"""The treatment lane beneath the course chart: cycles as tags, treatments as spans or marks.

Hollow means approximate, as on the chart above: an exact chemotherapy cycle is a filled
tag ("C1"), an approximate one an outlined tag; spans and marks follow the same rule.
Items are pooled and reused from one case to the next, so switching case stays fast.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

from domain.chart import CourseChartData, LaneMark
from domain.model import Precision

from . import style

TAG_MAX_CHARS = 4  # point marks with a label this short are drawn as a labelled tag


class TreatmentLane:
    """Draws the lane marks of a chart description into a PlotItem (x linked to the chart)."""

    def __init__(self, plot: pg.PlotItem, pen_scale: float = 1.0):
        self.plot = plot
        self.px = pen_scale
        self.marks: tuple[LaneMark, ...] = ()
        self.rows: tuple[str, ...] = ()
        self.bars = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[])
        self.points = pg.ScatterPlotItem(pxMode=True, useCache=False, antialias=True)
        plot.addItem(self.bars)
        plot.addItem(self.points)
        self.tags: list[pg.TextItem] = []

    def row_y(self, row: str) -> float:
        """Centre of a row: the first row is at the top."""
        return len(self.rows) - self.rows.index(row) - 0.5

    def draw(self, data: CourseChartData) -> None:
        self.rows, self.marks = data.lane_rows, data.lane_marks
        n = max(1, len(self.rows))
        self.plot.getAxis("left").setTicks([[(self.row_y(r), r) for r in self.rows]])
        self.plot.vb.setYRange(0, n, padding=0)
        spans = [m for m in self.marks if m.x1 is not None]
        if spans:
            pens, brushes = [], []
            for m in spans:
                c = self._colour(m)
                exact = m.precision == Precision.EXACT
                pens.append(style.line_pen(c, 1.5, scale=self.px))
                brushes.append(pg.mkBrush(style.colour(c, 170 if exact else 0)))
            self.bars.setOpts(
                x0=[m.x0 for m in spans],
                x1=[m.x1 for m in spans],
                y0=[self.row_y(m.row) - 0.28 for m in spans],
                y1=[self.row_y(m.row) + 0.28 for m in spans],
                pens=pens,
                brushes=brushes,
            )
            self.bars.show()
        else:
            self.bars.hide()
        tags = [m for m in self.marks if m.x1 is None and 0 < len(m.label) <= TAG_MAX_CHARS]
        dots = [m for m in self.marks if m.x1 is None and m not in tags]
        self.points.setData(
            x=[m.x0 for m in dots],
            y=[self.row_y(m.row) for m in dots],
            symbol="d",
            size=style.MARKER_SIZE + 2,
            pen=[style.line_pen(self._colour(m), 1.5, scale=self.px) for m in dots],
            brush=[
                pg.mkBrush(self._colour(m) if m.precision == Precision.EXACT else style.BACKGROUND)
                for m in dots
            ],
        )
        while len(self.tags) < len(tags):
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setFont(style.font(style.TICK_PX, bold=True))
            self.plot.addItem(item)
            self.tags.append(item)
        for item, m in zip(self.tags, tags, strict=False):
            c = self._colour(m)
            exact = m.precision == Precision.EXACT
            item.fill = pg.mkBrush(c if exact else style.BACKGROUND)
            item.border = style.line_pen(c, 1.5, scale=self.px)
            item.setColor(style.BACKGROUND if exact else c)
            item.setText(f" {m.label} ")
            item.setPos(m.x0, self.row_y(m.row))
            item.show()
        for item in self.tags[len(tags) :]:
            item.hide()

    def _colour(self, m: LaneMark) -> str:
        return style.LANE_COLOURS.get(m.row.split(" ")[0], style.LANE_COLOURS["Other"])

    def nearest(self, scene_pos: QPointF, radius: float) -> tuple[float, LaneMark, QPointF] | None:
        """The lane mark under or nearest the pointer (scene pixels), with its scene point."""
        vb = self.plot.vb
        best = None
        for m in self.marks:
            y = self.row_y(m.row)
            if m.x1 is not None:
                rect = QRectF(
                    vb.mapViewToScene(QPointF(m.x0, y + 0.3)),
                    vb.mapViewToScene(QPointF(m.x1, y - 0.3)),
                )
                if rect.normalized().adjusted(-3, -3, 3, 3).contains(scene_pos):
                    return 0.0, m, QPointF(scene_pos.x(), rect.center().y())
                continue
            p = vb.mapViewToScene(QPointF(m.x0, y))
            d = math.hypot(p.x() - scene_pos.x(), p.y() - scene_pos.y())
            if d <= radius and (best is None or d < best[0]):
                best = (d, m, p)
        return best
