"""Figures measured inside one app process, driving the real main window as a user does:
a keystroke in the filter box, a case chosen in the list, an edited case saved.

Each measurement ends when the result is on screen: Qt's pending events are processed
and the affected widget is repainted synchronously (offscreen, the paint still runs).
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget

from domain.checks import check_case
from gui.case_list.model import CASE_ID_ROLE
from storage.db import MODE_PRAGMAS, open_db
from storage.repository import CaseRepository

from .stats import repeat, timed

INDEX_CASE = "Takashima 2017 (index case)"


def _copy(source: Path, dest: Path) -> Path:
    """A consistent copy of a casebook (SQLite's backup API), replacing dest."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    src, out = sqlite3.connect(source), sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        src.close()
        out.close()
    return dest


def bare_transaction(path: Path, writes: list[tuple[str, object]]) -> float:
    """Seconds of one plain sqlite3 transaction running the given writes on the casebook,
    with the app's pragmas (WAL, synchronous=FULL: the commit's fsync included)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for name, value in MODE_PRAGMAS["casebook"]:
            conn.execute(f"PRAGMA {name}={value}")

        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            for sql, params in writes:
                conn.execute(sql, params) if params is not None else conn.execute(sql)
            conn.execute("COMMIT")

        return timed(write)
    finally:
        conn.close()


def _no_dialogs() -> None:
    """A dialog would wait for a click forever in an offscreen bench: fail instead."""
    from gui.editor import prompts

    def refuse(*args, **kwargs):
        raise RuntimeError(f"the bench met a dialog: {args[1:3]}")

    for name in ("ask_unsaved", "confirm_unusual", "confirm_delete", "ask_conflict", "show_error"):
        setattr(prompts, name, refuse)


def app() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication.instance() or QApplication([])


class Session:
    """The main window on a casebook file, shown, with its settings in workdir."""

    def __init__(self, db_path: Path, workdir: Path):
        from gui.main_window import MainWindow

        self.app = app()
        _no_dialogs()
        # a copy (SQLite's backup API): the bench's saves never change the cohort's file
        db_path = _copy(db_path, workdir / f"session-{db_path.name}")
        self.path = db_path
        self.db = open_db(db_path)
        self.repo = CaseRepository(self.db)
        settings = QSettings(str(workdir / "bench-settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(self.repo, str(db_path), settings)
        self.window.show()
        self.settle()
        self.chart = self._course_tab()

    def settle(self, widget=None) -> None:
        """Lay out, paint the widget once, then handle what else is pending. (Processing
        events first and repainting after would paint the same widget twice.)"""
        self.app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        (widget or self.window).repaint()
        self.app.processEvents()

    def _course_tab(self):
        """The chart tab of the editor, made current; None when the window has none."""
        tabs: QTabWidget = self.window.editor.tabs
        for i in range(tabs.count()):
            if "course" in tabs.tabText(i).casefold() or "chart" in tabs.tabText(i).casefold():
                tabs.setCurrentIndex(i)
                self.settle()
                return tabs.widget(i)
        return None

    def close(self) -> None:
        if self.window.editor.is_dirty():
            self.window.session.revert()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        self.db.close()

    # ---- filter -----------------------------------------------------------------------------
    def filter_keystroke(self, runs: int, key: str = "t") -> tuple[list[float], int, int]:
        """One keystroke typed into the empty filter box, to the list repainted.

        Returns the timings, and the rows shown before and after the keystroke."""
        box = self.window.case_list.filter
        view = self.window.table
        box.setFocus()
        shown: list[int] = []

        def clear() -> None:
            box.clear()
            self.settle(view)

        def keystroke() -> None:
            QTest.keyClick(box, key)
            self.settle(view.viewport())
            shown.append(self.window.model.rowCount())

        total = self.window.model.rowCount()
        times = repeat(keystroke, runs, setup=clear)
        clear()
        if box.text() or self.window.model.rowCount() != total:
            raise RuntimeError("the filter box did not clear")
        # the limit: the list repainted with the same rows, nothing filtered
        repaints = repeat(lambda: view.viewport().repaint(), runs)
        return times, repaints, total, shown[-1]

    # ---- switching cases ----------------------------------------------------------------------
    def switch(self, runs: int, seed: int = 5, index_case: bool = False):
        """A case with a course chosen in the list (as a click does) to its editor filled
        and its chart drawn, from another case each time; beside each, the limit: the
        chart's own ChartView.draw of the same description and one paint of the chart.
        Random cases with a course (at 17 cases only the index case has one); index_case:
        always the index case (the same case at any size of casebook)."""
        model = self.window.model
        rng = random.Random(seed)
        charted = {r[0] for r in self.db.execute("SELECT DISTINCT case_id FROM lab_results")}
        if index_case:
            charted = {self.repo.resolve(INDEX_CASE)}
        candidates = [r for r in range(model.rowCount()) if self._id(r) in charted]
        rows = [rng.choice(candidates) for _ in range(runs + 1)]
        target = self.chart or self.window.editor
        picked: list[int] = []
        limits: list[float] = []

        def choose() -> None:
            row = rows[len(picked)]
            case_id = model.index(row, 0).data(CASE_ID_ROLE)
            picked.append(case_id)
            self.window.table.setCurrentIndex(model.index(row, 0))
            self.settle(target)
            if self.window.editor.case_id() != case_id:
                raise RuntimeError("the chosen case did not open")

        def away() -> None:  # start from another case, so that every run is a real switch
            if picked and len(limits) < len(picked):
                limits.append(self._draw_alone())  # the case just switched to, drawn again
            other = (rows[len(picked)] + 1) % model.rowCount()
            if model.index(other, 0).data(CASE_ID_ROLE) in charted and len(candidates) == 1:
                other = (other + 1) % model.rowCount()
            self.window.table.setCurrentIndex(model.index(other, 0))
            self.settle(target)

        times = repeat(choose, runs, setup=away, warmup=1)
        limits.append(self._draw_alone())
        return times, limits[-runs:]

    def _draw_alone(self) -> float:
        """ChartView.draw of the description shown, and one paint of the chart view."""
        view = self.window.charts.chart.view
        data = self.window.charts.chart.chart_data()
        if data is None or not data.has_course:
            raise RuntimeError("the case switched to shows no chart")

        def draw() -> None:
            view.draw(data)
            view.repaint()

        return timed(draw)

    # ---- saving -----------------------------------------------------------------------------
    def save(self, runs: int) -> tuple[list[float], list[float], list[float]]:
        """An edited case saved with File > Save: one transaction, then the list updated.
        Returns those timings, those of CaseRepository.save alone on the same case, and
        those of the same writes in one bare sqlite3 transaction.

        The case is one the save can write without asking (no unusual values)."""
        case_id = self._plain_case()
        self.window.open_case(case_id)
        self.settle()
        label = self.window.editor.patient.edits["label"]
        versions = []

        def edit() -> None:
            label.setFocus()
            label.end(False)
            QTest.keyClick(label, Qt.Key.Key_Exclam if len(versions) % 2 else Qt.Key.Key_Period)
            self.app.processEvents()
            if not self.window.editor.is_dirty():
                raise RuntimeError("the edit did not register")

        def save() -> None:
            if not self.window.save_case():
                raise RuntimeError("the case was not saved")
            self.settle(self.window.table.viewport())
            versions.append(self.window.editor.base_case.version)

        original = label.text()
        times = repeat(save, runs, setup=edit)
        if versions != sorted(set(versions)) or len(versions) != runs + 1:
            raise RuntimeError(f"saves did not each write a new version: {versions}")
        label.setText(original)  # the case as it was, for the figures measured after this
        self.app.processEvents()
        self.window.save_case()
        case = self.repo.get(case_id)
        alone, bare = [], []
        for n in range(runs + 1):  # the same edit as in the window: a character at the label's end
            case.label = original + ("!" if n % 2 else ".")
            writes: list[tuple[str, object]] = []

            def capture(sql, params, writes=writes) -> None:
                if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
                    writes.append((sql, params))

            # the bare side replays the same writes on a copy of the file as it was before
            # the save (the audit entry's id is written explicitly, for its hash chain)
            before = _copy(self.path, self.path.with_name("bare-save.sqlite"))
            with self.db.tracer(capture):
                seconds = timed(lambda: self.repo.save(case))
            bare_seconds = bare_transaction(before, writes)
            if n:  # the first pair is the warm-up
                alone.append(seconds)
                bare.append(bare_seconds)
        case.label = original
        self.repo.save(case)
        self.window.open_case(case_id)  # the window shows the case as stored
        return times, alone, bare

    def _id(self, row: int) -> int:
        return self.window.model.index(row, 0).data(CASE_ID_ROLE)

    def _plain_case(self) -> int:
        """A case with a course and no value the save would ask about."""
        for row in range(self.window.model.rowCount() - 1, -1, -1):
            case_id = self._id(row)
            case = self.repo.get(case_id)
            if case.labs and not check_case(case):
                return case_id
        raise RuntimeError("no case to save")
