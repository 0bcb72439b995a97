"""A one-page case report (PDF or PNG, A4 or US Letter): title, citation, summary, the
course chart and the lab table with flags. Content comes from domain.report; this module
only lays it out and paints it. Written to a temporary file, read back and renamed: all or
nothing. Several cases: one PDF with a page per case (write_reports).

PDF: text as text (fonts embedded by Qt), the chart painted as vectors, as in the chart
export. PNG: the same page painted onto an image at the chosen dpi (pHYs written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from domain.chart import CourseChartData, course_chart
from domain.model import Case
from domain.report import CaseReport, case_report
from storage.safe_write import SafeWriteError, replace_atomically, umask

from .plots import style
from .plots.export import (
    SCREEN_DPI,
    ExportError,
    OffscreenChart,
    check_size,
    check_written,
    render_image,
)
from .plots.presets import PRINT_TEXT_PT

PAGES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
QT_PAGES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
FORMATS = ("pdf", "png")
DEFAULT_PNG_DPI = 150
PNG_DPI_LIMITS = (72, 600)
MARGIN_MM = 15
SUMMARY_INDENT_MM = 36
CHART_SHARE = 0.34  # of the page's height
CHART_DPI = 300  # the chart's layout is computed as for a 300-dpi print of its size
LAB_COLUMNS = (("Day", 18), ("Test", 64), ("Result", 22), ("Unit", 20), ("Reference", 24),
               ("Flag", 10))  # mm
GREY = "#555555"


def _font(pt: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(style.font(12).family())
    f.setPointSizeF(pt)
    f.setBold(bold)
    f.setItalic(italic)
    # design metrics, not hinted ones: the PNG's lines then wrap where the PDF's do
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


class _DesignMetrics:
    """Text widths and line spacing of a font in millimetres, independent of the device."""

    REFERENCE_PX = 1000

    def __init__(self, font: QFont):
        big = QFont(font)
        big.setPixelSize(self.REFERENCE_PX)
        self.metrics = QFontMetricsF(big)
        self.mm_per_px = font.pointSizeF() * 25.4 / 72 / self.REFERENCE_PX
        self.line_mm = self.metrics.lineSpacing() * self.mm_per_px
        self.ascent_mm = self.metrics.ascent() * self.mm_per_px

    def width_mm(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text) * self.mm_per_px

    def wrap(self, text: str, width_mm: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if line and self.width_mm(candidate) > width_mm:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines

    def elide(self, text: str, width_mm: float) -> str:
        if self.width_mm(text) <= width_mm:
            return text
        while text and self.width_mm(text + "…") > width_mm:
            text = text[:-1]
        return text + "…"


class _Page:
    """Paints top to bottom on a page whose device has `per_mm` units per millimetre."""

    def __init__(self, painter: QPainter, page_mm: tuple[float, float], per_mm: float):
        self.p, self.u = painter, per_mm
        self.left = MARGIN_MM * per_mm
        self.width = (page_mm[0] - 2 * MARGIN_MM) * per_mm
        self.bottom = (page_mm[1] - MARGIN_MM) * per_mm
        self.y = MARGIN_MM * per_mm

    def text(self, text: str, font: QFont, colour: str = style.FOREGROUND, x_mm: float = 0,
             width_mm: float | None = None, advance: bool = True) -> float:
        """Wrapped text at the current line; returns its height (device units).

        Lines are broken and spaced by the font's design metrics in millimetres, not the
        device's hinted ones, so the PDF and the PNG (any dpi) break and place them alike.
        """
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        width = (self.width / self.u - x_mm) if width_mm is None else width_mm
        size = _DesignMetrics(font)
        y = self.y
        for line in size.wrap(text, width):
            self.p.drawText(QPointF(self.left + x_mm * self.u, y + size.ascent_mm * self.u), line)
            y += size.line_mm * self.u
        height = y - self.y
        if advance:
            self.y = y
        return height
    def gap(self, mm: float) -> None:
        self.y += mm * self.u


def _paint(painter: QPainter, report: CaseReport, page_mm: tuple[float, float], per_mm: float,
           draw_chart: Callable[[QRectF], None] | None) -> None:
    page = _Page(painter, page_mm, per_mm)
    page.text(report.title, _font(15, bold=True))
    if report.citation:
        page.gap(1)
        page.text(report.citation, _font(8.5, italic=True), GREY)
    page.gap(4)
    body = _font(8.5)
    for heading, text in report.summary:
        page.text(heading, _font(8.5, bold=True), advance=False)
        page.text(text, body, x_mm=SUMMARY_INDENT_MM)
        page.gap(0.8)
    if draw_chart is not None:
        page.gap(3)
        height = CHART_SHARE * page_mm[1] * per_mm
        draw_chart(QRectF(page.left, page.y, page.width, height))
        page.y += height
    page.gap(4)
    _lab_table(page, report)
    painter.setFont(_font(7))
    painter.setPen(QColor(GREY))
    foot = QRectF(page.left, page.bottom, page.width, MARGIN_MM * per_mm / 2)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{report.footnote} Made with DM Casebook.")


def _lab_table(page: _Page, report: CaseReport) -> None:
    if not report.labs:
        page.text("No lab results recorded.", _font(8.5), GREY)
        return
    page.text("Laboratory results", _font(9.5, bold=True))
    page.gap(1)
    font, bold = _font(PRINT_TEXT_PT), _font(PRINT_TEXT_PT, bold=True)
    line = _DesignMetrics(font).line_mm * 1.15 * page.u
    room = int((page.bottom - page.y - line) // line) - 1
    rows = list(report.labs)
    shown = rows if len(rows) <= room else rows[: max(room - 1, 0)]
    for cells, f in [(tuple(c for c, _ in LAB_COLUMNS), bold)] + [
        ((r.day, r.test, r.result, r.unit, r.reference, r.flag), font) for r in shown
    ]:
        x = 0.0
        for text, (_, width) in zip(cells, LAB_COLUMNS, strict=True):
            fitted = _DesignMetrics(f).elide(text, width - 2)
            page.text(fitted, f, x_mm=x, width_mm=width, advance=False)
            x += width
        page.y += line
    if len(shown) < len(rows):
        page.text(f"... and {len(rows) - len(shown)} more results (in the casebook).", font, GREY)


def report_pages() -> tuple[str, ...]:
    return tuple(PAGES)


def write_report(case: Case, path: Path | str, page: str = "a4", dpi: int = DEFAULT_PNG_DPI,
                 allow_dates: bool = False, identifying: bool = False) -> Path:
    """Write the case's one-page report to path (.pdf or .png); ExportError if not."""
    path, fmt = _checked(path, FORMATS, page, dpi)
    pages = [_content(case, allow_dates, identifying)]
    if fmt == "pdf":
        return _replace(path, fmt, lambda tmp: _write_pdf(pages, page, tmp))
    return _replace(path, fmt, lambda tmp: _write_png(*pages[0], page, dpi, tmp))


