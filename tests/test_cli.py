"""The headless commands, run as a user runs them: `python main.py ...`."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest

from tests.conftest import PAPER, ROOT


def run(*args, check=True):
    out = subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if check:
        assert out.returncode == 0, out.stderr
    return out


def paper_table() -> list[list[str]]:
    """The Table as printed in the paper's text (header and 17 rows)."""
    lines = PAPER.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Reference\tAge / Sex")))
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(line.split("\t"))
    return rows


def test_table_matches_the_paper_cell_for_cell(db_path):
    expected = paper_table()
    assert len(expected) == 18
    out = run("--db", db_path, "table")
    got = [line.split("\t") for line in out.stdout.rstrip("\n").split("\n")]
    assert got == expected


def test_table_formats(db_path):
    out = run("--db", db_path, "table", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows == paper_table()
    md = run("--db", db_path, "table", "--format", "markdown").stdout.splitlines()
    assert md[0].startswith("| Reference | Age / Sex | Diagnosis |")
    assert (
        md[-1]
        == "| Our case | 75/M | SCLC or LCNEC | PSL→chemotherapy | Gradual improvement | Rapid improvement | Alive |"
    )
    assert len(md) == 19


def test_cases_lists_ids_usable_by_course(db_path):
    out = run("--db", db_path, "cases")
    lines = out.stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["id", "label"]
    assert len(lines) == 18
    index = next(line for line in lines if "index case" in line)
    case_id = index.split("\t")[0]
    course = run("--db", db_path, "course", case_id).stdout.splitlines()
    assert course[0] == "day\tprecision\tkind\tname\tvalue\tunit\tflag\tx_uln\tdetail"
    rows = [line.split("\t") for line in course[1:]]
    ck = [(r[0], r[1], r[4], r[6], r[7]) for r in rows if r[2] == "lab" and r[3] == "CK"]
    assert ck == [  # each with its flag and multiple of the upper limit
        ("0", "exact", "15242", "H", "61.46"),
        ("14", "approximate", "226", "", "0.91"),
        ("29", "approximate", "54", "", "0.22"),
    ]
    doses = [(r[0], r[4], r[8]) for r in rows if r[2] == "dose"]
    taper = "tapered to this dose; schedule not given"
    assert doses == [
        ("0", "70", "until day 14"),
        ("15", "55", ""),
        ("90", "15", taper),
        ("180", "10", taper),
        ("255", "7", "dose at follow-up; since when is not given"),
    ]
    cycles = [r[0] for r in rows if r[2] == "treatment"]
    assert cycles == ["15", "45", "75", "105"]
    assert "exactly 4 cycles" in next(r[8] for r in rows if r[4] == "cycle 1")
    assert ["", "not specified", "lab", "NSE", "83.7", "ng/mL", "H", "5.13", ""] in rows
    # undated antibodies and findings are listed, as undated labs are; so are the cancer
    # and the outcome
    names = {(r[2], r[3]) for r in rows}
    assert {("antibody", "Jo-1"), ("antibody", "TIF1-gamma"), ("finding", "TTF-1")} <= names
    cancer = next(r for r in rows if r[2] == "diagnosis")
    assert cancer[4] == "SCLC or LCNEC" and "TxN3M0" in cancer[8]
    outcome = next(r for r in rows if r[2] == "outcome")
    assert outcome[:5] == ["255", "approximate", "outcome", "Final outcome", "Alive"]
    by_label = run("--db", db_path, "course", "Takashima 2017 (index case)", "--format", "csv")
    assert len(by_label.stdout.splitlines()) == len(course)


def test_course_of_a_literature_case_names_its_cancer_and_outcome(db_path):
    out = run("--db", db_path, "course", "1")
    lines = out.stdout.splitlines()
    assert lines[0] == "day\tprecision\tkind\tname\tvalue\tunit\tflag\tx_uln\tdetail"
    rows = [line.split("\t") for line in lines[1:]]
    assert [r[2:5] for r in rows if r[2] != "finding"] == [
        ["diagnosis", "Cancer", "SCLC"],
        ["outcome", "Final outcome", "Dead"],
    ]


def _one_line_error(out, pattern):
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(pattern, lines[0]), out.stderr


def test_unknown_case(db_path):
    _one_line_error(run("--db", db_path, "course", "999", check=False), "no case '999'")


@pytest.mark.parametrize(
    "content", [b"hello, not a database", b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_non_sqlite_or_damaged_file_is_refused_and_unchanged(tmp_path, content):
    p = tmp_path / "x.sqlite"
    p.write_bytes(content)
    _one_line_error(run("--db", p, "table", check=False), r"not|damaged|unreadable")
    assert p.read_bytes() == content
    assert sorted(x.name for x in tmp_path.iterdir()) == ["home", "x.sqlite"]


def test_missing_folder_creates_nothing(tmp_path):
    _one_line_error(
        run("--db", tmp_path / "no" / "c.sqlite", "cases", check=False), "does not exist"
    )
    assert not (tmp_path / "no").exists()


def test_default_database_is_created_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DM_CASEBOOK_DB")
    out = subprocess.run(
        [sys.executable, "main.py", "cases"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "xdg" / "DM Casebook" / "casebook.sqlite").exists()
