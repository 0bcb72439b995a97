"""Cohort figures: Table 1 and the grouping beside one plain sqlite3 read of the rows they
need; the swimmer plot of 500 cases, ours beside matplotlib drawing the same lanes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.model import Case

from .stats import repeat

SWIMMER_CASES = 500
WIDTH, HEIGHT = 1400, 2400

# the rows the cohort views read (storage/cohort_read.cohort_cases)
PLAIN_SQL = (
    "SELECT * FROM cases",
    "SELECT * FROM lab_results WHERE analyte IN ('CK', 'aldolase', 'AST', 'ALT', 'LDH')",
    "SELECT * FROM assessments WHERE kind = 'dysphagia'",
    "SELECT * FROM antibody_results",
    "SELECT * FROM steroid_steps",
    "SELECT * FROM regimens",
    "SELECT * FROM regimen_cycles",
    "SELECT * FROM treatments",
    "SELECT * FROM case_sources",
)


def table1_vs_sqlite(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds: our read + Table 1 + grouping; one plain sqlite3 read of the same rows."""
    from domain.cohort_groups import group_rows, variable
    from domain.cohort_table1 import table1
    from storage.cohort_read import cohort_cases
    from storage.db import open_db

    db = open_db(path, seed=False)

    def ours() -> None:
        cases = cohort_cases(db)
        table1(cases, variable("initial-treatment"))
        group_rows(cases, variable("initial-treatment"))

    def plain() -> None:
        con = sqlite3.connect(path)
        for sql in PLAIN_SQL:
            con.execute(sql).fetchall()
        con.close()

    try:
        return repeat(ours, runs), repeat(plain, runs)
    finally:
        db.close()


def _mpl_swimmer(cases: list[Case], out: Path) -> None:
    """The same lanes drawn by matplotlib (Agg): lane, steroid and radiotherapy/IVIg bars,
    chemotherapy and surgery marks, end markers, case labels, legend."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from domain.model import TreatmentKind as K
    from domain.swimmer import End, swimmer

    d = swimmer(cases)
    fig = Figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    n = len(d.lanes)
    ys = list(range(n, 0, -1))
    rows = list(zip(ys, d.lanes, strict=True))
    ax.barh(ys, [lane.end_day for lane in d.lanes], height=0.8, color="#e6e6e6")
    colours = {K.STEROID: "#8CC4EC", K.RADIOTHERAPY: "#D55E00", K.IVIG: "#E69F00"}
    for kind, h in ((K.STEROID, 0.55), (K.RADIOTHERAPY, 0.3), (K.IVIG, 0.3)):
        bars = [(m.start, m.end - m.start, y) for y, lane in rows
                for m in lane.marks if m.kind == kind and m.end is not None]
        if bars:
            ax.barh([b[2] for b in bars], [b[1] for b in bars], left=[b[0] for b in bars],
                    height=h, color=colours[kind], label=kind.value)
    for kind, marker, c in ((K.CHEMOTHERAPY, "|", "#009E73"), (K.SURGERY, "s", "#000000")):
        pts = [(m.start, y) for y, lane in rows for m in lane.marks
               if m.kind == kind]
        if pts:
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, color=c,
                       s=30, label=kind.value)
    for end, marker, c in ((End.DEAD, "x", "#000000"), (End.ALIVE, ">", "#009E73"),
                           (End.UNKNOWN, "o", "#999999")):
        pts = [(lane.end_day, y) for y, lane in rows if lane.end == end]
        if pts:
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, color=c,
                       s=40, label=f"End: {end.value}")
    step = max(1, n // 40)
    ax.set_yticks(ys[::step], [lane.label for lane in d.lanes][::step], fontsize=7)
    ax.set_xlabel("Days from day 0")
    ax.set_title("Cases from day 0 to last follow-up")
    ax.legend(loc="lower right", fontsize=7)
    fig.savefig(out, format="png", facecolor="white")


def swimmer_vs_matplotlib(path: Path, folder: Path, runs: int) -> tuple[list, list]:
    """Seconds to draw the swimmer plot of the first 500 cases and save it as PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui.cohort.export import export_plot
    from gui.cohort.swimmer_view import SwimmerView
    from storage.cohort_read import cohort_cases
    from storage.db import open_db

    db = open_db(path, seed=False)
    cases = cohort_cases(db)[:SWIMMER_CASES]
    db.close()
    view = SwimmerView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(WIDTH, HEIGHT)
    view.show()
    QApplication.processEvents()

    def ours() -> None:
        view.set_cases(cases)
        QApplication.processEvents()  # laid out (axis widths) before it is painted
        export_plot(view.graphics, folder / "swimmer_ours.png", scale=1.0)

    try:
        return (repeat(ours, runs),
                repeat(lambda: _mpl_swimmer(cases, folder / "swimmer_mpl.png"), runs))
    finally:
        view.close()
        view.deleteLater()
