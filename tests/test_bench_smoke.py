"""`make bench` cannot rot: its report is complete, and its harness runs.

Only the report's structure is checked (every figure a ratio to a named limit, at both
sizes, both sides beside it, numbers that parse, goals and verdicts); the timings themselves belong to `make bench`, not to tests. The
report is rendered from a canned results file (tests/data/bench_results_quick30.json, a
`--quick --cases 30` run) in every `make test`; running the harness itself on a tiny cohort
takes ~15 s and is marked slow (CI and `make stress` run it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SYNTHETIC = 30
NUMBER = re.compile(r"[0-9][0-9,]*(\.[0-9]+)?( ms| s| MB|x| rows/s)")


CANNED = ROOT / "tests" / "data" / "bench_results_quick30.json"


def _render(results, out, tmp_path):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    (work / "results.json").write_bytes(results.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "--render", "--out", str(out)]
        + ["--workdir", str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run


@pytest.fixture(scope="module", params=["canned", pytest.param("run", marks=pytest.mark.slow)])
def report(request, tmp_path_factory):
    if request.param == "canned":
        folder = tmp_path_factory.mktemp("canned")
        run = _render(CANNED, folder / "benchmarks.md", folder)
        run.args = [*run.args, "--workdir", str(folder / "work")]
        text = (folder / "benchmarks.md").read_text(encoding="utf-8")
        return text, json.loads(CANNED.read_text()), run
    return _harness(tmp_path_factory)


def _harness(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    out, work = folder / "benchmarks.md", folder / "work"
    docs = ROOT / "docs" / "benchmarks.md"
    before = docs.read_bytes() if docs.exists() else None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "--quick", "--cases", str(SYNTHETIC)]
        + ["--out", str(out), "--workdir", str(work)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a few cold starts of both windows, on a machine that may be busy
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (docs.read_bytes() if docs.exists() else None) == before  # --out went elsewhere
    return out.read_text(encoding="utf-8"), json.loads((work / "results.json").read_text()), run


COLUMNS = ["Figure", "Limit (same run)", "Cases", "Ratio", "Min", "Max", "Ours", "Limit",
           "Runs", "Goal", "Met"]
RATIO = re.compile(r"[0-9][0-9,]*\.[0-9]{2}x")


def _results_table(text: str) -> list[list[str]]:
    section = text.split("## Results", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    assert set(lines[1].replace("|", "")) == {"-"}
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))] for line in lines[2:]]


def test_every_figure_is_a_ratio_to_its_limit_with_both_sides_and_its_goal(report):
    text, _, run = report
    rows = _results_table(text)
    by_name: dict[str, set[str]] = {}
    for name, limit, cases, ratio, low, high, ours, lim, runs, goal, met in rows:
        assert limit, name  # every figure names what it is divided by
        for cell in (ratio, low, high):
            assert RATIO.fullmatch(cell), (name, cell)
        for cell in (ours, lim):
            assert NUMBER.fullmatch(cell) and not cell.endswith("x"), (name, cell)
        assert runs == "2"
        assert goal == "report" or re.fullmatch(r"(<=|>=) [0-9.]+x", goal), goal
        assert met in ("met", "**not met**", "—"), met
        assert (met == "—") == (goal == "report")
        by_name.setdefault(name, set()).add(cases)
    both, large = {"17", f"{17 + SYNTHETIC}"}, {f"{17 + SYNTHETIC}"}
    expected = {
        "Cold start: process start to the window painted, list filled": both,
        "Peak memory (RSS), window open, 20 cases visited": both,
        "Filter: one keystroke to the list repainted": both,
        "Switch: a case chosen in the list to its chart painted": both,
        "Switch to the index case, large casebook": large,
        "Save: File > Save of an edited case": both,
        "CaseRepository.save of an edited case": both,
        "Chart exported as PNG 1800 x 1000 (matplotlib ÷ ours)": both,
        "Chart exported as SVG (matplotlib ÷ ours)": both,
        "Chart exported as PDF (matplotlib ÷ ours)": both,
        "`export-chart --all` (process), per chart": {"10"},
        "Bulk write (synthetic writer ÷ plain executemany, rows/s)": {"17", f"{SYNTHETIC}"},
        "`main.py synth` (process start to exit)": {f"{SYNTHETIC}"},
        # the swimmer figure needs 500 cases: not in a quick run
        "Cohort: read + Table 1 + grouping": both,
        "Data export (tidy CSV)": both,
        "Data import (checked, audited)": both,
    }
    assert by_name == expected
    goals = {(r[0], r[2]): r[9] for r in rows}
    assert goals[("Cold start: process start to the window painted, list filled", "17")] == "<= 2x"
    assert goals[("Cold start: process start to the window painted, list filled",
                  f"{17 + SYNTHETIC}")] == "<= 2.5x"
    assert goals[("Switch to the index case, large casebook", f"{17 + SYNTHETIC}")] == "<= 1.1x"
    assert "| Met |" in run.stdout  # the table is printed too


def test_machine_and_notes_are_in_the_report(report):
    text, raw, _ = report
    machine = text.split("## Machine", 1)[1].split("\n## ", 1)[0]
    for what in ("CPU", "Cores", "Memory", "Python", "Qt", "PySide6", "pyqtgraph", "SQLite"):
        assert re.search(rf"^\| {re.escape(what)} \| \S.* \|$", machine, re.M), what
    assert "## What each figure measures" in text
    assert set(raw["machine"]) >= {"CPU", "Cores", "Python", "Qt", "SQLite"}
    for f in raw["figures"]:
        assert f["missing"] == "" and len(f["samples"]) == 2, f
        assert len(f["ours"]) == len(f["limit"]) == 2, f  # each run: both sides
        assert all(isinstance(x, float) and x > 0 for x in f["samples"] + f["ours"] + f["limit"])


def test_render_writes_the_same_table_from_the_saved_results(report, tmp_path):
    text, _, run = report
    work = re.search(
        r"--workdir (\S+)", run.args if isinstance(run.args, str) else " ".join(run.args)
    )
    again = tmp_path / "again.md"
    out = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "--render", "--out", str(again), "--workdir", work[1]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert _results_table(again.read_text(encoding="utf-8")) == _results_table(text)
