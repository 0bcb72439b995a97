"""The font of the charts and reports: DejaVu Sans, shipped in resources/fonts.

Registered with Qt's font database on first use (a QGuiApplication must exist), so the
course chart, its PNG/SVG/PDF exports and the case report look the same on every platform:
a PDF embeds this font, an SVG names it with generic fallbacks (see plots/svg_tidy.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

FAMILY = "DejaVu Sans"
FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")

_loaded: list[str] = []


def family() -> str:
    """The shipped family's name, registering its files the first time."""
    if not _loaded:
        for name in FILES:
            font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
            if font_id < 0:
                raise RuntimeError(f"the app's font {FONT_DIR / name} could not be loaded")
            _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return FAMILY
