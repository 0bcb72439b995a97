"""The measurements of `python -m devtools.bench`, one function per group of figures."""

from __future__ import annotations

import statistics
from pathlib import Path

from .cohorts import synth

MS = 1000.0


def synth_figures(bench, n: int) -> None:
    """`main.py synth` writing 17 and n cases into new files (the last n-file is kept)."""
    for count, name in ((17, "synth-17"), (n, "cohort")):

        def run(count=count, name=name) -> None:
            bench.log(f"synth: {count:,} cases x {bench.runs}")
            times = [synth(bench.work, count, name)[1] for _ in range(bench.runs)]
            bench.figure(
                "synth",
                count,
                times,
                "`python main.py synth --cases N --db NEW --seed 1` as a process, from before "
                "it starts to its exit: opening a new casebook (the paper's cases loaded), "
                "generating, checking and writing N cases (worker processes build batches of "
                "1,000, this process copies each in one transaction); no audit entries.",
            )

        bench.attempt(["synth"], count, run)


def cold_start(bench, path: Path, n: int) -> None:
    from .coldstart import VISITS, cold_starts

    def run() -> None:
        bench.log(f"cold start: {n:,} cases x {bench.runs}")
        starts, rss, rows = cold_starts(path, bench.work, bench.runs)
        if rows != n:
            raise RuntimeError(f"the list showed {rows} rows, not {n}")
        bench.figure(
            "cold_start",
            n,
            starts,
            "`python main.py --db FILE` started as a process (offscreen); from before Popen to "
            "the moment the app, its window shown and painted with every case in the list "
            "and the first case open, prints the time (devtools/startup_probe.py). One untimed "
            "start first, so the casebook file is in the OS cache as on a second start.",
        )
        bench.figure(
            "rss",
            n,
            rss,
            f"VmHWM of the same app process after the cold start and {VISITS} cases opened one "
            "after another from the list (each drawn).",
        )

    bench.attempt(["cold_start", "rss"], n, run)


def gui_figures(bench, cohorts: list[tuple[Path, int]]) -> None:
    from .gui_figures import Session

    for path, n in cohorts:
        state: dict = {}

        def run(path=path, n=n, state=state) -> None:
            bench.log(f"filter, switch, save: {n:,} cases")
            s = state["session"] = Session(path, bench.work)
            times, total, shown = s.filter_keystroke(bench.runs)
            bench.figure(
                "filter",
                n,
                [t * MS for t in times],
                "the letter 't' typed into the empty filter box of the main window (QTest), "
                "to the list model updated and the list repainted. Every case contains a "
                "'t', so this is the heaviest keystroke: the whole list filtered and shown "
                "again.",
                **{"rows shown after the keystroke": f"{shown:,} of {total:,}"},
            )
            chart = (
                "its Course chart drawn"
                if s.chart is not None
                else ("the editor filled: THE WINDOW HAS NO COURSE TAB, so no chart is drawn")
            )
            bench.figure(
                "switch",
                n,
                [t * MS for t in s.switch(bench.runs)],
                "a row chosen in the case list (as a click does), to the case read from the "
                f"casebook, {chart}, and repainted; random rows, each a different case.",
                suffix="" if s.chart is not None else " (NO CHART: the window has no Course tab)",
            )
            times, alone = s.save(bench.runs)
            bench.figure(
                "save",
                n,
                [t * MS for t in times],
                "File > Save of a case whose label was just edited (one keystroke), with the "
                "Course tab showing: checks, one write transaction with its audit entries, "
                "the list row updated, and whatever the window redraws after a save; beside "
                "it, CaseRepository.save alone of the same case after an edit of its notes.",
                **{"CaseRepository.save alone, median ms": statistics.median(alone) * MS},
            )

        bench.attempt(["filter", "switch", "save"], n, run)
        if "session" in state:
            state["session"].close()


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
    from .chart_figures import export_one, ours_vs_matplotlib

    ensure_app()
    folder = bench.work / "charts"
    folder.mkdir(exist_ok=True)
    for path, n in cohorts:

        def run(path=path, n=n) -> None:
            case = _chart_case(path)
            bench.log(f"exports and chart vs matplotlib: {case.label}")
            what = (
                f"'{case.label}' ({len(case.labs)} labs, {len(case.steroid_steps)} steroid steps)"
            )
            for fmt in ("png", "svg", "pdf"):
                times, size = export_one(case, fmt, folder, bench.runs)
                bench.figure(
                    f"export_{fmt}",
                    n,
                    [t * MS for t in times],
                    "gui.plots.export.export_chart of one case's chart, 1800 x 1000 px at "
                    "300 dpi, to a file, in the app's process: at 17 cases the index case, "
                    "otherwise the synthetic case with the most labs among the first 200.",
                    **{"case": what, "file kB": size / 1024},
                )
            ours, theirs = ours_vs_matplotlib(case, folder, bench.runs)
            bench.figure(
                "chart",
                n,
                [m / o for o, m in zip(ours, theirs, strict=True)],
                "the same chart description (domain.chart.course_chart) drawn and saved as a "
                "1800 x 1000 PNG at 300 dpi: ours (pyqtgraph scene painted by QPainter) and "
                "matplotlib's (bench/mpl_chart.py, Agg, the same series, dose steps, labels, "
                "lane and legend); per run, matplotlib's time divided by ours. The case as "
                "for the exports.",
                **{
                    "case": what,
                    "ours ms": statistics.median(ours) * MS,
                    "matplotlib ms": statistics.median(theirs) * MS,
                },
            )

        bench.attempt(["export_png", "export_svg", "export_pdf", "chart"], n, run)

    def run_all() -> None:
        db = bench.work / f"export-{export_all}.sqlite"
        if not db.exists():
            synth(bench.work, export_all - 1, f"export-{export_all}")  # + the index case
        bench.log(f"export-chart --all: {export_all} charts x {bench.runs}")
        times, files = run_export_all(db, bench.work, bench.runs)
        if files != export_all:
            raise RuntimeError(f"{files} charts written, not {export_all}")
        bench.figure(
            "export_all",
            files,
            [t / files * MS for t in times],
            f"`python main.py export-chart --all --out-dir DIR` on a casebook of {files} cases "
            "with a course (the index case and synthetic cases), as a process: its whole "
            "time divided by the charts written (PNG 1800 x 1000).",
            **{"total s": statistics.median(times)},
        )

    bench.attempt(["export_all"], export_all, run_all)


