"""Kaplan-Meier curves by group: steps, 95% bands, censoring ticks, numbers at risk."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from domain.model import Case
from domain.survival import (
    ORIGINS,
    SurvivalData,
    day_text,
    kaplan_meier,
    median_followup,
    number_at_risk,
    survival_data,
)

from ..layouts import panel
from ..plots import style

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#999999")


def _ticks(x_max: float) -> list[float]:
    step = max(1.0, float(10 ** np.floor(np.log10(max(x_max, 1.0)))))
    if x_max / step < 4:
        step /= 2
    return [i * step for i in range(int(x_max // step) + 1)]


class SurvivalView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[tuple[str, list[Case]]] = []
        self.origin = QComboBox()
        for name in ORIGINS:
            self.origin.addItem(f"Time from {name}", name)
        self.origin.currentIndexChanged.connect(self._redraw)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(style.BACKGROUND)
        self.plot = self.graphics.addPlot(row=0, col=0)
        self.risk = self.graphics.addPlot(row=1, col=0)
        self.graphics.ci.layout.setRowStretchFactor(0, 4)
        self.graphics.ci.layout.setRowStretchFactor(1, 1)
        for p in (self.plot, self.risk):
            p.getAxis("left").setWidth(150)  # the two plots' x axes line up
            style.plain_plot(p)
            p.setMouseEnabled(False, False)
        self.risk.setXLink(self.plot)
        self.plot.setTitle("Overall survival from day 0", size=f"{style.TITLE_PX}px",
                           color=style.FOREGROUND)
        style.style_axis(self.plot.getAxis("left"), "Surviving (proportion)")
        style.style_axis(self.risk.getAxis("bottom"), "Days from day 0")
        self.risk.getAxis("left").setLabel("At risk", **{"font-size": f"{style.LABEL_PX}px"})
        self.risk.getAxis("left").setStyle(showValues=True)
        # the legend at the bottom left: curves start at the top
        self.legend = style.add_legend(self.plot, offset=(8, -8))
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("kmSummary")
        panel(self, [self.origin], self.graphics, self.summary)
        self.curves: list[tuple[str, SurvivalData]] = []

    def set_groups(self, groups: list[tuple[str, list[Case]]]) -> None:
        """The groups' cases; their survival is worked out from the chosen origin."""
        self._groups = groups
        self._redraw()

    def _redraw(self, *_args) -> None:
        origin = self.origin.currentData() or "day 0"
        groups = [(name, survival_data(cases, origin)) for name, cases in self._groups]
        self.curves = groups
        self.plot.setTitle(f"Overall survival from {origin}", size=f"{style.TITLE_PX}px",
                           color=style.FOREGROUND)
        style.style_axis(self.risk.getAxis("bottom"), f"Days from {origin}")
        self.plot.clear()
        self.risk.clear()
        self.legend.clear()
        x_max = max((max(d.times) for _n, d in groups if d.times), default=1.0) * 1.05
        ticks = _ticks(x_max)
        left = sum(len(d.excluded) for _n, d in groups)
        lines = [f"{name}: no case with follow-up and outcome" for name, d in groups
                 if not d.times]
        groups = [(name, d) for name, d in groups if d.times]
        for i, (name, d) in enumerate(groups):
            c = COLOURS[i % len(COLOURS)]
            y_row = len(groups) - i
            km = kaplan_meier(d.times, d.died)
            xs = np.concatenate([[0.0], km.times, [max(d.times)]])
            ys = np.concatenate([[1.0], km.survival, [km.survival[-1] if km.times.size
                                                      else 1.0]])
            self._steps(xs, ys, c, name=f"{name} (n={km.n}, deaths {km.deaths})")
            lo = np.concatenate([[1.0], np.nan_to_num(km.lower, nan=1.0)])
            hi = np.concatenate([[1.0], np.nan_to_num(km.upper, nan=1.0)])
            bx = np.concatenate([[0.0], km.times])
            for band in (lo, hi):
                self._steps(np.append(bx, max(d.times)), np.append(band, band[-1]), c,
                            dashed=True, width=1.0)
            cens = [t for t, dead in zip(d.times, d.died, strict=True) if not dead]
            if cens:
                self.plot.plot(cens, [km.at(t) for t in cens], pen=None, symbol="+",
                               symbolSize=11, symbolPen=pg.mkPen(c, width=1.5))
            for x, n in zip(ticks, number_at_risk(d.times, ticks), strict=True):
                t = pg.TextItem(str(n), color=c, anchor=(0.5, 0.5))
                t.setFont(style.font(style.TICK_PX))
                t.setPos(x, y_row)
                self.risk.addItem(t)
            m_lo, m_hi = km.median_ci()
            lines.append(
                f"{name}: n={km.n}, deaths {km.deaths}; median survival (days) "
                f"{day_text(km.median())} (95% CI {day_text(m_lo)} to "
                f"{day_text(m_hi)}); median follow-up (reverse KM) "
                f"{day_text(median_followup(d.times, d.died))}"
                + (f"; {d.approximate} with an approximate follow-up day" if d.approximate
                   else "")
            )
        self.plot.setYRange(0, 1.02, padding=0)
        self.plot.setXRange(-0.03 * x_max, x_max, padding=0)
        self.risk.setYRange(0.4, max(len(groups), 1) + 0.6, padding=0)
        self.risk.getAxis("left").setTicks(
            [[(len(groups) - i, name[:22]) for i, (name, _d) in enumerate(groups)], []]
        )
        for p in (self.plot, self.risk):  # the numbers at risk sit under the curve's ticks
            p.getAxis("bottom").setTicks([[(x, f"{x:g}") for x in ticks], []])
        lines.append(
            f"Left out: {left} cases without a follow-up day, a known outcome or a dated "
            f"{origin}. "
            "Dashed: 95% CI (log-log). +: censored (alive at last follow-up)."
        )
        self.summary.setText("\n".join(lines))

    def _steps(self, xs, ys, c, dashed=False, width=2.2, name=None) -> None:
        """A right-continuous step line through (xs, ys)."""
        sx = np.repeat(xs, 2)[1:]
        sy = np.repeat(ys, 2)[:-1]
        self.plot.plot(sx, sy, pen=style.line_pen(c, width, dashed=dashed), name=name)
