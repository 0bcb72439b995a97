"""Chart export: the files' content, not just their existence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QGuiApplication, QImage

from gui.plots import style
from gui.plots.export import ExportError, copy_chart_to_clipboard, export_chart
from storage.seed import paper_cases

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def cases():
    return paper_cases()


@pytest.fixture
def index(cases):
    return next(c for c in cases if c.reference_number == "Our case")


def pixels(image: QImage) -> np.ndarray:
    """The image as an (h, w, 3) array of RGB bytes."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return raw[:, : w * 3].reshape(h, w, 3).copy()


def count_colour(rgb: np.ndarray, hex_colour: str, tolerance: int = 12) -> int:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb.astype(int) - target).max(axis=2) <= tolerance).sum())


def test_png_has_the_size_resolution_and_the_ck_and_dose_colours(qtbot, index, tmp_path):
    path = export_chart(index, tmp_path / "index.png")  # defaults: 1800 x 1000, 300 dpi
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1800, 1000)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    rgb = pixels(image)
    white = count_colour(rgb, style.BACKGROUND, 0)
    assert 0.5 < white / rgb[..., 0].size < 0.97  # a white page, and not a blank one
    assert tuple(rgb[0, 0]) == (255, 255, 255) and tuple(rgb[-1, -1]) == (255, 255, 255)
    assert count_colour(rgb, style.CK_COLOUR) > 500
    assert count_colour(rgb, style.DOSE_COLOUR) > 2000
    assert count_colour(rgb, style.LANE_COLOURS["Chemotherapy"]) > 500
    # the text is there: the title's black pixels in the top band
    assert count_colour(rgb[:120], "#000000", 60) > 1000


def test_png_size_and_dpi_are_chosen(qtbot, index, tmp_path):
    image = QImage(str(export_chart(index, tmp_path / "small.png", 900, 500, 150)))
    assert (image.width(), image.height()) == (900, 500)
    assert round(image.dotsPerMeterX() * 0.0254) == 150
    assert count_colour(pixels(image), style.CK_COLOUR) > 100


def test_svg_is_xml_with_a_path_per_series_and_the_axis_titles(qtbot, index, tmp_path):
    path = export_chart(index, tmp_path / "index.svg", 1800, 1000, 300)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "152.40mm" and root.get("height") == "84.67mm"  # 6 x 3.33 in
    stroked = {}
    for g in root.iter(f"{SVG}g"):
        paths = [p for p in g if p.tag == f"{SVG}path" and p.get("d")]
        if paths and g.get("stroke"):
            stroked.setdefault(g.get("stroke").lower(), []).extend(paths)
    ck_line = [p for p in stroked.get(style.CK_COLOUR.lower(), []) if p.get("d").count("L") >= 2]
    dose_paths = [p.get("d") for p in stroked.get(style.DOSE_COLOUR.lower(), [])]
    # the held 70 mg/day (one segment) and the dashed taper's known points, one path each
    dose_line = [d for d in dose_paths if d.count("L") >= 1]
    assert ck_line, "no CK line path"  # three points joined: M .. L .. L
    # drawn in page units, not inside a data-scaled group that needs vector-effect support
    ck_group = next(g for g in root.iter(f"{SVG}g") if ck_line[0] in list(g))
    assert ck_group.get("transform") is None
    xy = [float(v) for v in re.findall(r"-?[\d.]+", ck_line[0].get("d"))]
    assert all(0 <= v <= 720 for v in xy[0::2]) and all(0 <= v <= 400 for v in xy[1::2])
    assert all("sans-serif" in t.get("font-family", "sans-serif") for t in root.iter(f"{SVG}g"))
    assert dose_line, "no dose step path"
    assert any(d.count("M") + d.count("L") >= 6 for d in dose_paths), "no dashed taper path"
    uln = [
        e
        for g in root.iter(f"{SVG}g")
        if (g.get("stroke") or "").lower() == style.ULN_COLOUR.lower() and g.get("stroke-dasharray")
        for e in g
        if e.tag in (f"{SVG}polyline", f"{SVG}path")
    ]
    assert uln, "no dashed upper-limit line"
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    for expected in (
        "CK (IU/L)",
        "Prednisolone-equivalent dose (mg/day)",
        "Days from day 0",
        "Takashima 2017 (index case)",
        "Takashima et al. Intern Med 56: 719-724, 2017",
        "Steroid, prednisolone-equivalent (mg/day)",
        "Chemotherapy",
        "C4",
        "15,242",
        "10,000",
    ):
        assert expected in texts, expected


def test_pdf_is_one_page_of_the_requested_size(qtbot, index, tmp_path):
    path = export_chart(index, tmp_path / "index.pdf", 1800, 1000, 300)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box and float(box.group(1)) == pytest.approx(432, abs=1)  # 6 in at 72 pt
    assert float(box.group(2)) == pytest.approx(240, abs=1)
    assert len(data) > 5000  # vector content, fonts


def test_nothing_is_written_on_error(qtbot, index, cases, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match="must end in .png, .svg or .pdf"):
        export_chart(index, tmp_path / "chart.gif")
    with pytest.raises(ExportError, match="no time course recorded"):
        export_chart(cases[0], tmp_path / "lit.png")
    with pytest.raises(ExportError, match="no such folder"):
        export_chart(index, tmp_path / "missing" / "chart.png")
    with pytest.raises(ExportError, match="width must be 200 to 12000"):
        export_chart(index, tmp_path / "chart.png", width=10)
    assert list(tmp_path.iterdir()) == []


def test_export_leaves_an_existing_file_whole_when_it_fails(qtbot, cases, tmp_path):
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_chart(cases[0], target)
    assert target.read_bytes() == b"old"


def test_copy_to_clipboard_puts_an_image_and_svg(qtbot, index):
    copy_chart_to_clipboard(index, 900, 500, 150)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage()
    image = QImage(mime.imageData())
    assert (image.width(), image.height()) == (900, 500)
    assert count_colour(pixels(image), style.DOSE_COLOUR) > 500
    svg = bytes(mime.data("image/svg+xml"))
    assert ET.fromstring(svg).tag == f"{SVG}svg"
