"""Rasterise exported PDF and SVG files with independent programs and compare them.

PDF: poppler's pdftoppm and Ghostscript; SVG: librsvg's rsvg-convert and Inkscape. Each
renders the file at the PNG export's pixel size; pictures are compared as grey levels
averaged over square blocks, so anti-aliasing and font hinting do not count but a missing
box, label or line does.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

PROGRAMS = {
    "pdftoppm": ("pdf", "pdftoppm"),
    "ghostscript": ("pdf", "gs"),
    "rsvg-convert": ("svg", "rsvg-convert"),
    "inkscape": ("svg", "inkscape"),
}
BLOCK = 20


def missing_programs() -> list[str]:
    return [exe for _, exe in PROGRAMS.values() if shutil.which(exe) is None]


def rasterise(program: str, source: Path, width: int, height: int, out: Path) -> QImage:
    """source drawn by program as a width x height image (white background)."""
    if program == "pdftoppm":
        cmd = ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(width),
               "-scale-to-y", str(height), str(source), str(out.with_suffix(""))]
    elif program == "ghostscript":
        cmd = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m",
               "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-g{width}x{height}",
               "-dPDFFitPage", f"-sOutputFile={out}", str(source)]
    elif program == "rsvg-convert":
        cmd = ["rsvg-convert", "-b", "white", "-w", str(width), "-h", str(height),
               "-o", str(out), str(source)]
    else:
        cmd = ["inkscape", str(source), "--export-type=png", f"--export-filename={out}",
               "--export-background=white", "--export-background-opacity=1",
               "-w", str(width), "-h", str(height)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    image = QImage(str(out))
    assert not image.isNull(), f"{program} wrote no picture"
    if (image.width(), image.height()) != (width, height):
        image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


def grey(image: QImage) -> np.ndarray:
    """Grey levels 0-255 as an (h, w) float array; transparent counts as white."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    bgra = raw[:, : w * 4].reshape(h, w, 4).astype(float)
    alpha = bgra[..., 3:4] / 255
    rgb = bgra[..., :3] * alpha + 255 * (1 - alpha)
    return rgb @ np.array([0.114, 0.587, 0.299])


def block_means(values: np.ndarray, block: int = BLOCK) -> np.ndarray:
    h, w = (values.shape[0] // block) * block, (values.shape[1] // block) * block
    v = values[:h, :w].reshape(h // block, block, w // block, block)
    return v.mean(axis=(1, 3))


def worst_blocks(
    reference: QImage, other: QImage, count: int = 3, block: int = BLOCK
) -> list[tuple[float, int, int]]:
    """The largest block differences (grey levels) with their block's pixel origin (x, y)."""
    diff = np.abs(block_means(grey(reference), block) - block_means(grey(other), block))
    order = np.argsort(diff, axis=None)[::-1][:count]
    rows, cols = np.unravel_index(order, diff.shape)
    return [
        (float(diff[r, c]), int(c * block), int(r * block))
        for r, c in zip(rows, cols, strict=True)
    ]
