"""The drawing of a course chart: CK on a log axis, the steroid dose on a right-hand axis,
the treatment lane beneath; everything the screen and the exports show.

The dose lives in its own ViewBox linked on x (pyqtgraph's MultiplePlotAxes recipe) with
its own AxisItem; that ViewBox sits in the scene, not in the PlotItem, so its geometry is
re-synced whenever the plot resizes, and its curve is added to the legend by hand. Items
are created once and updated by draw(), so switching case does not rebuild the widget.
"""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QGraphicsEllipseItem

from domain.chart import CourseChartData, PointKind
from domain.model import Precision

from . import style
from .annotations import Annotations
from .axes import LogValueAxis, PlainAxis
from .hover import nearest_readout
from .lane import TreatmentLane

LEFT_AXIS_MIN_WIDTH = 78
RIGHT_AXIS_WIDTH = 64
DOSE_AXIS_TITLE = "Prednisolone-equivalent dose (mg/day)"


def nice_ceiling(v: float) -> float:
    """A round upper limit for the dose axis: 80 for 70, 30 for 26."""
    if v <= 0:
        return 10.0
    step = 10 ** math.floor(math.log10(v))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * step >= v:
            return m * step
    return 10 * step


class _SeriesItems:
    """The line and markers of one analyte, reused between draws."""

    def __init__(self, vb: pg.ViewBox):
        self.line = pg.PlotCurveItem(antialias=True)
        self.line.setSegmentedLineMode("off")
        self.markers = pg.ScatterPlotItem(pxMode=True, useCache=False, antialias=True)
        self.markers.setZValue(2)
        vb.addItem(self.line)
        vb.addItem(self.markers)
        self.sample = pg.PlotDataItem(antialias=True)  # legend sample: line and filled marker

    def hide(self) -> None:
        self.line.hide()
        self.markers.hide()


