"""Text and lines drawn over the course chart: values beside points, dose on each step,
chemotherapy cycles as faint lines. Items are pooled and reused between cases."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt

from domain.chart import CourseChartData, number_text

from . import style

MAX_VALUE_LABELS = 12  # beyond this many points or steps the labels would crowd the chart


class Annotations:
    def __init__(self, main_vb: pg.ViewBox, dose_vb: pg.ViewBox, pen_scale: float = 1.0):
        self.main_vb = main_vb
        self.dose_vb = dose_vb
        self.px = pen_scale
        self.value_labels: list[pg.TextItem] = []
        self.dose_labels: list[pg.TextItem] = []
        self.cycle_lines: list[pg.InfiniteLine] = []

    def draw_value_labels(self, data: CourseChartData) -> None:
        """The values beside the points, as the paper's figure prints them (one analyte)."""
        points = data.series[0].points if len(data.series) == 1 else ()
        if len(points) > MAX_VALUE_LABELS:
            points = ()
        while len(self.value_labels) < len(points):
            item = pg.TextItem(anchor=(-0.12, 1.05), color=style.FOREGROUND)
            item.setFont(style.font(style.TICK_PX))
            item.setZValue(3)
            self.main_vb.addItem(item, ignoreBounds=True)
            self.value_labels.append(item)
        for item, p in zip(self.value_labels, points, strict=False):
            item.setText(f"{p.comparator}{number_text(p.value)}")
            item.setColor(style.analyte_style(0, data.series[0].analyte)[0])
            item.setPos(p.day, math.log10(p.y))
            item.show()
        for item in self.value_labels[len(points) :]:
            item.hide()

    def draw_dose_labels(self, data: CourseChartData) -> None:
        """Each dose level written on its step ("55 mg"), as clinical-course figures do."""
        # each held dose, and each known point of a course whose stretches between are not
        # given (a taper's stated doses, the dose at follow-up)
        starts = {seg.x0 for seg in data.dose_segments}
        levels = [(seg.x0, seg.x1, seg.pred_eq) for seg in data.dose_segments] + [
            (m.day, m.day, m.pred_eq) for m in data.dose_marks if m.day not in starts
        ]
        levels.sort()
        segments = levels if len(levels) <= MAX_VALUE_LABELS else []
        while len(self.dose_labels) < len(segments):
            item = pg.TextItem(color=style.DOSE_COLOUR)
            item.setFont(style.font(style.TICK_PX))
            self.dose_vb.addItem(item, ignoreBounds=True)
            self.dose_labels.append(item)
        span = data.x.x_max - data.x.x_min
        previous = 0.0
        for item, (x0, x1, dose) in zip(self.dose_labels, segments, strict=False):
            item.setText(f"{number_text(dose)} mg")
            if x1 - x0 > 0.1 * span:  # room on the step: centred above it
                item.setAnchor((0.5, 1.0))
                item.setPos((x0 + x1) / 2, dose)
            elif x1 >= data.x.x_max - 0.05 * span:  # short last step: right-aligned,
                # below the line when the riser from a higher dose is above it
                item.setAnchor((1.0, 0.0 if dose < previous else 1.0))
                item.setPos(x1, dose)
            else:
                item.setAnchor((-0.05, 1.0))
                item.setPos(x0, dose)
            item.show()
            previous = dose
        for item in self.dose_labels[len(segments) :]:
            item.hide()

    def draw_cycle_lines(self, data: CourseChartData) -> None:
        # chemotherapy cycles also as faint lines across the chart: when did chemo start?
        days = [m.x0 for m in data.lane_marks if m.row.startswith("Chemotherapy") and m.x1 is None]
        while len(self.cycle_lines) < len(days):
            line = pg.InfiniteLine(
                angle=90,
                movable=False,
                pen=pg.mkPen(
                    style.CYCLE_LINE,
                    width=self.px,
                    style=Qt.PenStyle.DotLine,
                ),
            )
            line.setZValue(-5)  # behind the dose line, which shares the day of cycle 1
            self.dose_vb.addItem(line, ignoreBounds=True)
            self.cycle_lines.append(line)
        for line, day in zip(self.cycle_lines, days, strict=False):
            line.setValue(day)
            line.show()
        for line in self.cycle_lines[len(days) :]:
            line.hide()
