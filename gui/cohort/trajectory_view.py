"""CK over time for the chosen cases, by group: thin lines per case, the median thick."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox

from domain.cohort import ALIGNMENT_LABELS, Alignment
from domain.model import Case
from domain.trajectories import Scale, lasagna, trajectories

from ..plots import style
from ..plots.axes import LogValueAxis
from .plot_view import CohortPlotView
from .survival_view import COLOURS


class TrajectoryView(CohortPlotView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[tuple[str, list[Case]]] = []
        self.align = QComboBox()
        for a, label in ALIGNMENT_LABELS.items():
            self.align.addItem(f"Align at: {label.lower()}", a)
        self.scale = QComboBox()
        for s in Scale:
            self.scale.addItem(f"CK as {s.value}", s)
        self.mode = QComboBox()
        self.mode.addItem("Lines and medians", "lines")
        self.mode.addItem("Heat map (a row per case)", "heat")
        self._build([self.align, self.scale, self.mode],
                    {"axisItems": {"left": LogValueAxis("left")}},
                    offset=(-8, 8), labelTextSize=f"{style.LEGEND_PX}px")
        self.align.currentIndexChanged.connect(self._redraw)
        self.scale.currentIndexChanged.connect(self._redraw)
        self.mode.currentIndexChanged.connect(self._redraw)

    def set_groups(self, groups: list[tuple[str, list[Case]]]) -> None:
        self._groups = groups
        self._redraw()

    def _redraw(self, *_args) -> None:
        alignment = Alignment(self.align.currentData())
        scale = Scale(self.scale.currentData())
        groups, excluded = trajectories(self._groups, alignment, scale)
        self.plot.clear()
        self.legend.clear()
        style.style_axis(self.plot.getAxis("bottom"),
                         f"Days from {ALIGNMENT_LABELS[alignment].lower()}")
        if self.mode.currentData() == "heat":
            self._heat(groups, scale, len(excluded))
            return
        self.plot.getAxis("left").setTicks(None)
        style.style_axis(self.plot.getAxis("left"), f"CK, {scale.value} (log scale)")
        drawn = 0
        for i, g in enumerate(groups):  # every case first, the medians on top
            c = style.colour(COLOURS[i % len(COLOURS)], 110)
            for line in g.lines:
                self.plot.plot(line.xs, np.log10(line.ys), pen=pg.mkPen(c, width=1.0))
                drawn += 1
        for i, g in enumerate(groups):
            if g.median_x:
                self.plot.plot(g.median_x, np.log10(g.median_y),
                               pen=style.line_pen(COLOURS[i % len(COLOURS)], 4.0),
                               name=f"{g.name}: median of {len(g.lines)}")
        self._start_line()
        self.plot.enableAutoRange()
        self.note.setText(
            f"{drawn} cases drawn; {len(excluded)} without a dated start or a CK with an "
            "upper normal limit are not drawn. Thick: the group's median (each case counted "
            "only between its first and last result)."
        )

    def _start_line(self) -> None:
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=style.line_pen(
            "#777777", 1, dashed=True)), ignoreBounds=True)

    def _heat(self, groups, scale: Scale, excluded: int) -> None:
        """The lasagna plot: a row per case, colour = log10 of CK, white = no result."""
        heat = lasagna(groups)
        n, bins = heat.values.shape
        style.style_axis(self.plot.getAxis("left"), "Cases by group")
        self.plot.getAxis("left").setTicks(
            [[(n - start - count / 2, f"{name} ({count})")
              for name, start, count in heat.group_rows], []])
        if n:
            finite = heat.values[np.isfinite(heat.values)]
            lo, hi = float(finite.min()), float(finite.max())
            image = pg.ImageItem(heat.values[::-1].T, levels=(lo, hi))
            image.setColorMap(pg.colormap.get("viridis"))
            image.setRect(heat.x0, 0, bins * heat.bin_days, n)
            self.plot.addItem(image)
            for _name, start, _count in heat.group_rows[1:]:
                line = pg.InfiniteLine(pos=n - start, angle=0, pen=style.line_pen("#000000", 1.5))
                line.setZValue(10)  # above the image
                self.plot.addItem(line)
            self._start_line()
            self.plot.setXRange(heat.x0, heat.x0 + bins * heat.bin_days, padding=0)
            self.plot.setYRange(0, n, padding=0)
            self.note.setText(
                f"{n} cases, one row each, in weeks; colour: CK {scale.value}, log scale, "
                f"dark {10 ** lo:.3g} to yellow {10 ** hi:.3g}; white: no result that week. "
                f"{excluded} cases without a dated start or a CK with a limit are not drawn."
            )
        else:
            self.note.setText("No case to draw.")
