"""Exporting a course chart: PNG, SVG and PDF files, and the clipboard.

We do not use pyqtgraph's exporters: its SVG exporter fails on PySide6 >= 6.11 and leaves
out a ViewBox added to the scene (our dose axis). Instead the whole scene of an offscreen
ChartView, laid out at the target size, is painted with QPainter onto a QImage (PNG), a
QSvgGenerator (SVG 1.1, vector) or a QPdfWriter (PDF, vector, one page). So the file shows
exactly what the screen shows: title, both axes, the legend and the treatment lane.

Size: the chart is laid out as it would look at the requested physical size (pixels / dpi)
on a 96-dpi screen, so text keeps its size in print; very small pixel sizes are laid out
at a minimum of 640 x 400 and scaled down. Files are written to a temporary name and
renamed, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import atexit
import os
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMarginsF,
    QMimeData,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from domain.chart import CourseChartData, XAxisMode, course_chart
from domain.model import Case
from storage.safe_write import SafeWriteError, check_target, replace_atomically, umask

from . import style
from .chart_view import ChartView
from .legibility import arrange
from .svg_tidy import tidy_svg

FORMATS = ("png", "svg", "pdf")
DEFAULT_WIDTH = 1800
DEFAULT_HEIGHT = 1000
DEFAULT_DPI = 300
SCREEN_DPI = 96
MIN_LAYOUT = (640, 400)
SIZE_LIMITS = (200, 12000)
PNG_QUALITY = 80  # Qt's zlib setting: files ~10% larger than the default, twice as fast
DPI_LIMITS = (50, 1200)
MIN_TEXT_LAYOUT = 200  # layout pixels: below this a chart with print-sized text is unreadable


class ExportError(Exception):
    """A plain-language reason the chart could not be exported."""


@dataclass(frozen=True)
class ExportSize:
    width: int  # pixels of the PNG; for SVG and PDF, with dpi, the physical size
    height: int
    dpi: int
    text_pt: float | None = None  # tick labels' size in print; None: as on a 96-dpi screen

    @property
    def scale(self) -> float:
        """Device pixels per layout pixel."""
        if self.text_pt is not None:  # the tick font (TICK_PX layout px) prints at text_pt
            return self.dpi * self.text_pt / 72 / style.TICK_PX
        return min(self.dpi / SCREEN_DPI, self.width / MIN_LAYOUT[0], self.height / MIN_LAYOUT[1])

    @property
    def layout(self) -> QSize:
        """The size the chart is laid out at (what a 96-dpi screen would show)."""
        return QSize(round(self.width / self.scale), round(self.height / self.scale))


def check_size(width: int, height: int, dpi: int, text_pt: float | None = None) -> ExportSize:
    """The size if allowed; ExportError naming the value and its limits otherwise."""
    lo, hi = SIZE_LIMITS
    for name, v in (("width", width), ("height", height)):
        if not lo <= v <= hi:
            raise ExportError(f"{name} must be {lo} to {hi} pixels, not {v}")
    if not DPI_LIMITS[0] <= dpi <= DPI_LIMITS[1]:
        raise ExportError(f"dpi must be {DPI_LIMITS[0]} to {DPI_LIMITS[1]}, not {dpi}")
    size = ExportSize(width, height, dpi, text_pt)
    if text_pt is not None and min(size.layout.width(), size.layout.height()) < MIN_TEXT_LAYOUT:
        least_mm = MIN_TEXT_LAYOUT / 72 * text_pt / style.TICK_PX * 25.4
        raise ExportError(
            f"{25.4 * width / dpi:.0f} x {25.4 * height / dpi:.0f} mm is too small for "
            f"{text_pt:g} pt text: at least {least_mm:.0f} mm each way"
        )
    return size


def format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"{path.name}: the file name must end in .png, .svg or .pdf")
    return fmt


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (headless callers such as the CLI)."""
    return QApplication.instance() or QApplication([])


def chart_data_for_export(
    case: Case,
    analytes: list[str] | None = None,
    x_mode: XAxisMode = XAxisMode.AUTO,
    allow_dates: bool = False,
) -> CourseChartData:
    """The description to export; calendar dates only if asked (a date identifies)."""
    data = course_chart(case, analytes, x_mode, allow_dates=allow_dates)
    if not data.has_course:
        raise ExportError(f"{case.label}: no time course recorded, so there is no chart to export")
    return data


# Offscreen views kept for reuse, one per pen scale: building a view costs more than
# drawing and painting a chart; a view is redrawn for every export.
_VIEWS: dict[float, ChartView] = {}


def _offscreen_view(pen_scale: float) -> ChartView:
    key = round(pen_scale, 3)
    view = _VIEWS.get(key)
    if view is None:
        ensure_app()
        view = ChartView(pen_scale=key)
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.show()  # not on screen (WA_DontShowOnScreen), but laid out and polished
        view.destroyed.connect(lambda *_: _VIEWS.pop(key, None))
        _VIEWS[key] = view
    return view