class ChartView(pg.GraphicsLayoutWidget):
    """Draws a CourseChartData; emits hover_changed with the read-out under the pointer."""

    hover_changed = Signal(str)

    def __init__(self, parent=None, pen_scale: float = 1.0):
        super().__init__(parent)
        self.px = pen_scale  # pen widths are device pixels: exports at 3x need 3x pens
        self.setBackground(style.BACKGROUND)
        self.data: CourseChartData | None = None
        self.ci.setContentsMargins(10, 8, 14, 6)
        self.ci.setSpacing(0)
        self.title = self.addLabel("", row=0, col=0)
        self.left_axis = LogValueAxis("left")
        self.dose_axis = PlainAxis("right")
        self.main = self.addPlot(
            row=1, col=0, axisItems={"left": self.left_axis, "right": self.dose_axis}
        )
        self.lane_plot = self.addPlot(row=2, col=0, axisItems={"left": pg.AxisItem("left")})
        # what the chart leaves out (steps or cycles without a day ...): in the scene, so
        # every export carries the note the window shows (row 3 holds a legend put below)
        self.footnote = self.addLabel("", row=4, col=0, justify="left")
        self._setup_main()
        self._setup_lane()
        self.dose_vb = pg.ViewBox(enableMenu=False)
        self.dose_vb.setMouseEnabled(x=False, y=False)
        self.main.scene().addItem(self.dose_vb)
        self.dose_vb.setZValue(-10)  # under the CK markers; the main ViewBox takes the mouse
        self.dose_axis.linkToView(self.dose_vb)
        self.dose_vb.setXLink(self.main.vb)
        self.main.vb.sigResized.connect(self._sync_dose_geometry)
        # the area under the dose, the chemotherapy lines (Annotations, z -5), then the
        # dose line: separate items so the lines show on the fill but under the step
        self.dose_fill = pg.PlotDataItem(
            pen=None, fillLevel=0, fillBrush=pg.mkBrush(style.DOSE_FILL), connect="finite"
        )
        self.dose_fill.setZValue(-10)
        self.dose_curve = pg.PlotDataItem(
            pen=style.line_pen(style.DOSE_COLOUR, style.DOSE_WIDTH, scale=self.px),
            connect="finite",
            antialias=True,
        )
        # one path per series (not a line per segment): editable as one object in SVG
        self.dose_curve.curve.setSegmentedLineMode("off")
        self.dose_sample = pg.PlotDataItem(
            pen=style.line_pen(style.DOSE_COLOUR, style.DOSE_WIDTH, scale=self.px)
        )
        self.dose_marks = pg.ScatterPlotItem(pxMode=True, useCache=False, antialias=True)
        # what the source does not give (a taper's schedule, the change to the dose at
        # follow-up): dashed between the known points, with no fill beneath
        unknown_pen = style.line_pen(
            style.DOSE_COLOUR, style.DOSE_WIDTH * 0.8, dashed=True, scale=self.px
        )
        self.dose_unknown = pg.PlotDataItem(pen=unknown_pen, connect="finite", antialias=True)
        self.dose_unknown_sample = pg.PlotDataItem(pen=unknown_pen)
        self.dose_vb.addItem(self.dose_fill)
        self.dose_vb.addItem(self.dose_unknown)
        self.dose_vb.addItem(self.dose_curve)
        self.dose_vb.addItem(self.dose_marks)
        # the limit spans exactly the visible x range (kept so on zoom), so SVG programs
        # that ignore clip paths still show it inside the frame
        uln_pen = style.line_pen(style.ULN_COLOUR, 1.5, dashed=True, scale=self.px)
        self.uln_line = pg.PlotCurveItem(pen=uln_pen)
        self.uln_y = 0.0
        self.main.vb.addItem(self.uln_line, ignoreBounds=True)
        self.main.vb.sigXRangeChanged.connect(self._fit_uln)
        self.uln_sample = pg.PlotDataItem(pen=uln_pen)
        self.series: list[_SeriesItems] = []
        self.legend = pg.LegendItem(
            offset=(-8, 8),
            labelTextSize=f"{style.LEGEND_PX}px",
            labelTextColor=style.FOREGROUND,
            pen=style.line_pen("#bbbbbb", 1, scale=self.px),
            brush=pg.mkBrush(255, 255, 255, 230),
            verSpacing=-4,
        )
        self.legend.setParentItem(self.main.vb)
        # pyqtgraph's legend ignores transformations; exports scale the scene, so must it
        self.legend.setFlag(self.legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self.legend.setZValue(20)
        self._legend_samples = self._make_legend_samples()
        self.annotations = Annotations(self.main.vb, self.dose_vb, self.px)
        self.highlight = QGraphicsEllipseItem(-7, -7, 14, 14)
        self.highlight.setPen(style.line_pen(style.HIGHLIGHT_COLOUR, 2, scale=self.px))
        self.highlight.setZValue(100)
        self.highlight.hide()
        self.scene().addItem(self.highlight)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    # -- construction ---------------------------------------------------------------------

    def _setup_main(self) -> None:
        m = self.main
        m.setMenuEnabled(False)
        m.hideButtons()
        m.showAxis("right")
        for name in ("left", "right", "bottom"):
            style.style_axis(m.getAxis(name), scale=self.px)
        m.getAxis("bottom").setStyle(showValues=False)
        m.vb.setMouseEnabled(x=True, y=True)
        m.vb.setDefaultPadding(0)

    def _setup_lane(self) -> None:
        lane = self.lane_plot
        lane.setMenuEnabled(False)
        lane.hideButtons()
        lane.setXLink(self.main)
        lane.vb.setMouseEnabled(x=True, y=False)
        lane.vb.setDefaultPadding(0)
        lane.showAxis("right")
        for name in ("left", "bottom", "right"):
            style.style_axis(lane.getAxis(name), scale=self.px)
        # no tick marks on the row labels (zero-length ticks still paint dots)
        lane.getAxis("left").setTickPen(pg.mkPen(None))
        right = lane.getAxis("right")
        right.setPen(pg.mkPen(None))
        right.setTickPen(pg.mkPen(None))
        right.setTicks([[], []])
        right.setStyle(showValues=False, tickLength=0)
        right.setWidth(RIGHT_AXIS_WIDTH)
        self.lane = TreatmentLane(lane, self.px)

    def _make_legend_samples(self) -> dict[str, pg.GraphicsObject]:
        grey = "#444444"
        size = style.MARKER_SIZE

        def sample(symbol: str, size: float, fill: str) -> pg.ScatterPlotItem:
            pen = style.line_pen(grey, 1.5, scale=self.px)
            return pg.ScatterPlotItem(
                antialias=True, symbol=symbol, size=size, pen=pen, brush=pg.mkBrush(fill)
            )

        return {
            "approx": sample("o", size, style.BACKGROUND),  # hollow: approximate day
            "below": sample(style.SYMBOL_BELOW, size + 2, grey),
            "above": sample(style.SYMBOL_ABOVE, size + 2, grey),
        }

    def _sync_dose_geometry(self) -> None:
        self.dose_vb.setGeometry(self.main.vb.sceneBoundingRect())
        self.dose_vb.linkedViewChanged(self.main.vb, self.dose_vb.XAxis)

    # -- drawing --------------------------------------------------------------------------

    def draw(self, data: CourseChartData) -> None:
        """Show a chart description (a case with a course)."""
        self.highlight.hide()
        self.set_title(data)
        self._draw_axes(data)
        self.legend.clear()
        self._draw_series(data)
        self._draw_dose(data)
        self._draw_lane(data)
        self._draw_footnote(data)
        self.annotations.draw_value_labels(data)
        style.use_chart_font(self.scene())
        self.reset_zoom()

    def set_title(self, data: CourseChartData) -> None:
        """The title and subtitle alone (a renamed case needs no other redrawing)."""
        self.data = data
        sub = (
            f"<br><span style='font-size:{style.SUBTITLE_PX}px'>{escape(data.subtitle)}</span>"
            if data.subtitle
            else ""
        )
        self.title.setText(
            f"<span style='font-size:{style.TITLE_PX}px; font-weight:bold'>{escape(data.title)}</span>{sub}",
            color=style.FOREGROUND,
        )

    def _draw_axes(self, data: CourseChartData) -> None:
        has_lab = bool(data.series)
        has_dose = bool(data.dose_segments or data.dose_unknown or data.dose_marks)
        self.left_axis.setLabel(
            data.left.title if has_lab else "",
            **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND},
        )
        self.left_axis.setStyle(showValues=has_lab)
        self.dose_axis.setLabel(
            DOSE_AXIS_TITLE if has_dose else "",
            **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND},
        )
        self.dose_axis.setStyle(showValues=has_dose)
        self.dose_axis.setWidth(RIGHT_AXIS_WIDTH)
        lane_axis = self.lane_plot.getAxis("left")
        metrics = pg.QtGui.QFontMetrics(style.font(style.TICK_PX))
        widest = max((metrics.horizontalAdvance(r) for r in data.lane_rows), default=0)
        width = max(LEFT_AXIS_MIN_WIDTH, widest + 14)
        self.left_axis.setWidth(width)
        lane_axis.setWidth(width)
        bottom = self.lane_plot.getAxis("bottom")
        bottom.setLabel(
            data.x.title, **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND}
        )
        ticks = [list(data.x.major), [(x, "") for x in data.x.minor]]
        bottom.setTicks(ticks)
        self.main.getAxis("bottom").setTicks(ticks)
        rows = max(1, len(data.lane_rows))
        self.ci.layout.setRowFixedHeight(2, rows * style.LANE_ROW_PX + 48)
        self.lane_plot.setVisible(True)

    def _draw_series(self, data: CourseChartData) -> None:
        while len(self.series) < len(data.series):
            self.series.append(_SeriesItems(self.main.vb))
        for items in self.series[len(data.series) :]:
            items.hide()
        for i, (s, items) in enumerate(zip(data.series, self.series, strict=False)):
            c, symbol = style.analyte_style(i, s.analyte)
            xs = [p.day for p in s.points]
            ys = [math.log10(p.y) for p in s.points]
            items.line.setData(xs, ys, pen=style.line_pen(c, scale=self.px))
            symbols, brushes = [], []
            for p in s.points:
                symbols.append(
                    {
                        PointKind.BELOW_LIMIT: style.SYMBOL_BELOW,
                        PointKind.ZERO: style.SYMBOL_BELOW,
                        PointKind.ABOVE_LIMIT: style.SYMBOL_ABOVE,
                    }.get(p.kind, symbol)
                )
                brushes.append(pg.mkBrush(style.BACKGROUND if p.approximate else c))
            items.markers.setData(
                xs,
                ys,
                symbol=symbols,
                brush=brushes,
                pen=style.line_pen(c, 1.8, scale=self.px),
                size=style.MARKER_SIZE + 1,
            )
            items.line.show()
            items.markers.show()
            sample = items.sample  # the legend draws from these opts; the item holds no data
            sample.setPen(style.line_pen(c, scale=self.px))
            sample.opts["symbol"] = symbol
            sample.scatter.setPen(style.line_pen(c, 1.8, scale=self.px))
            sample.scatter.setBrush(pg.mkBrush(c))
            sample.scatter.setSize(style.MARKER_SIZE)
            self.legend.addItem(
                items.sample, f"{s.name} ({s.unit})" if s.unit != "× ULN" else s.name
            )
        self._draw_uln(data)
        kinds = {p.kind for s in data.series for p in s.points}
        if (
            any(p.approximate for s in data.series for p in s.points)
            or any(m.precision != Precision.EXACT for m in data.dose_marks)
            or any(m.precision != Precision.EXACT for m in data.lane_marks)
        ):  # every hollow mark, the lane's too
            self.legend.addItem(self._legend_samples["approx"], "Hollow: approximate day")
        if kinds & {PointKind.BELOW_LIMIT, PointKind.ZERO}:
            label = "Below reporting limit (drawn at the limit)"
            if PointKind.ZERO in kinds:
                label = "Below limit, or 0 (drawn on the axis floor)"
            self.legend.addItem(self._legend_samples["below"], label)
        if PointKind.ABOVE_LIMIT in kinds:
            self.legend.addItem(
                self._legend_samples["above"], "Above reporting limit (drawn at the limit)"
            )

    def _draw_uln(self, data: CourseChartData) -> None:
        ulns = [s.uln for s in data.series if s.uln]
        if not ulns:
            self.uln_line.hide()
            return
        uln = ulns[0] if data.left.scale == "raw" else 1.0
        y = math.log10(uln)
        self.uln_y = y
        self._fit_uln()
        self.uln_line.show()
        if data.left.scale == "raw":
            s = data.series[0]
            label = f"Upper normal limit ({uln:g} {s.unit})"
        else:
            label = "Upper normal limit (1 × ULN)"
        self.legend.addItem(self.uln_sample, label)

    def _fit_uln(self, *_) -> None:
        x0, x1 = self.main.vb.viewRange()[0]
        self.uln_line.setData([x0, x1], [self.uln_y, self.uln_y])

    def _draw_dose(self, data: CourseChartData) -> None:
        xs, ys = data.dose_line()
        self.dose_curve.setData(xs, ys)
        self.dose_fill.setData(xs, ys)
        self.dose_marks.setData(
            x=[m.day for m in data.dose_marks],
            y=[m.pred_eq for m in data.dose_marks],
            symbol="s",
            size=style.MARKER_SIZE - 2,
            pen=style.line_pen(style.DOSE_COLOUR, 1.6, scale=self.px),
            brush=[
                pg.mkBrush(
                    style.BACKGROUND if m.precision != Precision.EXACT else style.DOSE_COLOUR
                )
                for m in data.dose_marks
            ],
        )
        ux, uy = data.unknown_line()
        self.dose_unknown.setData(ux, uy)
        self.dose_vb.setYRange(0, nice_ceiling(data.dose_max * 1.12), padding=0)
        self.annotations.draw_dose_labels(data)
        if data.dose_segments or data.dose_marks:
            self.legend.addItem(self.dose_sample, "Steroid, prednisolone-equivalent (mg/day)")
        if data.dose_unknown:
            self.legend.addItem(self.dose_unknown_sample, "Dashed: course between stated doses not given")

    def _draw_footnote(self, data: CourseChartData) -> None:
        text = "<br>".join(escape(n) for n in data.notes)  # a note a line: none cut off
        self.footnote.setText(
            f"<span style='font-size:{style.LEGEND_PX}px'>{text}</span>" if text else "",
            color=style.FOREGROUND,
        )
        self.footnote.setMaximumHeight(10_000 if text else 0)
        self.footnote.setVisible(bool(text))

    def _draw_lane(self, data: CourseChartData) -> None:
        self.lane.draw(data)
        self.annotations.draw_cycle_lines(data)

    def reset_zoom(self) -> None:
        """Back to the whole course."""
        if self.data is None:
            return
        d = self.data
        self.main.vb.setRange(
            xRange=(d.x.x_min, d.x.x_max),
            yRange=(math.log10(d.left.y_min), math.log10(d.left.y_max)),
            padding=0,
        )

    # -- hover ----------------------------------------------------------------------------

    def hover_text_at(self, scene_pos: QPointF) -> tuple[str, QPointF | None]:
        """The read-out of the nearest point (or dose step, or lane mark) to a scene point."""
        return nearest_readout(self, scene_pos)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text, at = self.hover_text_at(scene_pos)
        if at is not None:
            self.highlight.setPos(at)
            self.highlight.show()
        else:
            self.highlight.hide()
        self.hover_changed.emit(text)

    def leaveEvent(self, event) -> None:
        self.highlight.hide()
        self.hover_changed.emit("")
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Home:
            self.reset_zoom()
            return
        super().keyPressEvent(event)
