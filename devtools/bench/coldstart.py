"""Cold start and peak memory: the real app started as a process, as a clinician starts it.

The clock starts before Popen and stops at the time the app prints once its window is
shown with the case list filled (devtools/startup_probe.py, DM_CASEBOOK_BENCH_STARTUP). The
app then opens VISITS cases one after another, each drawn, and prints its peak RSS.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .cohorts import ROOT, child_env

VISITS = 20


def start_once(db: Path, workdir: Path, visits: int = VISITS) -> tuple[float, float, int]:
    """(seconds to the window shown with the list filled, peak RSS in MB, rows shown)."""
    env = child_env(workdir, DM_CASEBOOK_BENCH_STARTUP=str(visits))
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines: dict[str, str] = {}
    for line in out.stdout.splitlines():  # "shown <time> rows <n>", "visited <n> peak_rss_kb <kB>"
        words = line.split()
        lines.update(zip(words[0::2], words[1::2], strict=False))
    if out.returncode != 0 or "shown" not in lines or "peak_rss_kb" not in lines:
        raise RuntimeError(f"the app did not report its start: {out.stderr.strip()[-500:]}")
    shown = float(lines["shown"]) - t0
    rss_kb = lines["peak_rss_kb"]
    rss = float(rss_kb) / 1024 if rss_kb != "None" else float("nan")
    return shown, rss, int(lines["rows"])


def cold_starts(db: Path, workdir: Path, runs: int) -> tuple[list[float], list[float], int]:
    """runs cold starts after one untimed start (which also warms the OS file cache)."""
    start_once(db, workdir)
    starts, rss, rows = [], [], 0
    for _ in range(runs):
        s, m, rows = start_once(db, workdir)
        starts.append(s)
        rss.append(m)
    return starts, rss, rows
