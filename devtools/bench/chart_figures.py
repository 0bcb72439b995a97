"""Chart figures: exporting one chart (PNG, SVG, PDF), `export-chart --all`, and the same
chart drawn and saved by matplotlib beside ours."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from domain.model import Case

from .cohorts import main_py
from .stats import timed

WIDTH, HEIGHT, DPI = 1800, 1000, 300


def export_all(db: Path, workdir: Path, runs: int) -> tuple[list[float], int]:
    """Seconds of `main.py export-chart --all` (a process, as a user runs it); files written."""
    out = workdir / "export-all"
    times, files = [], 0
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        main_py("--db", str(db), "export-chart", "--all", "--out-dir", str(out), workdir=workdir)
        times.append(time.perf_counter() - t0)
        files = len(list(out.glob("*.png")))
    shutil.rmtree(out, ignore_errors=True)
    return times, files


def ours_vs_matplotlib(
    case: Case, fmt: str, folder: Path, runs: int
) -> tuple[list[float], list[float], int]:
    """Seconds to draw and save the same chart description as a file of the format
    (1800 x 1000 px at 300 dpi), ours (gui.plots.export) and matplotlib's, run by run in
    turn; and the bytes of our file."""
    from gui.plots.export import chart_data_for_export, check_size, export_data

    from .mpl_chart import draw_and_save

    data = chart_data_for_export(case)
    size = check_size(WIDTH, HEIGHT, DPI)
    ours_path, theirs_path = folder / f"ours.{fmt}", folder / f"matplotlib.{fmt}"
    ours, theirs = [], []
    for n in range(runs + 1):  # the first of each is the warm-up
        o = timed(lambda: export_data(data, ours_path, size))
        t = timed(lambda: draw_and_save(data, theirs_path))
        if n:
            ours.append(o)
            theirs.append(t)
    return ours, theirs, ours_path.stat().st_size
