"""Journal, slide and letter sizes: the files' pixels, resolution and text size, read back
by programs other than Qt (the PNG's chunks by hand, the PDF by poppler)."""

from __future__ import annotations

import re
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib

import pytest
from PySide6.QtCore import Qt

from cli import build_parser, run_command
from gui.plots.export import ExportError, export_chart
from gui.plots.export_dialog import ExportDialog
from gui.plots.presets import PRESETS, PRINT_TEXT_PT
from storage.seed import paper_cases

SVG = "{http://www.w3.org/2000/svg}"
DEJAVU_EM_HEIGHT = 0.928 + 0.236  # ascent + descent: poppler's word box per point of size


@pytest.fixture(scope="module")
def index():
    return next(c for c in paper_cases() if c.reference_number == "Our case")


def png_chunks(path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc
        chunks.setdefault(kind, body)
        at += 12 + length
    return chunks


def png_size_and_dpi(path) -> tuple[int, int, float, float]:
    chunks = png_chunks(path)
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    x, y, unit = struct.unpack(">IIB", chunks[b"pHYs"])
    assert unit == 1  # metres
    return width, height, x * 0.0254, y * 0.0254


def pdf_tick_heights_pt(path) -> list[float]:
    """Heights of the x axis's tick numbers as poppler finds them (points)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(\d+)<', xml)
    return [float(y1) - float(y0) for y0, y1, w in words if w in ("30", "60", "90", "120")]


@pytest.mark.parametrize("key", ["single", "double", "slide"])
def test_png_has_the_presets_pixels_and_resolution(qtbot, index, tmp_path, key):
    p = PRESETS[key]
    w, h = p.pixels(600)
    path = export_chart(index, tmp_path / f"{key}.png", w, h, 600, text_pt=p.text_pt)
    width, height, dpi_x, dpi_y = png_size_and_dpi(path)
    assert (width, height) == (round(p.width_mm / 25.4 * 600), round(p.height_mm / 25.4 * 600))
    assert round(dpi_x) == round(dpi_y) == 600


@pytest.mark.parametrize("key", ["single", "letter", "slide"])
def test_pdf_page_fonts_and_text_size_match_the_preset(qtbot, index, tmp_path, key):
    p = PRESETS[key]
    path = export_chart(index, tmp_path / f"{key}.pdf", *p.pixels(), p.dpi, text_pt=p.text_pt)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    w_pt, h_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w_pt - p.width_mm / 25.4 * 72) < 0.5 and abs(h_pt - p.height_mm / 25.4 * 72) < 0.5
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), fonts  # every font embedded
    heights = pdf_tick_heights_pt(path)
    assert len(heights) >= 3
    for height in heights:
        assert abs(height / DEJAVU_EM_HEIGHT - p.text_pt) < 0.25, (height, p.text_pt)


def test_svg_names_real_fonts_and_its_text_prints_at_the_preset_size(qtbot, index, tmp_path):
    p = PRESETS["onehalf"]
    path = export_chart(index, tmp_path / "c.svg", *p.pixels(), p.dpi, text_pt=p.text_pt)
    root = ET.parse(path).getroot()
    width_mm = float(root.get("width").removesuffix("mm"))
    assert abs(width_mm - p.width_mm) < 0.05  # whole pixels at the preset's dpi
    view_w = float(root.get("viewBox").split()[2])
    pt_per_unit = width_mm / 25.4 * 72 / view_w
    sizes = {
        round(float(g.get("font-size")) * pt_per_unit, 1)
        for g in root.iter(f"{SVG}g")
        if g.get("font-size")
        and any("".join(t.itertext()).strip() == "30" for t in g.findall(f"{SVG}text"))
    }
    assert sizes == {p.text_pt}
    families = {g.get("font-family") for g in root.iter(f"{SVG}g") if g.get("font-family")}
    assert families and all(f.startswith("DejaVu Sans") and "sans-serif" in f for f in families)


def test_a_size_too_small_for_print_text_is_refused(qtbot, index, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match="too small for 7.5 pt text"):
        export_chart(index, folder / "tiny.png", 300, 300, 600, text_pt=PRINT_TEXT_PT)
    assert not list(folder.iterdir())


def cli(*argv) -> int:
    return run_command(build_parser().parse_args([str(a) for a in argv]))


def test_cli_preset_and_mm(qtbot, tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    out = tmp_path / "single.png"
    label = "Takashima 2017 (index case)"
    assert cli("--db", db, "export-chart", label, "--preset", "single", "--dpi", "1000",
               "--out", out) == 0
    assert png_size_and_dpi(out)[:3] == (3346, 3150, pytest.approx(1000, abs=0.1))
    pdf = tmp_path / "mm.pdf"
    assert cli("--db", db, "export-chart", label, "--mm", "120x80", "--out", pdf) == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w_pt, h_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w_pt - 340.16) < 0.5 and abs(h_pt - 226.77) < 0.5  # 120 x 80 mm
    capsys.readouterr()
    for bad, message in [
        (["--preset", "poster"], "preset must be one of single, onehalf, double, letter, slide"),
        (["--mm", "85"], "--mm must be WIDTHxHEIGHT in millimetres"),
        (["--mm", "85x900"], "height must be 20 to 600 mm, not 900"),
        (["--preset", "single", "--mm", "85x60"], "--preset or --mm, not both"),
        (["--preset", "single", "--width", "900"], "--width/--height are pixels"),
    ]:
        target = tmp_path / "bad.png"
        assert cli("--db", db, "export-chart", label, *bad, "--out", target) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1
        assert not target.exists()


def test_dialog_exports_a_journal_column_at_600_dpi(qtbot, index, tmp_path):
    dialog = ExportDialog(index)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.purpose.setFocus()
    # choose "Journal, double column" from the list as the keyboard does
    while dialog.purpose.currentData() != "double":
        qtbot.keyClick(dialog.purpose, Qt.Key.Key_Down)
    assert (dialog.width.value(), dialog.height.value()) == (174, 100)
    assert dialog.width.suffix() == " mm" and dialog.dpi.value() == 600
    assert dialog.pixels.text() == "4110 x 2362 pixels, text 7.5 pt"
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(tmp_path / "double.png"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    width, height, dpi, _ = png_size_and_dpi(tmp_path / "double.png")
    assert (width, height, round(dpi, 1)) == (4110, 2362, 600.0)
