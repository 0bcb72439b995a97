"""View > Case list column: a last column of the case list showing one instrument's result
(Bohan & Peter, EULAR/ACR 2017, IMACS 2023 risk), or none (the default).

Nothing is computed until a column is chosen: the list's first screen reads only the list
fields. Choosing one reads what the instruments need of every case in one query per table
(storage.cohort_read.score_cases) and computes each case's results once, on a thread of
its own; switching to another instrument reuses them, a save recomputes only the saved
case, and the status bar says how long the first computation took. The results are
computed, never stored.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup

NONE = "none"
# key -> (menu text, column title)
COLUMNS = {
    NONE: ("&No score column", ""),
    "bp": ("&Bohan && Peter 1975", "Bohan & Peter"),
    "ea": ("&EULAR/ACR 2017", "EULAR/ACR 2017"),
    "imacs": ("&IMACS 2023 risk", "IMACS 2023 risk"),
}
_EA_ORDER = ("definite IIM", "probable IIM", "possible IIM")
_BP_ORDER = ("definite", "probable", "possible", "none", "not classifiable")
_RISK_ORDER = ("high", "moderate", "standard")


def cell(key: str, s) -> tuple[str, str, tuple]:
    """(text, tooltip, sort key) of one case's ScoreSummary in column key; the sort puts
    the highest grade first and "not computable" last."""
    from domain.scores.summary import NOT_COMPUTABLE

    def missing(items: tuple[str, ...]) -> str:
        return ("not recorded: " + "; ".join(items)) if items else "every input recorded"

    if key == "bp":
        rank = _BP_ORDER.index(s.bp_grade) if s.bp_grade in _BP_ORDER else len(_BP_ORDER)
        tip = f"{s.bp}; highest reachable: {s.bp_reachable or '-'}; {missing(s.bp_missing)}"
        return s.bp, tip, (rank, s.bp)
    if key == "ea":
        if s.ea_score is None:
            text = NOT_COMPUTABLE
        else:
            text = f"{s.ea_score:.1f} {s.ea_category}"
        tip = (f"{text}; up to {s.ea_reachable:.1f} if every item not recorded were present;"
               f" {missing(s.ea_missing)}; no probability shown (its constant is unconfirmed)")
        score = -s.ea_score if s.ea_score is not None else float("inf")
        return text, tip, (score, text)
    rank = _RISK_ORDER.index(s.imacs) if s.imacs in _RISK_ORDER else len(_RISK_ORDER)
    text = s.imacs if s.imacs == NOT_COMPUTABLE else f"{s.imacs} risk"
    tip = (f"{text}; highest reachable: {s.imacs_reachable}; {missing(s.imacs_missing)}; "
           "unconfirmed: the risk-factor list is not confirmed row by row (Scores tab)")
    return text, tip, (rank, text)


def compute(path: Path | None, db) -> dict:
    """Every case's ScoreSummary, by case id: from its own read-only connection to path
    (on the worker thread), or from db when there is no file path."""
    from domain.scores.summary import summarize
    from storage.cohort_read import score_cases
    from storage.db import connect

    if path is None:
        return {c.id: summarize(c) for c in score_cases(db)}
    own = connect(path, mode="readonly")
    try:
        return {c.id: summarize(c) for c in score_cases(own)}
    finally:
        own.close()


class ScoreColumnActions(QObject):
    """The menu, the computation (on a thread of its own, with its own read-only
    connection, so the list stays usable: 6 s at 10,000 cases) and the column."""

    computed = Signal(object, float)  # from the worker thread: (scores by case id, seconds)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.key = NONE
        self._scores: dict | None = None  # case id -> ScoreSummary, once computed
        self._thread: threading.Thread | None = None
        self._pending: dict[int, object] = {}  # saved (a Case) or deleted (None) meanwhile
        self.menu = window.view_menu.addMenu("Case list &column")
        self.group = QActionGroup(window)
        self.actions: dict[str, QAction] = {}
        for key, (text, _title) in COLUMNS.items():
            a = QAction(text, window, checkable=True, checked=key == NONE)
            a.setStatusTip("Show no score column" if key == NONE else
                           f"A last column of the case list: {COLUMNS[key][1]}, computed "
                           "from each case's facts")
            a.triggered.connect(lambda _c=False, k=key: self.choose(k))
            self.group.addAction(a)
            self.menu.addAction(a)
            self.actions[key] = a
        self.computed.connect(self._computed)
        window.events.saved.connect(self._saved)
        window.events.deleted.connect(self._deleted)
        window.events.replaced.connect(self._replaced)

    def busy(self) -> bool:
        return self._thread is not None

    def choose(self, key: str) -> None:
        self.key = key
        self.actions[key].setChecked(True)
        model = self.window.model
        if key == NONE:
            model.set_extra_column(None)
            return
        if self._scores is None:
            self._start()
            values = {}
        else:
            values = {i: cell(key, s) for i, s in self._scores.items()}
        model.set_extra_column(COLUMNS[key][1], values)
        # the score column (the model's last) is shown beside the case's label
        header = self.window.table.horizontalHeader()
        last = model.columnCount() - 1
        if header.visualIndex(last) != 1:
            header.moveSection(header.visualIndex(last), 1)
        self.window.table.setColumnWidth(last, 150)

    def _start(self) -> None:
        if self._thread is not None:
            return
        path = Path(self.window.db_path) if self.window.db_path else None
        n = self.window.model.total()
        self.window.show_status(f"Computing the scores of {n:,} cases...")
        self._pending = {}

        def work() -> None:
            start = time.perf_counter()
            try:
                got = compute(path, None)
            except Exception as e:  # said in the status bar, not lost
                got = e
            try:
                self.computed.emit(got, time.perf_counter() - start)
            except RuntimeError:  # the window was closed meanwhile
                pass

        if path is None:  # no file of its own to open: computed here
            start = time.perf_counter()
            self._computed(compute(None, self.window.repo.db), time.perf_counter() - start)
            return
        self._thread = threading.Thread(target=work, daemon=True)
        self._thread.start()

    def _computed(self, scores, seconds: float) -> None:
        self._thread = None
        if isinstance(scores, Exception):
            self.window.show_status(f"The scores could not be computed: {scores}")
            return
        from domain.scores.summary import summarize

        for case_id, case in self._pending.items():  # saves and deletes made meanwhile
            if case is None:
                scores.pop(case_id, None)
            else:
                scores[case_id] = summarize(case)
        self._pending = {}
        self._scores = scores
        self.window.show_status(f"Scores of {len(scores):,} cases computed in {seconds:.1f} s "
                                "(once; a save recomputes its case)")
        if self.key != NONE:
            self.choose(self.key)

    def _saved(self, case) -> None:
        if self._thread is not None:
            self._pending[case.id] = case
        if self._scores is None:
            return
        from domain.scores.summary import summarize

        self._scores[case.id] = s = summarize(case)
        if self.key != NONE:
            self.window.model.set_extra_value(case.id, cell(self.key, s))

    def _deleted(self, case_id: int) -> None:
        if self._thread is not None:
            self._pending[case_id] = None
        if self._scores is not None:
            self._scores.pop(case_id, None)
            self.window.model.set_extra_value(case_id, None)

    def _replaced(self, *_args) -> None:
        self._scores = None
        if self.key != NONE:
            self.choose(self.key)
