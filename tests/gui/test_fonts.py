"""The charts and the report draw with the font shipped in resources/fonts (DejaVu Sans):
a PDF embeds it and an SVG names it with generic fallbacks, whatever the system's fonts
or the application's default font are. Read back by poppler's pdffonts and as XML."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui.case_report import write_report
from gui.fonts import FAMILY, FILES, FONT_DIR
from gui.plots.export import export_chart
from storage.seed import paper_cases
from tests.conftest import ROOT, copy_casebook

SVG = "{http://www.w3.org/2000/svg}"
INDEX = "Takashima 2017 (index case)"


def pdf_fonts(path) -> list[tuple[str, str]]:
    """(name without its subset prefix, embedded yes/no) of every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    return [(r.split()[0].split("+")[-1], r.split()[-5]) for r in rows]


@pytest.fixture
def index():
    return next(c for c in paper_cases() if c.reference_number == "Our case")


@pytest.fixture
def serif_default(qapp):
    """The application's default font set to a serif one, as a platform may have it."""
    before = QApplication.font()
    QApplication.setFont(QFont("DejaVu Serif"))
    yield
    QApplication.setFont(before)


def test_the_font_files_and_their_licence_are_shipped():
    for name in FILES:
        assert (FONT_DIR / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    licence = (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "public domain" in licence


@pytest.mark.usefixtures("serif_default")
def test_svg_names_the_shipped_font_first_with_fallbacks(qtbot, index, tmp_path):
    path = export_chart(index, tmp_path / "c.svg")
    families = {e.get("font-family") for e in ET.parse(path).getroot().iter() if e.get("font-family")}
    assert families == {f"{FAMILY}, Arial, Helvetica, sans-serif"}


@pytest.mark.usefixtures("serif_default")
def test_pdf_chart_and_report_embed_only_the_shipped_font(qtbot, index, tmp_path):
    for path in (export_chart(index, tmp_path / "c.pdf"), write_report(index, tmp_path / "r.pdf")):
        fonts = pdf_fonts(path)
        assert fonts and all(name.startswith("DejaVuSans") and emb == "yes" for name, emb in fonts)
        assert ("DejaVuSans", "yes") in fonts


def test_a_machine_without_fonts_still_embeds_the_shipped_font(template_casebook, tmp_path):
    """fontconfig given no font folders at all: the PDF still has its text, in DejaVu Sans."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    for command, out in (("export-chart", "c.pdf"), ("report", "r.pdf")):
        run = subprocess.run(
            [sys.executable, "main.py", "--db", str(db), command, INDEX, "--out", str(tmp_path / out)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert ("DejaVuSans", "yes") in pdf_fonts(tmp_path / out)
