"""python -m devtools.bench [--quick] [--cases N] [--runs R] [--out FILE] [--workdir DIR]

Measures every figure of issues 5 and 17 at the paper's 17 cases and at 17 + N cases, each
as a ratio to its limit measured in the same run, prints the table and writes it to
docs/benchmarks.md (or --out). Casebook files and scratch
output go to build/bench (git-ignored) or --workdir.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .cohorts import ROOT, case_count, paper_db, synth
from .stats import Figure, Target

PAPER_CASES = 17
# the goal of each ratio (issue 17): at the paper's 17 cases, and at the large cohort
GOALS: dict[str, tuple[Target | None, Target | None]] = {
    "cold_start": (Target("<=", 2.0), Target("<=", 2.5)),
    "switch": (Target("<=", 1.5), Target("<=", 1.5)),
    "switch_scale": (None, Target("<=", 1.1)),
    "save": (Target("<=", 1.3), Target("<=", 1.3)),
    "repo_save": (Target("<=", 3.0), Target("<=", 3.0)),
    "bulk_write": (None, Target(">=", 0.8)),
    "chart_png": (Target(">=", 5.0), Target(">=", 5.0)),
    "cohort": (Target("<=", 3.0), Target("<=", 3.0)),
    "swimmer": (None, Target(">=", 3.0)),
    "data_export": (Target("<=", 2.0), Target("<=", 2.0)),
    "data_import": (Target("<=", 3.0), Target("<=", 3.0)),
}
# key: (name, the limit in a few words, unit of both sides, ratio: "ours/limit" or "limit/ours")
NAMES = {
    "cold_start": ("Cold start: process start to the window painted, list filled",
                   "bare PySide6 window, same widgets", "s", "ours/limit"),
    "rss": ("Peak memory (RSS), window open, 20 cases visited", "bare PySide6 window", "MB",
            "ours/limit"),
    "filter": ("Filter: one keystroke to the list repainted", "the list's repaint alone", "ms",
               "ours/limit"),
    "switch": ("Switch: a case chosen in the list to its chart painted",
               "ChartView.draw + one paint of the chart", "ms", "ours/limit"),
    "switch_scale": ("Switch to the index case, large casebook",
                     "the same switch at 17 cases", "ms", "ours/limit"),
    "save": ("Save: File > Save of an edited case", "CaseRepository.save, same edit", "ms",
             "ours/limit"),
    "repo_save": ("CaseRepository.save of an edited case",
                  "one bare sqlite3 transaction, same rows and pragmas", "ms", "ours/limit"),
    "chart_png": ("Chart exported as PNG 1800 x 1000 (matplotlib ÷ ours)",
                  "matplotlib, same chart, PNG", "ms", "limit/ours"),
    "chart_svg": ("Chart exported as SVG (matplotlib ÷ ours)", "matplotlib, same chart, SVG",
                  "ms", "limit/ours"),
    "chart_pdf": ("Chart exported as PDF (matplotlib ÷ ours)", "matplotlib, same chart, PDF",
                  "ms", "limit/ours"),
    "export_all": ("`export-chart --all` (process), per chart",
                   "one PNG export in the app's process", "ms", "ours/limit"),
    "bulk_write": ("Bulk write (synthetic writer ÷ plain executemany, rows/s)",
                   "plain executemany, same rows", "rows/s", "ours/limit"),
    "synth": ("`main.py synth` (process start to exit)",
              "plain executemany of the same rows", "s", "ours/limit"),
    "cohort": ("Cohort: read + Table 1 + grouping", "one plain sqlite3 read of the same rows",
               "s", "ours/limit"),
    "swimmer": ("Swimmer plot of 500 cases saved as PNG (matplotlib ÷ ours)",
                "matplotlib, same plot, PNG", "s", "limit/ours"),
    "data_export": ("Data export (tidy CSV)", "csv.writer of the same rows", "s", "ours/limit"),
    "data_import": ("Data import (checked, audited)", "csv.reader of the same files", "s",
                    "ours/limit"),
}
ORDER = list(NAMES)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__.splitlines()[2])
    p.add_argument("--quick", action="store_true", help="2 runs, small cohorts (smoke test)")
    p.add_argument("--cases", type=int, default=None, help="synthetic cases (10000; quick 50)")
    p.add_argument("--runs", type=int, default=None, help="runs per figure (5; quick 2)")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    p.add_argument(
        "--render",
        action="store_true",
        help="measure nothing: write the report again from WORKDIR/results.json",
    )
    a = p.parse_args(argv)
    a.cases = a.cases or (50 if a.quick else 10_000)
    a.runs = a.runs or (2 if a.quick else 5)
    a.export_all = 10 if a.quick else 100
    return a


def goal(key: str, cases: int) -> Target | None:
    small, large = GOALS.get(key, (None, None))
    return small if cases <= PAPER_CASES else large


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.runs = args.runs
        self.work = args.workdir
        self.work.mkdir(parents=True, exist_ok=True)
        self.figures: list[Figure] = []

    def log(self, text: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def figure(self, key: str, cases: int, ours: list[float], limit: list[float], note: str,
               **extra) -> None:
        """Record a figure from the two sides of each run (paired: same run, same order)."""
        name, limit_name, abs_unit, way = NAMES[key]
        if len(ours) != len(limit) or not ours:
            raise RuntimeError(f"{key}: {len(ours)} runs of ours against {len(limit)} of the limit")
        pairs = zip(ours, limit, strict=True)
        ratios = [o / lim if way == "ours/limit" else lim / o for o, lim in pairs]
        self.figures.append(
            Figure(key, name, "x", cases, ratios, goal(key, cases), note, "", extra,
                   ours, limit, abs_unit, limit_name)
        )

    def attempt(self, keys: list[str], cases: int, fn: Callable[[], None]) -> None:
        """Run a measurement; if it fails, its figures are reported as not measured."""
        try:
            fn()
        except Exception as e:  # a missing piece must not stop the other figures
            traceback.print_exc()
            reason = f"{type(e).__name__}: {e}".splitlines()[0][:200]
            have = {(f.key, f.cases) for f in self.figures}
            for key in keys:
                if (key, cases) not in have:
                    name, limit_name, abs_unit, _ = NAMES[key]
                    self.figures.append(
                        Figure(key, name, "x", cases, [], goal(key, cases), "", reason, {},
                               [], [], abs_unit, limit_name)
                    )

    def sorted_figures(self) -> list[Figure]:
        return sorted(self.figures, key=lambda f: (ORDER.index(f.key), f.cases))


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from .machine import machine_info
    from .report import render, table, write

    if args.render:
        print(table(render(args.workdir / "results.json", args.out)))
        return 0
    from . import measure

    machine = machine_info()  # before the bench loads the machine itself
    bench = Bench(args)
    bench.log(f"cohorts in {args.workdir}: the paper's 17 cases, and 17 + {args.cases:,}")
    paper = paper_db(bench.work)
    cohorts = [(paper, case_count(paper))]
    plain_seconds = measure.bulk_figures(bench, args.cases)
    measure.synth_figures(bench, args.cases, plain_seconds)
    big = bench.work / "cohort.sqlite"
    if not big.exists():
        big, _ = synth(bench.work, args.cases, "cohort")
    cohorts.append((big, case_count(big)))
    for path, n in cohorts:
        measure.cold_start(bench, path, n)
    measure.gui_figures(bench, cohorts)
    measure.chart_figures(bench, cohorts, args.export_all)
    measure.cohort_figures(bench, cohorts)
    from .data_io import data_io_figures

    data_io_figures(bench, cohorts)

    figures = bench.sorted_figures()
    command = "python -m devtools.bench" + (" " + " ".join(argv) if argv else " " + " ".join(sys.argv[1:]))
    write(figures, machine, command.strip(), args.runs, args.out, args.workdir / "results.json")
    print(table(figures))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
