"""The measurements of `python -m devtools.bench`, one function per group of figures.

Each records the app's side and its limit's side of every run (bench.figure pairs them).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from .cohorts import synth

MS = 1000.0
COLD_START_RUNS = 7  # alternating with the bare window: the whole-process measure


def bulk_figures(bench, n: int) -> list[float]:
    """Bulk write against plain executemany at 17 and n cases; the executemany seconds of
    the n synthetic cases (seed 1, as `synth` writes them), per run, for the synth figure."""
    from devtools.synth import synthetic_cases
    from storage.seed import paper_cases

    from .bulk_figures import bulk_vs_executemany

    plain_seconds: list[float] = []
    for count in (17, n):

        def run(count=count) -> None:
            bench.log(f"bulk write vs executemany: {count:,} cases x {bench.runs}")
            if count == 17:
                cases, with_paper = paper_cases(), False
            else:
                cases, with_paper = list(synthetic_cases(count, seed=1)), True
            _, ours, plain, rows = bulk_vs_executemany(cases, bench.work, bench.runs, with_paper)
            bench.figure(
                "bulk_write",
                count,
                ours,
                plain,
                "rows per second of devtools.bulk.insert_cases (from Case objects: check_case, "
                "the repository's row builders, staging, one INSERT ... SELECT per table, a "
                "transaction per 1,000 cases, no audit) against those of plain sqlite3 "
                "executemany of the same finished rows into the same schema, a transaction "
                "per 1,000 cases. At 17 cases: the paper's cases into an empty casebook.",
                **{"rows written": f"{rows:,}"},
            )
            if count == n:
                plain_seconds.extend(rows / r for r in plain)

        bench.attempt(["bulk_write"], count, run)
    return plain_seconds


def synth_figures(bench, n: int, plain_seconds: list[float]) -> None:
    """`main.py synth` writing n cases into a new file (kept as the cohort), against plain
    executemany of the same rows in one process (measured by bulk_figures)."""

    def run() -> None:
        if len(plain_seconds) != bench.runs:
            raise RuntimeError("the executemany side (bulk write figure) was not measured")
        bench.log(f"synth: {n:,} cases x {bench.runs}")
        times = [synth(bench.work, n, "cohort")[1] for _ in range(bench.runs)]
        bench.figure(
            "synth",
            n,
            times,
            plain_seconds,
            "`python main.py synth --cases N --db NEW --seed 1` as a process, from before it "
            "starts to its exit: opening a new casebook (the paper's cases loaded), "
            "generating, checking and writing N cases (worker processes build batches of "
            "1,000, this process copies each in one transaction); no audit entries. Limit: "
            "plain executemany of the same rows in one process (the bulk write figure's).",
        )

    bench.attempt(["synth"], n, run)


def cold_start(bench, path: Path, n: int) -> None:
    from .coldstart import VISITS, cold_starts

    runs = bench.runs if bench.args.quick else max(bench.runs, COLD_START_RUNS)

    def run() -> None:
        bench.log(f"cold start: {n:,} cases x {runs}, alternating with the bare window")
        r = cold_starts(path, bench.work, runs)
        if r["rows"][0] != n:
            raise RuntimeError(f"the list showed {r['rows'][0]} rows, not {n}")
        bench.figure(
            "cold_start",
            n,
            r["app"],
            r["bare"],
            "`python main.py --db FILE` started as a process (offscreen); from before Popen to "
            "the moment the app, its window shown and painted with every case in the list "
            "and the last case open, prints the time (devtools/startup_probe.py). Limit: "
            "devtools/bench/bare_window.py, a QMainWindow with a splitter, a table view of "
            "as many rows and a tab widget of as many tabs, started and timed the same way in "
            "the same Python; the two alternate run by run. One untimed start of each first "
            "(the OS file cache and compiled bytecode then as on a second start).",
            **{"idle import of the chart's modules after the first paint, median s":
               statistics.median(r["warm_up"])},
        )
        bench.figure(
            "rss",
            n,
            r["app_rss"],
            r["bare_rss"],
            f"VmHWM of the same app process after the cold start and {VISITS} cases opened one "
            "after another from the list; of the bare window once painted.",
        )

    bench.attempt(["cold_start", "rss"], n, run)


def gui_figures(bench, cohorts: list[tuple[Path, int]]) -> None:
    from .gui_figures import Session

    index_switch: dict[int, list[float]] = {}
    for path, n in cohorts:
        state: dict = {}

        def run(path=path, n=n, state=state) -> None:
            bench.log(f"filter, switch, save: {n:,} cases")
            s = state["session"] = Session(path, bench.work)
            if s.chart is None:
                raise RuntimeError("the window has no Course tab")
            times, repaints, total, shown = s.filter_keystroke(bench.runs)
            bench.figure(
                "filter",
                n,
                [t * MS for t in times],
                [t * MS for t in repaints],
                "the letter 't' typed into the empty filter box of the main window (QTest), "
                "to the list model updated and the list repainted. Every case contains a "
                "'t', so this is the heaviest keystroke: the whole list filtered and shown "
                "again. Limit: the list's viewport repainted with the same rows.",
                **{"rows shown after the keystroke": f"{shown:,} of {total:,}"},
            )
            times, limits = s.switch(bench.runs)
            bench.figure(
                "switch",
                n,
                [t * MS for t in times],
                [t * MS for t in limits],
                "a row chosen in the case list (as a click does), to the case read from the "
                "casebook, the editor filled, its Course chart drawn and laid out legibly, and "
                "repainted; random cases with a course (at 17 cases the index case), each "
                "from another case. Limit: ChartView.draw of the same chart description and "
                "one paint of the chart view, nothing else.",
            )
            index_switch[n] = [t * MS for t in s.switch(bench.runs, index_case=True)[0]]
            times, alone, bare = s.save(bench.runs)
            note = (
                "File > Save of a case whose label was just edited (one keystroke), with the "
                "Course tab showing: checks, one write transaction with its audit entries, "
                "the list row updated, and whatever the window redraws after a save. Limit: "
                "CaseRepository.save alone of the same edit (a character at the label's end)."
            )
            bench.figure("save", n, [t * MS for t in times], [t * MS for t in alone], note)
            bench.figure(
                "repo_save",
                n,
                [t * MS for t in alone],
                [t * MS for t in bare],
                "CaseRepository.save of that edit (read the stored case, compare, one "
                "transaction rewriting the case's rows and its audit entries). Limit: one "
                "plain sqlite3 transaction (BEGIN IMMEDIATE ... COMMIT) running the same "
                "INSERT/UPDATE/DELETE statements with the same values, on the same file, with "
                "the same pragmas (WAL, synchronous=FULL: the commit's fsync included).",
            )

        bench.attempt(["filter", "switch", "save", "repo_save"], n, run)
        if "session" in state:
            state["session"].close()

    def scale() -> None:
        (small, big) = (index_switch.get(n) for _, n in cohorts)
        if not small or not big:
            raise RuntimeError("the index case's switch was not measured at both sizes")
        bench.figure(
            "switch_scale",
            cohorts[-1][1],
            big,
            small,
            "the switch to the index case (from another case) in the large casebook. Limit: "
            "the same switch, to the same case, in the paper's casebook of 17 cases: what "
            "the casebook's size adds.",
        )

    bench.attempt(["switch_scale"], cohorts[-1][1], scale)


def _chart_case(path: Path):
    """The index case in the paper's casebook; otherwise the synthetic case with the most
    labs among the first 200 (the heaviest usual chart)."""
    from storage.db import open_db
    from storage.repository import CaseRepository

    db = open_db(path)
    try:
        repo = CaseRepository(db)
        rows = db.execute(
            "SELECT c.id FROM cases c JOIN lab_results l ON l.case_id = c.id "
            "WHERE c.id <= 217 GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"
        ).fetchall()
        return repo.get(rows[0][0])
    finally:
        db.close()


def chart_figures(bench, cohorts: list[tuple[Path, int]], export_all: int) -> None:
    from gui.plots.export import ensure_app

    from .chart_figures import export_all as run_export_all
    from .chart_figures import ours_vs_matplotlib

    ensure_app()
    folder = bench.work / "charts"
    folder.mkdir(exist_ok=True)
    png_ms: list[float] = []
    for path, n in cohorts:

        def run(path=path, n=n) -> None:
            case = _chart_case(path)
            bench.log(f"exports beside matplotlib's: {case.label}")
            what = (
                f"'{case.label}' ({len(case.labs)} labs, {len(case.steroid_steps)} steroid steps)"
            )
            for fmt in ("png", "svg", "pdf"):
                ours, theirs, size = ours_vs_matplotlib(case, fmt, folder, bench.runs)
                if fmt == "png" and n == cohorts[0][1]:
                    png_ms.extend(t * MS for t in ours)
                bench.figure(
                    f"chart_{fmt}",
                    n,
                    [t * MS for t in ours],
                    [t * MS for t in theirs],
                    "the same chart description (domain.chart.course_chart) drawn and saved "
                    "as a file, 1800 x 1000 px at 300 dpi: ours (gui.plots.export: the "
                    "pyqtgraph scene laid out legibly and painted by QPainter) and "
                    "matplotlib's (devtools/bench/mpl_chart.py, Agg, the same series, dose "
                    "steps, labels, lane and legend), run by run in turn. At 17 cases the "
                    "index case, otherwise the synthetic case with the most labs among the "
                    "first 200.",
                    **{"case": what, "our file kB": size / 1024},
                )

        bench.attempt(["chart_png", "chart_svg", "chart_pdf"], n, run)

    def run_all() -> None:
        db = bench.work / f"export-{export_all}.sqlite"
        if not db.exists():
            synth(bench.work, export_all - 1, f"export-{export_all}")  # + the index case
        if len(png_ms) != bench.runs:
            raise RuntimeError("the in-process PNG export was not measured")
        bench.log(f"export-chart --all: {export_all} charts x {bench.runs}")
        times, files = run_export_all(db, bench.work, bench.runs)
        if files != export_all:
            raise RuntimeError(f"{files} charts written, not {export_all}")
        bench.figure(
            "export_all",
            files,
            [t / files * MS for t in times],
            png_ms,
            f"`python main.py export-chart --all --out-dir DIR` on a casebook of {files} cases "
            "with a course (the index case and synthetic cases), as a process: its whole "
            "time divided by the charts written (PNG 1800 x 1000). Limit: one PNG export of "
            "the index case in the app's process (the chart figure's, at 17 cases).",
            **{"total s": statistics.median(times)},
        )

    bench.attempt(["export_all"], export_all, run_all)


def cohort_figures(bench, cohorts: list[tuple[Path, int]]) -> None:
    from gui.plots.export import ensure_app

    from .cohort_figures import SWIMMER_CASES, swimmer_vs_matplotlib, table1_vs_sqlite

    ensure_app()
    folder = bench.work / "charts"
    folder.mkdir(exist_ok=True)
    for path, n in cohorts:

        def run(path=path, n=n) -> None:
            bench.log(f"cohort Table 1 and grouping vs a plain read: {n:,} cases")
            ours, plain = table1_vs_sqlite(path, bench.runs)
            bench.figure(
                "cohort", n, ours, plain,
                "storage.cohort_read.cohort_cases + domain.cohort_table1.table1 (grouped by "
                "initial treatment pattern) + the grouping, in the app's process, divided "
                "per run by one plain sqlite3 read (fetchall) of the same rows (cases, CK "
                "and the instruments' enzymes, dysphagia assessments, antibodies, steroid "
                "steps, regimens and cycles, treatments, sources); Table 1 includes the "
                "instruments (Bohan & Peter, EULAR/ACR, IMACS 2023) computed per case.",
                **{"ours s": statistics.median(ours), "sqlite3 s": statistics.median(plain)},
            )
            if n < SWIMMER_CASES:
                return
            bench.log(f"swimmer plot of {SWIMMER_CASES} cases vs matplotlib")
            ours, theirs = swimmer_vs_matplotlib(path, folder, bench.runs)
            bench.figure(
                "swimmer", n, ours, theirs,
                f"the swimmer plot of the first {SWIMMER_CASES} cases, 1400 x 2400 px, drawn "
                "from the cases and saved as PNG: ours (gui/cohort/swimmer_view.py, "
                "painted by QPainter) and matplotlib's (bench/cohort_figures.py, Agg, the "
                "same lanes, bars, marks, labels and legend); matplotlib's time ÷ ours.",
                **{"ours ms": statistics.median(ours) * MS,
                   "matplotlib ms": statistics.median(theirs) * MS},
            )

        bench.attempt(["cohort", "swimmer"], n, run)
