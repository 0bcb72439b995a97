"""What the cohort's plot tabs share: a bar of choices above one plot, a note below it."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QWidget

from ..layouts import panel
from ..plots import style


class CohortPlotView(QWidget):
    """A cohort tab with one styled plot (`self.plot`), its legend and a note."""

    def _build(self, controls: list[QWidget], plot_args: dict | None = None,
               **legend) -> None:
        """The plot (PlotWidget made with `plot_args`), a legend with `legend` options, and
        the layout: the `controls` in a bar, the plot, the note."""
        self.graphics = pg.PlotWidget(**(plot_args or {}))
        self.graphics.setBackground(style.BACKGROUND)
        self.plot = self.graphics.getPlotItem()
        style.plain_plot(self.plot)
        self.legend = style.add_legend(self.plot, **legend)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        panel(self, controls, self.graphics, self.note)