def release_offscreen_views() -> None:
    """Delete the cached offscreen views now (before the QApplication goes away).

    Registered with atexit: a view left to interpreter teardown is destroyed after the
    QApplication and crashes the process on exit (exit status 139).
    """
    for view in list(_VIEWS.values()):
        view.close()
        shiboken6.delete(view)
    _VIEWS.clear()


atexit.register(release_offscreen_views)


def _first_paint_of_text_items(scene) -> None:
    """Give every text item of the scene its first paint on a scratch image.

    pyqtgraph's TextItem, the first time it is painted in a scene, replaces the painter's
    transform with its own scene transform (TextItem.paint: p.setTransform). That drops the
    mapping of the scene onto the target: harmless when the target is the scene's own size
    (PNG, SVG), but on the PDF page (96 dpi, scene scaled down) the lane's tag boxes (C1,
    C2...) went off the page, and viewers showed the tags' text without their boxes.
    """
    scratch = QImage(1, 1, QImage.Format.Format_RGB32)
    painter = QPainter(scratch)
    try:
        for item in scene.items():
            if isinstance(item, pg.TextItem) and item.isVisible():
                painter.save()
                item.paint(painter, None, None)
                painter.restore()
    finally:
        painter.end()


class OffscreenChart:
    """A ChartView laid out at a given size without appearing on screen, to paint a chart
    onto any QPainter (the exports here, the case report): paint(), then close()."""

    def __init__(self, data: CourseChartData, layout: QSize, pen_scale: float = 1.0):
        self.view = _offscreen_view(pen_scale)
        self.view.resize(layout)
        self.view.draw(data)
        # let the layout settle (axis widths, lane height) before painting; only layout
        # requests: processing every event would also paint the hidden view for nothing
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.view.ci.layout.activate()
        self.rect = QRectF(0, 0, layout.width(), layout.height())
        _first_paint_of_text_items(self.view.scene())
        arrange(self.view)  # ticks, legend and labels apart at this size

    def paint(self, painter: QPainter, target: QRectF, resolution_scale: float) -> None:
        scene = self.view.scene()
        items = [i for i in scene.items() if hasattr(i, "setExportMode")]
        opts = {
            "antialias": True,
            "background": QColor(style.BACKGROUND),
            "painter": painter,
            "resolutionScale": resolution_scale,
        }
        for item in items:  # vector symbols instead of cached pixmaps, no hover buttons
            item.setExportMode(True, opts)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            # the state an SVG's groups inherit (else the platform's default font)
            painter.setFont(style.font(style.TICK_PX))
            painter.fillRect(target, QColor(style.BACKGROUND))
            scene.render(painter, target, self.rect)
        finally:
            for item in items:
                item.setExportMode(False, None)

    def close(self) -> None:
        self.view.highlight.hide()


def render_image(data: CourseChartData, size: ExportSize) -> QImage:
    """The chart as an image of size.width x size.height pixels, white background."""
    ratio = size.width / size.layout.width()
    chart = OffscreenChart(data, size.layout, pen_scale=ratio)
    try:
        image = QImage(size.width, size.height, QImage.Format.Format_RGB32)
        image.fill(QColor(style.BACKGROUND))
        # painting in layout pixels on a high-density image scales pens and text alike
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        try:
            chart.paint(painter, chart.rect, 1.0)
        finally:
            painter.end()
        image.setDevicePixelRatio(1.0)
        # only now: axis text is recorded in QPictures, which scale fonts on playback to
        # the target's resolution; painting at the screen's resolution keeps them right
        dots_per_metre = round(size.dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        return image
    finally:
        chart.close()


def _write_svg(data: CourseChartData, size: ExportSize, path: str) -> None:
    chart = OffscreenChart(data, size.layout)
    try:
        gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        gen.setFileName(path)
        gen.setSize(size.layout)
        gen.setViewBox(chart.rect)
        # the screen's resolution: axis text is played back from QPictures, which rescale
        # fonts to the device's resolution; the physical size is set afterwards
        gen.setResolution(SCREEN_DPI)
        gen.setTitle(data.title)
        gen.setDescription(f"Clinical course chart: {data.title}. {data.subtitle}".strip())
        painter = QPainter()
        if not painter.begin(gen):
            raise ExportError(f"cannot write {path}")
        try:
            chart.paint(painter, chart.rect, 1.0)
        finally:
            painter.end()
    finally:
        chart.close()
    _set_svg_physical_size(path, size)


def _set_svg_physical_size(path: str, size: ExportSize) -> None:
    """Physical size pixels / dpi (in mm), as the PNG and PDF have; curves baked for
    programs that ignore vector-effect (see svg_tidy)."""
    text = Path(path).read_text(encoding="utf-8")
    mm_w, mm_h = (25.4 * v / size.dpi for v in (size.width, size.height))
    try:
        tidied = tidy_svg(text, mm_w, mm_h)
    except ElementTree.ParseError:  # Qt's SVG writer does not report a failed write
        raise ExportError("the SVG came out incomplete; is the disk full?") from None
    Path(path).write_text(tidied, encoding="utf-8")


def _write_pdf(data: CourseChartData, size: ExportSize, path: str) -> None:
    # pens are cosmetic (widths in device units, here 1/96 in): scale them as the scene is
    # scaled onto the page, so lines are as thick as in the PNG and SVG
    page_scale = size.width / size.dpi * SCREEN_DPI / size.layout.width()
    chart = OffscreenChart(data, size.layout, pen_scale=page_scale)
    try:
        writer = QPdfWriter(path)
        writer.setTitle(data.title)
        writer.setCreator("DM Casebook")
        inches = QSizeF(size.width / size.dpi, size.height / size.dpi)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(inches, QPageSize.Unit.Inch, "chart"),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        # the screen's resolution (see _write_svg); the scene is scaled onto the page
        writer.setResolution(SCREEN_DPI)
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"cannot write {path}")
        try:
            page = QRectF(0, 0, writer.width(), writer.height())
            chart.paint(painter, page, page.width() / chart.rect.width())
        finally:
            painter.end()
    finally:
        chart.close()


