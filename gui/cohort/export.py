"""Exports of the cohort window: tables as CSV or Markdown, plots as PNG, SVG or PDF.

Every file is written through storage/safe_write.py (a temporary file beside the target,
checked, then renamed), so a failed export leaves the old file, or nothing. Plots paint
their scene with QPainter as the course chart's exports do (pyqtgraph's SVG exporter fails
on newer PySide6), at twice the screen size for PNG (its density recorded as 192 dpi).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView

from storage.safe_write import csv_text, replace_atomically, write_bytes_atomically

from ..plots import style
from ..plots.export import SCREEN_DPI, _first_paint_of_text_items
from ..plots.svg_tidy import tidy_svg

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


class CohortExportError(ValueError):
    """A file name the export cannot write; nothing was written."""


def markdown_text(header: list[str], rows: list[list[str]]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    lines = ["| " + " | ".join(esc(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def export_table(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = csv_text(header, rows)
    elif suffix == ".md":
        text = markdown_text(header, rows)
    else:
        raise CohortExportError(f"{path.name}: a table is saved as .csv or .md")
    return write_bytes_atomically(path, text.encode("utf-8"))


def _paint(view: QGraphicsView, painter: QPainter, target: QRectF, source: QRectF) -> None:
    """The scene as the course chart's exports paint theirs: items in export mode (vector
    symbols, no hover buttons), white background, antialiased."""
    scene = view.scene()
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    opts = {"antialias": True, "background": QColor(style.BACKGROUND), "painter": painter,
            "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, opts)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(target, QColor(style.BACKGROUND))
        scene.render(painter, target, source)
    finally:
        for item in items:
            item.setExportMode(False, None)


def export_plot(view: QGraphicsView, path: Path, scale: float = 2.0) -> Path:
    """The view's scene as PNG (scale x the screen size), SVG or PDF (vector), as shown.

    Axis text is played back from QPictures that rescale fonts to the target's
    resolution, so every target is painted at the screen's resolution (see
    gui/plots/export.py); the PNG's density is set only after painting.
    """
    suffix = path.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise CohortExportError(f"{path.name}: a plot is saved as .png, .svg or .pdf")
    source = view.mapToScene(view.viewport().rect()).boundingRect()
    size = QSize(round(source.width()), round(source.height()))
    rect = QRectF(0, 0, size.width(), size.height())
    _first_paint_of_text_items(view.scene())

    def write(tmp: str) -> None:
        painter = QPainter()
        if suffix == ".png":
            img = QImage(round(size.width() * scale), round(size.height() * scale),
                         QImage.Format.Format_RGB32)
            img.setDevicePixelRatio(scale)
            painter.begin(img)
            _paint(view, painter, rect, source)
            painter.end()
            img.setDevicePixelRatio(1.0)
            dots = round(SCREEN_DPI * scale / 0.0254)
            img.setDotsPerMeterX(dots)
            img.setDotsPerMeterY(dots)
            if not img.save(tmp, "PNG"):
                raise OSError("the image could not be encoded")
            return
        if suffix == ".svg":
            device = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
            device.setFileName(tmp)
            device.setSize(size)
            device.setViewBox(rect)
            device.setResolution(SCREEN_DPI)
            device.setTitle("DM Casebook cohort plot")
        else:
            device = QPdfWriter(tmp)
            device.setCreator("DM Casebook")
            device.setPageLayout(QPageLayout(
                QPageSize(QSizeF(size.width() / SCREEN_DPI, size.height() / SCREEN_DPI),
                          QPageSize.Unit.Inch, "plot"),
                QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            device.setResolution(SCREEN_DPI)
        if not painter.begin(device):
            raise OSError(f"cannot write {path.name}")
        _paint(view, painter, rect, source)
        painter.end()
        if suffix == ".svg":  # as the course chart's: the same in every SVG program
            mm = [25.4 * v / SCREEN_DPI for v in (size.width(), size.height())]
            text = Path(tmp).read_text(encoding="utf-8")
            Path(tmp).write_text(tidy_svg(text, *mm), encoding="utf-8")

    return replace_atomically(path, write)
