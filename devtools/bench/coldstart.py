"""Cold start and peak memory: the real app started as a process, as a clinician starts it,
beside its limit, a bare PySide6 window of the same widgets (bare_window.py), started the
same way in the same Python; the two alternate, run by run, so both see the same machine.

The clock starts before Popen and stops at the time the process prints once its window is
shown and painted with the case list filled (devtools/startup_probe.py for the app,
DM_CASEBOOK_BENCH_STARTUP). The app then opens VISITS cases one after another, each drawn,
and prints its peak RSS; the bare window prints its own at once.

`python -m devtools.bench.coldstart --db FILE [--runs 7] [--root DIR]` prints the ratio
alone (DIR: another checkout's main.py, e.g. to measure before and after a change).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .cohorts import ROOT, child_env

VISITS = 20
EDITOR_TABS = 10  # the main window's editor: 9 forms and views, and the Course tab
BARE = Path(__file__).resolve().parent / "bare_window.py"


def _start(command: list[str], env: dict, cwd: Path) -> tuple[float, float, int, float]:
    """(seconds to the window shown, peak RSS in MB, rows shown, seconds of the idle import
    of the chart's modules after the first paint; 0 for the bare window) of one process."""
    t0 = time.time()
    out = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    lines: dict[str, str] = {}
    for line in out.stdout.splitlines():  # "shown <time> rows <n>", "visited <n> peak_rss_kb <kB>"
        words = line.split()
        lines.update(zip(words[0::2], words[1::2], strict=False))
    if out.returncode != 0 or "shown" not in lines or "peak_rss_kb" not in lines:
        raise RuntimeError(f"{command[1]} did not report its start: {out.stderr.strip()[-500:]}")
    rss_kb = lines["peak_rss_kb"]
    rss = float(rss_kb) / 1024 if rss_kb != "None" else float("nan")
    return float(lines["shown"]) - t0, rss, int(lines["rows"]), float(lines.get("warm_up", 0))


def start_app(db: Path, workdir: Path, root: Path = ROOT, visits: int = VISITS):
    env = child_env(workdir, DM_CASEBOOK_BENCH_STARTUP=str(visits))
    return _start([sys.executable, str(root / "main.py"), "--db", str(db)], env, root)


def start_bare(rows: int, workdir: Path):
    env = child_env(workdir)
    return _start([sys.executable, str(BARE), str(rows), str(EDITOR_TABS)], env, workdir)


def cold_starts(db: Path, workdir: Path, runs: int, root: Path = ROOT) -> dict[str, list]:
    """runs alternating starts of the app and of the bare window, after one untimed start
    of each (which also warms the OS file cache): their times, peak RSS, the rows shown."""
    rows = start_app(db, workdir, root)[2]
    start_bare(rows, workdir)
    out: dict[str, list] = {"app": [], "app_rss": [], "bare": [], "bare_rss": [], "warm_up": []}
    for _ in range(runs):
        s, m, rows, warm = start_app(db, workdir, root)
        out["app"].append(s)
        out["app_rss"].append(m)
        out["warm_up"].append(warm)
        s, m, _, _ = start_bare(rows, workdir)
        out["bare"].append(s)
        out["bare_rss"].append(m)
    out["rows"] = [rows]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.bench.coldstart")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--root", type=Path, default=ROOT, help="the checkout whose main.py starts")
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    a = p.parse_args(argv)
    a.db, a.root, a.workdir = a.db.resolve(), a.root.resolve(), a.workdir.resolve()
    a.workdir.mkdir(parents=True, exist_ok=True)
    r = cold_starts(a.db, a.workdir, a.runs, a.root)
    ratios = [x / y for x, y in zip(r["app"], r["bare"], strict=True)]
    print(f"{a.root}: {r['rows'][0]:,} cases, {a.runs} alternating runs")
    print(f"app  median {statistics.median(r['app']):.3f} s  {[round(x, 3) for x in r['app']]}")
    print(f"bare median {statistics.median(r['bare']):.3f} s  {[round(x, 3) for x in r['bare']]}")
    print(f"ratio median {statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, "
          f"max {max(ratios):.2f}x); peak RSS {statistics.median(r['app_rss']):.0f} MB vs "
          f"{statistics.median(r['bare_rss']):.0f} MB; idle import after the first paint "
          f"{statistics.median(r['warm_up']):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
