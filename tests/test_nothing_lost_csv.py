"""Issue 12 item 7: CSV cells that a spreadsheet would run are neutralised; CSVs are 0600."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from storage.safe_write import safe_cell, write_csv_atomically
from tests.test_storage import full_case

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_get_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+5", "0.125", "plain", "", "a=b"])
def test_numbers_and_plain_text_are_left_as_they_are(text):
    assert safe_cell(text) == text


def test_a_csv_file_is_private_and_neutralised(tmp_path):
    target = tmp_path / "out.csv"
    write_csv_atomically(target, ["label"], [["=cmd|' /C calc'!A0"]])
    assert target.stat().st_mode & 0o777 == 0o600
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == [["label"], ["'=cmd|' /C calc'!A0"]]


def test_cases_csv_neutralises_a_formula_label(tmp_path):
    from storage.db import open_db
    from storage.repository import CaseRepository

    path = tmp_path / "c.sqlite"
    db = open_db(path)
    case = full_case()
    case.label = "=1+1"
    CaseRepository(db).save(case)
    db.close()
    for command in ("cases", "table"):
        out = subprocess.run(
            [sys.executable, "main.py", "--db", str(path), command, "--format", "csv"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        cells = [c for row in csv.reader(io.StringIO(out.stdout)) for c in row]
        assert not any(c.startswith("=") for c in cells), command
        if command == "cases":
            assert "'=1+1" in cells
