"""python -m devtools.bench [--quick] [--cases N] [--runs R] [--out FILE] [--workdir DIR]

Measures every figure of issue 5 at the paper's 17 cases and at 17 + N cases, prints
the table and writes it to docs/benchmarks.md (or --out). Casebook files and scratch
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

TARGETS = {
    "cold_start": Target("<", 1.5),
    "filter": Target("<", 30),
    "switch": Target("<", 50),
    "save": Target("<", 20),
    "export_png": Target("<", 150),
    "bulk_write": Target(">=", 0.5),
    "synth": Target("<", 10),
    "chart": Target(">=", 2),
    "rss": Target("<", 300),
    "cohort": Target("<", 3),
    "swimmer": Target(">=", 3),
    "data_export": Target("<", 2),
    "data_import": Target("<", 3),
}
NAMES = {
    "cold_start": ("Cold start: process start to the window shown with the list filled", "s"),
    "filter": ("Filter: one keystroke to the list updated", "ms"),
    "switch": ("Switch: a case chosen in the list to its chart drawn", "ms"),
    "save": ("Save: an edited case written (one transaction)", "ms"),
    "export_png": ("Export one chart: PNG 1800 x 1000", "ms"),
    "export_svg": ("Export one chart: SVG", "ms"),
    "export_pdf": ("Export one chart: PDF", "ms"),
    "export_all": ("`export-chart --all` (process), per chart", "ms"),
    "bulk_write": ("Bulk write: synthetic writer rows/s ÷ plain executemany rows/s", "x"),
    "synth": ("`main.py synth`: cases written (process start to exit)", "s"),
    "chart": ("Chart: matplotlib time ÷ ours, same chart drawn and saved as PNG", "x"),
    "rss": ("Peak memory (RSS) of the app, window open, 20 cases visited", "MB"),
    "cohort": ("Cohort: read + Table 1 + grouping ÷ one plain sqlite3 read of their rows", "x"),
    "swimmer": ("Swimmer plot of 500 cases: matplotlib time ÷ ours, drawn and saved", "x"),
    "data_export": ("Data export (tidy CSV) ÷ csv.writer of the same rows", "x"),
    "data_import": ("Data import (checked, audited) ÷ csv.reader of the same files", "x"),
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


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.runs = args.runs
        self.work = args.workdir
        self.work.mkdir(parents=True, exist_ok=True)
        self.figures: list[Figure] = []

    def log(self, text: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def figure(
        self, key: str, cases: int, samples: list[float], note: str, suffix: str = "", **extra
    ) -> None:
        """Record a measured figure; suffix qualifies its name (e.g. what was left out)."""
        name, unit = NAMES[key]
        self.figures.append(
            Figure(key, name + suffix, unit, cases, samples, TARGETS.get(key), note, "", extra)
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
                    name, unit = NAMES[key]
                    self.figures.append(
                        Figure(key, name, unit, cases, [], TARGETS.get(key), "", reason)
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
    measure.synth_figures(bench, args.cases)
    big = bench.work / "cohort.sqlite"
    if not big.exists():
        big, _ = synth(bench.work, args.cases, "cohort")
    cohorts.append((big, case_count(big)))
    for path, n in cohorts:
        measure.cold_start(bench, path, n)
    measure.gui_figures(bench, cohorts)
    measure.chart_figures(bench, cohorts, args.export_all)
    measure.bulk_figures(bench, args.cases)
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