def bulk_figures(bench, n: int) -> None:
    from devtools.synth import synthetic_cases
    from storage.seed import paper_cases

    from .bulk_figures import bulk_vs_executemany

    for count in (17, n):

        def run(count=count) -> None:
            bench.log(f"bulk write vs executemany: {count:,} cases x {bench.runs}")
            if count == 17:
                cases, with_paper = paper_cases(), False
            else:
                cases, with_paper = list(synthetic_cases(count, seed=1)), True
            ratios, ours, plain = bulk_vs_executemany(cases, bench.work, bench.runs, with_paper)
            bench.figure(
                "bulk_write",
                count,
                ratios,
                "rows per second of devtools.bulk.insert_cases (from Case objects: check_case, "
                "the repository's row builders, staging, one INSERT ... SELECT per table, a "
                "transaction per 1,000 cases, no audit) divided by those of plain "
                "sqlite3 executemany of the same finished rows into the same schema, a "
                "transaction per 1,000 cases. At 17 cases: the paper's cases into an empty "
                "casebook.",
                **{
                    "ours rows/s": statistics.median(ours),
                    "executemany rows/s": statistics.median(plain),
                },
            )

        bench.attempt(["bulk_write"], count, run)


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
                "cohort", n, [o / p for o, p in zip(ours, plain, strict=True)],
                "storage.cohort_read.cohort_cases + domain.cohort_table1.table1 (grouped by "
                "initial treatment pattern) + the grouping, in the app's process, divided "
                "per run by one plain sqlite3 read (fetchall) of the same rows (cases, CK "
                "results, antibodies, steroid steps, regimens and cycles, treatments, "
                "sources).",
                **{"ours s": statistics.median(ours), "sqlite3 s": statistics.median(plain)},
            )
            if n < SWIMMER_CASES:
                return
            bench.log(f"swimmer plot of {SWIMMER_CASES} cases vs matplotlib")
            ours, theirs = swimmer_vs_matplotlib(path, folder, bench.runs)
            bench.figure(
                "swimmer", n, [m / o for o, m in zip(ours, theirs, strict=True)],
                f"the swimmer plot of the first {SWIMMER_CASES} cases, 1400 x 2400 px, drawn "
                "from the cases and saved as PNG: ours (gui/cohort/swimmer_view.py, "
                "painted by QPainter) and matplotlib's (bench/cohort_figures.py, Agg, the "
                "same lanes, bars, marks, labels and legend); matplotlib's time ÷ ours.",
                **{"ours ms": statistics.median(ours) * MS,
                   "matplotlib ms": statistics.median(theirs) * MS},
            )

        bench.attempt(["cohort", "swimmer"], n, run)
