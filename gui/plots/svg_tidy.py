"""Make QSvgGenerator's output open the same in every SVG program.

QSvgGenerator writes each curve in data coordinates inside a group with the plot's
transform (e.g. matrix(1.9,0,0,-92,...)) and relies on vector-effect="non-scaling-stroke"
to keep lines thin. Programs that ignore vector-effect then draw lines 92 times too
thick. We bake such transforms into the coordinates of paths, polylines and polygons, so
strokes are plain user units. Qt also names its default font "Sans Serif", which is not a
CSS family; we add real fallbacks. An export shows the whole course, so nothing needs
clipping: clip paths are dropped, as some renderers (ImageMagick's own) drop everything
clipped. Finally the root gets the physical size (mm).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

SVG_NS = "http://www.w3.org/2000/svg"
_NS = f"{{{SVG_NS}}}"
_SHAPES = {f"{_NS}path", f"{_NS}polyline", f"{_NS}polygon"}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(rf"({_NUMBER})\s*,\s*({_NUMBER})")
FONT_FALLBACK = "Arial, Helvetica, sans-serif"  # after the family named (DejaVu Sans)

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def _matrix(text: str) -> tuple[float, ...] | None:
    m = re.fullmatch(r"\s*matrix\(([^)]*)\)\s*", text or "")
    if not m:
        return None
    values = [float(v) for v in re.split(r"[\s,]+", m.group(1).strip())]
    return tuple(values) if len(values) == 6 else None


def exact(value: float) -> str:
    """The shortest decimal that reads back as the same float, never with an exponent
    (SVG path data allows exponents, but not every program reads them)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _map_pairs(text: str, m: tuple[float, ...]) -> str:
    a, b, c, d, e, f = m

    def one(match: re.Match) -> str:
        x, y = float(match.group(1)), float(match.group(2))
        return f"{exact(a * x + c * y + e)},{exact(b * x + d * y + f)}"

    return _PAIR.sub(one, text)


def _bake(group: ET.Element) -> None:
    """Move a group's matrix into its shapes' coordinates (only if it holds shapes only)."""
    m = _matrix(group.get("transform", ""))
    if m is None or not len(group) or any(child.tag not in _SHAPES for child in group):
        return
    for child in group:
        if child.tag == f"{_NS}path":
            d = child.get("d", "")
            if re.search(r"[a-zA-Z]", re.sub(r"[MLCZz]", "", d)):
                return  # a command we do not map (relative, arcs): keep the transform
    for child in group:
        attr = "d" if child.tag == f"{_NS}path" else "points"
        child.set(attr, _map_pairs(child.get(attr, ""), m))
    del group.attrib["transform"]


def tidy_svg(text: str, width_mm: float, height_mm: float) -> str:
    root = ET.fromstring(text)
    root.set("width", f"{width_mm:.2f}mm")
    root.set("height", f"{height_mm:.2f}mm")
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_NS}clipPath":
                parent.remove(child)
    for element in root.iter():
        element.attrib.pop("clip-path", None)
        # Qt's cosmetic pens: widths are in layout pixels, which the viewBox scales like
        # everything else (as in the PNG); programs that honour non-scaling-stroke
        # (Inkscape, browsers) would otherwise draw every line 1 output pixel thin
        if element.get("vector-effect") == "non-scaling-stroke":
            del element.attrib["vector-effect"]
        if element.tag == f"{_NS}g":
            _bake(element)
        family = element.get("font-family")
        if family is not None and "sans-serif" not in family:
            name = family.strip("'\" ")
            real = "DejaVu Sans, " if name == "Sans Serif" else f"{name}, "
            element.set("font-family", real + FONT_FALLBACK)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
