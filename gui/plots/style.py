"""Colours, symbols and fonts of the charts: white background, print- and colour-blind-safe.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); each analyte also has its own marker shape, so the chart still reads in
greyscale print. Font sizes are in pixels so that on-screen and exported charts match.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsScene, QGraphicsTextItem

from .. import fonts

BACKGROUND = "#ffffff"
FOREGROUND = "#000000"

CK_COLOUR = "#D55E00"  # vermillion
DOSE_COLOUR = "#0072B2"  # blue
DOSE_FILL = "#E8F1F7"  # the dose blue at 9% on white, opaque: every SVG program agrees
ULN_COLOUR = "#555555"
CYCLE_LINE = "#8FD3C1"  # chemotherapy green at 43% on white, opaque (see DOSE_FILL)
HIGHLIGHT_COLOUR = "#000000"

# other analytes: Okabe-Ito colours after vermillion and blue, and distinct shapes
ANALYTE_STYLES = (
    ("#E69F00", "s"),  # orange, square
    ("#009E73", "d"),  # bluish green, diamond
    ("#CC79A7", "p"),  # reddish purple, pentagon
    ("#56B4E9", "h"),  # sky blue, hexagon
    ("#000000", "star"),
    ("#999999", "o"),
)

LANE_COLOURS = {
    "Chemotherapy": "#009E73",
    "Steroid pulse": DOSE_COLOUR,
    "Steroid": "#56B4E9",
    "IVIg": "#E69F00",
    "Immunosuppressant": "#CC79A7",
    "Radiotherapy": "#56B4E9",
    "Surgery": "#000000",
    "Other": "#777777",
}

# symbols of the log axis's special points (see domain/chart.py)
SYMBOL_BELOW = "t"  # triangle pointing down: below the reporting limit, or zero
SYMBOL_ABOVE = "t1"  # triangle pointing up: above the reporting limit

MARKER_SIZE = 10
LINE_WIDTH = 2.0
DOSE_WIDTH = 2.5

TITLE_PX = 16
SUBTITLE_PX = 13
LABEL_PX = 13
TICK_PX = 12
LEGEND_PX = 12
LANE_ROW_PX = 24


def font(pixels: int, bold: bool = False) -> QFont:
    """The charts' font (DejaVu Sans, shipped with the app) at a size in pixels."""
    f = QFont(fonts.family())
    f.setPixelSize(pixels)
    f.setBold(bold)
    return f


def use_chart_font(scene: QGraphicsScene) -> None:
    """Every text item of the scene in the charts' family; sizes stay as set.

    The title, axis titles and legend entries are pyqtgraph HTML items whose spans give only
    a size: their family would otherwise be the platform's default font."""
    family = fonts.family()
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem) and item.font().family() != family:
            f = item.font()
            f.setFamily(family)
            item.setFont(f)


def colour(name: str, alpha: int = 255) -> QColor:
    c = QColor(name)
    c.setAlpha(alpha)
    return c


def analyte_style(index: int, analyte: str) -> tuple[str, str]:
    """(colour, marker symbol) of the index-th analyte drawn; CK is always vermillion."""
    if analyte == "CK":
        return CK_COLOUR, "o"
    return ANALYTE_STYLES[index % len(ANALYTE_STYLES)]


def line_pen(
    c: str, width: float = LINE_WIDTH, dashed: bool = False, scale: float = 1.0
) -> pg.QtGui.QPen:
    """A pen of width layout pixels; scale > 1 for exports painted at a higher density
    (pyqtgraph's pens are cosmetic: their width is in device pixels)."""
    pen = pg.mkPen(c, width=width * scale)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def style_axis(axis: pg.AxisItem, title: str = "", scale: float = 1.0) -> None:
    """Black axis line and text, fixed fonts, no automatic SI prefix on the title."""
    axis.setPen(pg.mkPen(FOREGROUND, width=scale))
    axis.setTextPen(pg.mkPen(FOREGROUND))
    axis.setTickFont(font(TICK_PX))
    axis.enableAutoSIPrefix(False)
    axis.setStyle(tickLength=-6, tickTextOffset=4)
    if title:
        axis.setLabel(title, **{"font-size": f"{LABEL_PX}px", "color": FOREGROUND})


def plain_plot(plot: pg.PlotItem) -> None:
    """No context menu, no auto-range button, both axes styled."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for name in ("left", "bottom"):
        style_axis(plot.getAxis(name))


def add_legend(plot: pg.PlotItem, alpha: int = 235, **options) -> pg.LegendItem:
    """The charts' legend: dark text on a near-opaque white box; `options` as addLegend's."""
    return plot.addLegend(
        **options, labelTextColor=FOREGROUND, pen=pg.mkPen("#bbbbbb"),
        brush=pg.mkBrush(255, 255, 255, alpha), verSpacing=-4,
    )