def export_data(data: CourseChartData, path: Path, size: ExportSize) -> Path:
    """Write a chart description to path (.png, .svg or .pdf); all or nothing.

    The file is written beside the target, flushed, read back (check_written) and renamed
    over it: a full disk leaves the previous file as it was and gives a one-line error.
    """
    path = Path(path)
    fmt = format_of(path)
    check_target(path, "{folder}: no such folder", ExportError)

    def write(tmp: str) -> None:
        if fmt == "png":
            image = render_image(data, size)
            if not image.save(tmp, "PNG", PNG_QUALITY):
                raise ExportError("the PNG could not be written")
        elif fmt == "svg":
            _write_svg(data, size, tmp)
        else:
            _write_pdf(data, size, tmp)

    try:
        replace_atomically(path, write, partial(check_written, fmt), 0o644 & ~umask())
    except SafeWriteError as e:
        raise ExportError(str(e)) from None
    return path


def check_written(fmt: str, path: str) -> None:
    """Raise unless the file at path is a whole, readable file of its format."""
    if fmt == "png":
        if QImage(path, "PNG").isNull():
            raise ExportError("the PNG written cannot be read back")
    elif fmt == "svg":
        ElementTree.parse(path)  # a truncated SVG is not well-formed XML
    else:
        with open(path, "rb") as f:
            head = f.read(5)
            f.seek(max(0, os.path.getsize(path) - 1024))
            tail = f.read()
        if head != b"%PDF-" or b"%%EOF" not in tail:
            raise ExportError("the PDF written is incomplete")


def chart_for_export(
    case: Case,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    dpi: int = DEFAULT_DPI,
    analytes: list[str] | None = None,
    x_mode: XAxisMode = XAxisMode.AUTO,
    allow_dates: bool = False,
    text_pt: float | None = None,
    *,
    path: Path | str | None = None,
) -> tuple[CourseChartData, ExportSize]:
    """The chart and its size for export_chart and copy_chart_to_clipboard (which take these
    arguments); with `path`, its extension is checked too. Raises ExportError."""
    size = check_size(width, height, dpi, text_pt)
    if path is not None:
        format_of(Path(path))
    return chart_data_for_export(case, analytes, x_mode, allow_dates), size


def export_chart(case: Case, path: Path | str, *args, **kwargs) -> Path:
    """Export a case's course chart to path; the format follows the extension.

    The size and what is shown: width, height, dpi, analytes, x_mode, allow_dates, text_pt
    as chart_for_export takes them. text_pt: print size of the tick labels (see presets);
    None lays the chart out as a 96-dpi screen shows it. Raises ExportError (plain message)
    for a case without a course, a bad extension or size, or a folder that cannot be
    written; nothing is written then.
    """
    data, size = chart_for_export(case, *args, path=path, **kwargs)
    return export_data(data, Path(path), size)


def svg_bytes(data: CourseChartData, size: ExportSize) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "chart.svg"
        _write_svg(data, size, str(target))
        return target.read_bytes()


def copy_chart_to_clipboard(case: Case, *args, **kwargs) -> None:
    """Put the chart on the clipboard as an image (and as SVG for programs that take it);
    the arguments as chart_for_export takes them."""
    data, size = chart_for_export(case, *args, **kwargs)
    image = render_image(data, size)
    mime = QMimeData()
    mime.setImageData(image)
    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    mime.setData("image/png", png)
    mime.setData("image/svg+xml", QByteArray(svg_bytes(data, size)))
    ensure_app().clipboard().setMimeData(mime)