class ReportCancelled(ExportError):
    """The clinician stopped a report of several cases; nothing was written."""


def write_reports(cases: Iterable[Case], path: Path | str, page: str = "a4",
                  allow_dates: bool = False, identifying: bool = False,
                  progress: Callable[[int], bool] | None = None) -> Path:
    """One PDF with a page per case, in the order given; all or nothing.

    cases may be a generator (one case in memory at a time). progress(n) is called after
    the n-th page; when it returns False the report is abandoned (ReportCancelled)."""
    path, _ = _checked(path, ("pdf",), page, DEFAULT_PNG_DPI)
    stopped = []

    def pages():
        for n, case in enumerate(cases, 1):
            yield _content(case, allow_dates, identifying)
            if progress is not None and not progress(n):
                stopped.append(n)
                raise ReportCancelled("stopped before the last case; nothing was written")

    try:
        return _replace(path, "pdf", lambda tmp: _write_pdf(pages(), page, tmp))
    except ExportError:
        if stopped:
            raise ReportCancelled("stopped before the last case; nothing was written") from None
        raise


def _checked(path: Path | str, formats: tuple[str, ...], page: str, dpi: int) -> tuple[Path, str]:
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in formats:
        raise ExportError(f"{path.name}: the file name must end in "
                          + " or ".join(f".{f}" for f in formats))
    if page not in PAGES:
        raise ExportError(f"page must be {' or '.join(PAGES)}, not {page!r}")
    if not PNG_DPI_LIMITS[0] <= dpi <= PNG_DPI_LIMITS[1]:
        raise ExportError(f"dpi must be {PNG_DPI_LIMITS[0]} to {PNG_DPI_LIMITS[1]}, not {dpi}")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder")
    return path, fmt


