"""Exports of the cohort window: tables as CSV or Markdown, plots as PNG, SVG or PDF.

Every file is written through storage/safe_write.py (a temporary file beside the target,
checked, then renamed), so a failed export leaves the old file, or nothing. Plots paint
their scene with QPainter as the course chart's exports do (pyqtgraph's SVG exporter fails
on newer PySide6), at twice the screen size for PNG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView

from storage.safe_write import csv_text, replace_atomically, write_bytes_atomically

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


def export_plot(view: QGraphicsView, path: Path) -> Path:
    """The view's whole scene as PNG (2x), SVG or PDF (vector), as it is on screen."""
    suffix = path.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise CohortExportError(f"{path.name}: a plot is saved as .png, .svg or .pdf")
    source = QRectF(view.viewport().rect())
    size = QSize(int(source.width()), int(source.height()))

    def paint(painter: QPainter, target: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        view.render(painter, target, source.toRect())

    def write(tmp: str) -> None:
        if suffix == ".png":
            img = QImage(size * 2, QImage.Format.Format_ARGB32)
            img.fill(QColor("white"))
            img.setDotsPerMeterX(round(192 / 0.0254))
            img.setDotsPerMeterY(round(192 / 0.0254))
            painter = QPainter(img)
            paint(painter, QRectF(0, 0, size.width() * 2, size.height() * 2))
            painter.end()
            if not img.save(tmp, "PNG"):
                raise OSError("the image could not be encoded")
        elif suffix == ".svg":
            gen = QSvgGenerator()
            gen.setFileName(tmp)
            gen.setSize(size)
            gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
            gen.setTitle("DM Casebook cohort plot")
            painter = QPainter(gen)
            paint(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
        else:
            pdf = QPdfWriter(tmp)
            pdf.setResolution(96)
            pdf.setPageLayout(QPageLayout(
                QPageSize(QSizeF(size.width() / 96 * 25.4, size.height() / 96 * 25.4),
                          QPageSize.Unit.Millimeter),
                QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            painter = QPainter(pdf)
            paint(painter, QRectF(0, 0, pdf.width(), pdf.height()))
            painter.end()

    return replace_atomically(path, write)
