"""File > Export chart...: where, which format and size; or copy the chart to the clipboard.

    path = export_chart_dialog(parent, case, analytes, x_mode)   # None when cancelled

The dialog exports what the Course tab shows (the same analytes and time axis). Calendar
dates stay out unless the user ticks the box: a date can identify a patient.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from domain.chart import course_chart
from domain.chart_axis import XAxisMode, parse_day0
from domain.model import Case

from ..save_dialog import dialog_buttons, form_rows, run_or_warn, stack, typed_path
from .export import (
    DEFAULT_DPI,
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    DPI_LIMITS,
    FORMATS,
    SIZE_LIMITS,
    copy_chart_to_clipboard,
    export_chart,
)
from .presets import MM_LIMITS, PRESETS, PRINT_TEXT_PT, mm_to_px

TITLE = "Export chart"
FORMAT_NAMES = {"png": "PNG image", "svg": "SVG (vector)", "pdf": "PDF (vector)"}
SETTINGS_FOLDER = "export/folder"
PIXELS, MM = "pixels", "mm"
CUSTOM_MM = (120, 80)


def file_stem(label: str) -> str:
    """A file name from a case label: 'Takashima 2017 (index case)' -> takashima-2017-index-case."""
    stem = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")
    return stem or "chart"


class ExportDialog(QDialog):
    """Chooses file, format, size and resolution, then exports (or copies) the chart."""

    def __init__(
        self,
        case: Case,
        analytes: list[str] | None = None,
        x_mode: XAxisMode = XAxisMode.AUTO,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.case = case
        self.analytes = analytes
        self.x_mode = x_mode
        self.exported_path: Path | None = None
        folder = QSettings().value(SETTINGS_FOLDER, str(Path.home()))
        self.path = QLineEdit(str(Path(folder) / f"{file_stem(case.label)}.png"))
        self.path.setObjectName("exportPath")
        browse = QPushButton("Choose...")
        browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(FORMAT_NAMES[fmt], fmt)
        self.format.currentIndexChanged.connect(self._on_format)
        self.width = self._spin(*SIZE_LIMITS, DEFAULT_WIDTH, " px")
        self.height = self._spin(*SIZE_LIMITS, DEFAULT_HEIGHT, " px")
        self.dpi = self._spin(*DPI_LIMITS, DEFAULT_DPI, " dpi")
        # what the chart is for: pixels as on screen, a journal/slide/letter size, or mm
        self.purpose = QComboBox()
        self.purpose.setObjectName("exportPurpose")
        self.purpose.addItem("Custom size in pixels (text as on screen)", PIXELS)
        for p in PRESETS.values():
            self.purpose.addItem(p.label, p.key)
        self.purpose.addItem(f"Custom size in mm (text {PRINT_TEXT_PT:g} pt in print)", MM)
        self.purpose.currentIndexChanged.connect(self._on_purpose)
        self.pixels = QLabel("")
        self.pixels.setObjectName("exportPixels")
        for box in (self.width, self.height, self.dpi):
            box.valueChanged.connect(self._show_pixels)
        self.dates = QCheckBox("Show calendar dates (a date can identify the patient)")
        self.dates.setEnabled(parse_day0(case.day0_date) is not None)
        self.status = QLabel("")
        form = form_rows(("File:", where), ("Format:", self.format), ("Size for:", self.purpose),
                         ("Width:", self.width), ("Height:", self.height),
                         ("Resolution:", self.dpi), ("", self.pixels), ("", self.dates))
        buttons, self.export_button = dialog_buttons(self, "Export")
        self.copy_button = buttons.addButton(
            "Copy to clipboard", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy)
        stack(self, form, self.status, buttons)

    def _spin(self, lo: int, hi: int, value: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(lo, hi)
        box.setValue(value)
        box.setSuffix(suffix)
        return box

    def _in_mm(self) -> bool:
        return self.purpose.currentData() != PIXELS

    def _on_purpose(self) -> None:
        """A preset fills in its size (mm) and dpi; the boxes stay editable."""
        key = self.purpose.currentData()
        for box in (self.width, self.height):
            box.blockSignals(True)
        if key == PIXELS:
            for box, value in ((self.width, DEFAULT_WIDTH), (self.height, DEFAULT_HEIGHT)):
                box.setRange(*SIZE_LIMITS)
                box.setSuffix(" px")
                box.setValue(value)
        else:
            p = PRESETS.get(key)
            mm = (p.width_mm, p.height_mm) if p else CUSTOM_MM
            for box, value in zip((self.width, self.height), mm, strict=True):
                box.setRange(int(MM_LIMITS[0]), int(MM_LIMITS[1]))
                box.setSuffix(" mm")
                box.setValue(round(value))
            if p:
                self.dpi.setValue(p.dpi)
        for box in (self.width, self.height):
            box.blockSignals(False)
        self._show_pixels()

    def _text_pt(self) -> float | None:
        key = self.purpose.currentData()
        if key == PIXELS:
            return None
        return PRESETS[key].text_pt if key in PRESETS else PRINT_TEXT_PT

    def _size_px(self) -> tuple[int, int]:
        if not self._in_mm():
            return self.width.value(), self.height.value()
        dpi = self.dpi.value()
        return mm_to_px(self.width.value(), dpi), mm_to_px(self.height.value(), dpi)

    def _show_pixels(self) -> None:
        if self._in_mm():
            w, h = self._size_px()
            self.pixels.setText(f"{w} x {h} pixels, text {self._text_pt():g} pt")
        else:
            self.pixels.setText("")

    def _on_format(self) -> None:
        """Keep the file name's extension in step with the chosen format."""
        fmt = self.format.currentData()
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{fmt}")))

    def choose_file(self) -> None:
        fmt = self.format.currentData()
        filters = ";;".join(f"{FORMAT_NAMES[f]} (*.{f})" for f in FORMATS)
        chosen, _ = QFileDialog.getSaveFileName(
            self, TITLE, self.path.text(), filters, f"{FORMAT_NAMES[fmt]} (*.{fmt})"
        )
        if chosen:
            self.path.setText(chosen)
            suffix = Path(chosen).suffix.lower().lstrip(".")
            if suffix in FORMATS:
                self.format.setCurrentIndex(FORMATS.index(suffix))

    def _options(self) -> dict:
        width, height = self._size_px()
        return {
            "width": width,
            "height": height,
            "dpi": self.dpi.value(),
            "text_pt": self._text_pt(),
            "analytes": self.analytes,
            "x_mode": self.x_mode,
            "allow_dates": self.dates.isChecked(),
        }

    def accept(self) -> None:
        """Export; on failure say why in plain words and stay open."""
        path = typed_path(self, TITLE, self.path, "File: choose where to save the chart.")
        if path is None:
            return

        def write() -> None:
            self.exported_path = export_chart(self.case, path, **self._options())

        if not run_or_warn(self, TITLE, "The chart was not exported", write):
            return
        QSettings().setValue(SETTINGS_FOLDER, str(path.parent))
        super().accept()

    def copy(self) -> None:
        if run_or_warn(self, TITLE, "The chart was not copied",
                       lambda: copy_chart_to_clipboard(self.case, **self._options())):
            self.status.setText("The chart is on the clipboard.")


def export_chart_dialog(
    parent: QWidget | None,
    case: Case | None,
    analytes: list[str] | None = None,
    x_mode: XAxisMode = XAxisMode.AUTO,
) -> Path | None:
    """Ask where and how to export the case's chart, and do it; the path, or None."""
    if case is None:
        QMessageBox.information(parent, TITLE, "Select a case first.")
        return None
    if not course_chart(case).has_course:
        QMessageBox.information(
            parent, TITLE, f"{case.label} has no time course recorded, so there is no chart."
        )
        return None
    dialog = ExportDialog(case, analytes, x_mode, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.exported_path
    return None
