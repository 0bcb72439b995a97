"""Chart sizes by purpose (journal columns, slides, letters) and their print text size.

Pure Python (no Qt), so the command line can check a preset before Qt is loaded.

A preset gives a physical size in millimetres and a text size in points; with a dpi it
becomes pixels. The chart is then laid out so that its tick labels print at text_pt
points (titles a little larger), whatever the dpi: a single-column figure gets 7.5 pt text,
not the 4 pt a screen-sized chart shrunk to 85 mm would have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import shown

MM_PER_INCH = 25.4
PRINT_TEXT_PT = 7.5  # tick labels; axis titles 8.1 pt, chart title 10 pt (journals: 7-9 pt)
PRESET_DPIS = (300, 600, 1000)  # 1000 for line art
MM_LIMITS = (20.0, 600.0)


class PresetError(ValueError):
    """A plain-language reason a preset or size cannot be used."""


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    width_mm: float
    height_mm: float
    text_pt: float = PRINT_TEXT_PT
    dpi: int = 600

    def pixels(self, dpi: int | None = None) -> tuple[int, int]:
        return mm_to_px(self.width_mm, dpi or self.dpi), mm_to_px(self.height_mm, dpi or self.dpi)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset("single", "Journal, single column (85 x 80 mm)", 85, 80),
        Preset("onehalf", "Journal, 1.5 column (114 x 85 mm)", 114, 85),
        Preset("double", "Journal, double column (174 x 100 mm)", 174, 100),
        Preset("letter", "Letter, half a page (174 x 120 mm)", 174, 120),
        # a 10-inch 16:9 slide: text read from the back of a room
        Preset("slide", "Slide, 16:9 (254 x 143 mm)", 254, 143, text_pt=14, dpi=300),
    )
}


def mm_to_px(mm: float, dpi: int) -> int:
    return max(1, round(mm / MM_PER_INCH * dpi))


def preset(key: str) -> Preset:
    try:
        return PRESETS[key]
    except KeyError:
        raise PresetError(
            f"preset must be one of {', '.join(PRESETS)}, not {key!r}"
        ) from None


def parse_mm(text: str) -> tuple[float, float]:
    """'85x60' (millimetres, width x height) -> (85.0, 60.0)."""
    m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d+)?)\s*[xX×]\s*(\d{1,3}(?:\.\d+)?)\s*", text)
    if not m:
        raise PresetError(
            f"--mm must be WIDTHxHEIGHT in millimetres (e.g. 85x60), not '{shown(text)}'"
        )
    w, h = float(m.group(1)), float(m.group(2))
    lo, hi = MM_LIMITS
    for name, v in (("width", w), ("height", h)):
        if not lo <= v <= hi:
            raise PresetError(f"{name} must be {lo:g} to {hi:g} mm, not {v:g}")
    return w, h
