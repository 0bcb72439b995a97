"""CK over time for the chosen cases, by group: thin lines per case, the median thick."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from domain.cohort import ALIGNMENT_LABELS, Alignment
from domain.model import Case
from domain.trajectories import Scale, trajectories

from ..plots import style
from ..plots.axes import LogValueAxis
from .survival_view import COLOURS


class TrajectoryView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[tuple[str, list[Case]]] = []
        self.align = QComboBox()
        for a, label in ALIGNMENT_LABELS.items():
            self.align.addItem(f"Align at: {label.lower()}", a)
        self.scale = QComboBox()
        for s in Scale:
            self.scale.addItem(f"CK as {s.value}", s)
        self.graphics = pg.PlotWidget(axisItems={"left": LogValueAxis("left")})
        self.graphics.setBackground(style.BACKGROUND)
        self.plot = self.graphics.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for name in ("left", "bottom"):
            style.style_axis(self.plot.getAxis(name))
        self.legend = self.plot.addLegend(
            offset=(-8, 8), labelTextSize=f"{style.LEGEND_PX}px",
            labelTextColor=style.FOREGROUND, pen=pg.mkPen("#bbbbbb"),
            brush=pg.mkBrush(255, 255, 255, 235), verSpacing=-4,
        )
        self.note = QLabel("")
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.align)
        bar.addWidget(self.scale)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.note)
        self.align.currentIndexChanged.connect(self._redraw)
        self.scale.currentIndexChanged.connect(self._redraw)

    def set_groups(self, groups: list[tuple[str, list[Case]]]) -> None:
        self._groups = groups
        self._redraw()

    def _redraw(self, *_args) -> None:
        alignment = Alignment(self.align.currentData())
        scale = Scale(self.scale.currentData())
        groups, excluded = trajectories(self._groups, alignment, scale)
        self.plot.clear()
        self.legend.clear()
        style.style_axis(self.plot.getAxis("left"), f"CK, {scale.value} (log scale)")
        style.style_axis(self.plot.getAxis("bottom"),
                         f"Days from {ALIGNMENT_LABELS[alignment].lower()}")
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
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=style.line_pen(
            "#777777", 1, dashed=True)), ignoreBounds=True)
        self.note.setText(
            f"{drawn} cases drawn; {len(excluded)} without a dated start or a CK with an "
            "upper normal limit are not drawn. Thick: the group's median (each case counted "
            "only between its first and last result)."
        )