def _content(case: Case, allow_dates: bool, identifying: bool):
    """(the report's text, the chart description or None) of one case."""
    data = course_chart(case, allow_dates=allow_dates)
    return case_report(case, allow_dates, identifying), data if data.has_course else None


def _replace(path: Path, fmt: str, write: Callable[[str], None]) -> Path:
    """Written beside path, read back (check_written) and renamed over it."""
    try:
        return replace_atomically(path, write, partial(check_written, fmt), 0o644 & ~umask())
    except SafeWriteError as e:
        raise ExportError(str(e)) from None


def _chart_size(rect_mm: tuple[float, float], dpi: int):
    w, h = (round(v / 25.4 * dpi) for v in rect_mm)
    return check_size(w, h, dpi, PRINT_TEXT_PT)


def _write_pdf(pages: Iterable[tuple[CaseReport, CourseChartData | None]], page: str,
               path: str) -> None:
    """A page per (report, chart) of pages, painted as it comes."""
    page_mm = PAGES[page]
    writer = QPdfWriter(path)
    writer.setCreator("DM Casebook")
    writer.setPageLayout(QPageLayout(QPageSize(QT_PAGES[page]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setResolution(SCREEN_DPI)  # as the chart export: see export._write_pdf
    per_mm = SCREEN_DPI / 25.4
    painter = QPainter()

    def chart_of(data: CourseChartData):
        def chart(rect: QRectF) -> None:
            size = _chart_size((rect.width() / per_mm, rect.height() / per_mm), CHART_DPI)
            scale = rect.width() / size.layout.width()
            offscreen = OffscreenChart(data, size.layout, pen_scale=scale)
            try:
                painter.save()
                offscreen.paint(painter, rect, scale)
                painter.restore()
            finally:
                offscreen.close()
        return chart

    try:
        for n, (report, data) in enumerate(pages):
            if n == 0:
                writer.setTitle(report.title)  # a report of several cases: the first's
                if not painter.begin(writer):
                    raise ExportError(f"cannot write {path}")
            elif not writer.newPage():
                raise ExportError(f"cannot add page {n + 1} to {path}")
            _paint(painter, report, page_mm, per_mm, chart_of(data) if data else None)
    finally:
        if painter.isActive():
            painter.end()


def _write_png(report: CaseReport, data: CourseChartData | None, page: str, dpi: int,
               path: str) -> None:
    page_mm = PAGES[page]
    per_mm = dpi / 25.4
    image = QImage(round(page_mm[0] * per_mm), round(page_mm[1] * per_mm),
                   QImage.Format.Format_RGB32)
    image.fill(QColor(style.BACKGROUND))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)  # fonts in points follow the image's dpi
    image.setDotsPerMeterY(dots_per_metre)

    def chart(rect: QRectF) -> None:
        picture = render_image(data, _chart_size((rect.width() / per_mm,
                                                  rect.height() / per_mm), dpi))
        painter.drawImage(rect, picture)

    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _paint(painter, report, page_mm, per_mm, chart if data else None)
    finally:
        painter.end()
    if not image.save(path, "PNG"):
        raise ExportError(f"{path}: the PNG could not be written")
