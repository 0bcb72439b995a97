"""The one-page case report: read back with poppler (text, page size, fonts, pages) and
as PNG chunks; its PNG is the PDF's page; nothing that identifies unless asked."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from cli import build_parser, run_command
from gui.case_report import write_report
from gui.plots.export import ExportError
from gui.report_dialog import ReportDialog
from storage.seed import paper_cases
from tests.chart_cases import densest_synthetic
from tests.gui.test_export_presets import png_size_and_dpi
from tests.viewers import rasterise, worst_blocks

INDEX = "Takashima 2017 (index case)"


@pytest.fixture(scope="module")
def cases():
    return paper_cases()


@pytest.fixture
def index(cases):
    return next(c for c in cases if c.reference_number == "Our case")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_info(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def test_a4_pdf_of_the_index_case(qtbot, index, tmp_path):
    path = write_report(index, tmp_path / "index.pdf")
    info = pdf_info(path)
    assert "Pages:           1" in info and "595 x 842 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert all(r.split()[-5] == "yes" for r in fonts.splitlines()[2:])  # embedded
    text = pdf_text(path)
    for expected in (INDEX, "Intern Med 56: 719-724", "75/M", "SCLC or LCNEC, stage TxN3M0",
                     "Anti-TIF1-gamma", "probable (Bohan and Peter)", "Carboplatin + etoposide",
                     "Rapid improvement", "Alive", "Laboratory results", "Days from day 0"):
        assert expected in text, expected
    ck = re.search(r"^\s*0\s+Creatine kinase\s+15,242\s+IU/L\s+<248\s+H\s*$", text, re.M)
    assert ck, "the admission CK row with its flag"
    assert re.search(r"about 14\s+Creatine kinase\s+226\s+IU/L\s+<248\s*$", text, re.M)
    assert "Precision polishing worker" not in text  # occupation only if asked
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text)


def test_letter_page_and_dates_and_occupation_only_when_asked(qtbot, index, tmp_path):
    dated = dataclasses.replace(index, day0_date="2015-03-02")
    plain = write_report(dated, tmp_path / "plain.pdf", page="letter")
    assert "612 x 792 pts (letter)" in pdf_info(plain)
    assert "2015-03-02" not in pdf_text(plain) and "2015" not in pdf_text(plain)
    asked = write_report(dated, tmp_path / "asked.pdf", page="letter", allow_dates=True,
                         identifying=True)
    text = pdf_text(asked)
    assert "2015-03-02" in text and "Precision polishing worker" in text


def test_png_is_the_pdf_page(qtbot, index, tmp_path):
    png = write_report(index, tmp_path / "index.png", dpi=100)
    assert png_size_and_dpi(png)[:2] == (827, 1169) and round(png_size_and_dpi(png)[2]) == 100
    pdf = write_report(index, tmp_path / "index.pdf")
    page = rasterise("pdftoppm", pdf, 827, 1169, tmp_path / "page.png")
    # 40 px (10 mm) blocks: the raster's hinted glyphs end long lines a few pixels later
    # (measured: up to 11 grey levels); one lab row left out of the PNG measured 15
    diff, x, y = worst_blocks(QImage(str(png)), page, block=40)[0]
    assert diff <= 13, f"PNG and PDF differ at x={x}, y={y} by {diff:.0f} grey levels"


def test_a_case_without_course_or_with_many_labs_still_fits_one_page(qtbot, cases, tmp_path):
    literature = write_report(cases[0], tmp_path / "lit.pdf")
    assert "No lab results recorded." in pdf_text(literature)
    assert "Days from day 0" not in pdf_text(literature)  # no chart to draw
    dense = densest_synthetic(1)[0]
    path = write_report(dense, tmp_path / "dense.pdf")
    text = pdf_text(path)
    assert "Pages:           1" in pdf_info(path)
    shown = len(re.findall(r"^\s*(about )?-?\d+\s+\S.*\s(IU/L|U/L|mg/dL|mm/h|U/mL|ng/mL|pg/mL)",
                           text, re.M))
    assert f"... and {len(dense.labs) - shown} more results" in text


def test_bad_requests_write_nothing(qtbot, index, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for kwargs, message in [
        ({"path": folder / "r.gif"}, "must end in .pdf or .png"),
        ({"path": folder / "r.pdf", "page": "a5"}, "page must be a4 or letter"),
        ({"path": folder / "r.png", "dpi": 5}, "dpi must be 72 to 600"),
        ({"path": folder / "missing" / "r.pdf"}, "no such folder"),
    ]:
        with pytest.raises(ExportError, match=message):
            write_report(index, **kwargs)
    assert not list(folder.iterdir())


def cli(*argv) -> int:
    return run_command(build_parser().parse_args([str(a) for a in argv]))


def test_cli_report_one_and_all(qtbot, tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    assert cli("--db", db, "report", INDEX, "--out", tmp_path / "r.pdf", "--page", "letter") == 0
    assert "(letter)" in pdf_info(tmp_path / "r.pdf")
    assert cli("--db", db, "report", "--all", "--out-dir", tmp_path / "all", "--format", "png",
               "--dpi", "72") == 0
    files = sorted((tmp_path / "all").iterdir())
    assert len(files) == 17 and all(png_size_and_dpi(f)[:2] == (595, 842) for f in files)
    capsys.readouterr()
    assert cli("--db", db, "report", INDEX, "--out", tmp_path / "r.txt") == 2
    err = capsys.readouterr().err
    assert err == "error: r.txt: the file name must end in .pdf or .png\n"
    assert not (tmp_path / "r.txt").exists()


def test_dialog_saves_a_png_report(qtbot, index, tmp_path):
    dialog = ReportDialog(index)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(tmp_path / "report.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    assert dialog.path.text() == str(tmp_path / "report.png")
    dialog.page.setCurrentIndex(dialog.page.findData("letter"))
    assert not dialog.dates.isEnabled()  # the case has no date for day 0
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.written == tmp_path / "report.png"
    assert png_size_and_dpi(tmp_path / "report.png")[:2] == (1275, 1650)  # Letter at 150 dpi


def test_file_menu_has_case_report(qtbot, open_window):
    window = open_window()
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Case &report..." in texts
