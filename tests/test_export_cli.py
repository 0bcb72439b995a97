"""`export-chart` run as a user runs it, with no display at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT

INDEX = "Takashima 2017 (index case)"


def run(*args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_exports_png_svg_and_pdf_without_a_display(db_path, tmp_path):
    for ext in ("png", "svg", "pdf"):
        out = tmp_path / f"index.{ext}"
        extra = ("--width", "1200", "--height", "700", "--dpi", "200") if ext == "png" else ()
        r = run("--db", db_path, "export-chart", INDEX, "--out", out, *extra)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == str(out)
    png = (tmp_path / "index.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 1200 and int.from_bytes(png[20:24], "big") == 700
    root = ET.parse(tmp_path / "index.svg").getroot()
    assert any(
        "".join(t.itertext()) == "CK (IU/L)" for t in root.iter("{http://www.w3.org/2000/svg}text")
    )
    pdf = (tmp_path / "index.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1


def test_all_writes_one_file_per_case_with_a_course(db_path, tmp_path):
    out_dir = tmp_path / "charts"
    r = run("--db", db_path, "export-chart", "--all", "--out-dir", out_dir, "--format", "pdf")
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in out_dir.iterdir())
    assert len(files) == 1 and files[0].endswith("-takashima-2017-index-case.pdf")  # 16 have none
    assert r.stdout.strip() == str(out_dir / files[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((INDEX, "--out", "{tmp}/chart.gif"), "must end in .png, .svg or .pdf"),
        (("McCombs 1947 (ref 20)", "--out", "{tmp}/lit.png"), "no time course recorded"),
        (("no such case", "--out", "{tmp}/x.png"), "no case 'no such case'"),
        ((INDEX, "--out", "{tmp}/missing/x.png"), "no such folder"),
        ((INDEX, "--out", "{tmp}/x.png", "--dpi", "3000"), "dpi must be 50 to 1200"),
        ((INDEX, "--out", "{tmp}/x.png", "--width", "wide"), "--width must be a whole number"),
        (("--all",), "give --out-dir DIR"),
    ],
)
def test_errors_are_one_line_exit_2_and_write_nothing(db_path, tmp_path, args, message):
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{tmp}", str(out)) for a in args]
    r = run("--db", db_path, "export-chart", *args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], r.stderr
    assert list(out.iterdir()) == []
