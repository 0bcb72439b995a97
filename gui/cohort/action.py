"""View > Cohort...: opens the cohort window (built on first use, as its charts need
pyqtgraph, which the window's start-up should not pay for)."""

from __future__ import annotations


class CohortAction:
    def __init__(self, window):
        self.window = window
        self.cohort = None
        self.action = window.make_action(
            "Co&hort: the cases together...",
            self.show,
            "Ctrl+Shift+H",
            "Choose cases by tumour, antibody, initial treatment, outcome, source or year; "
            "see their grouping, Table 1, swimmer plot, survival and CK trajectories",
        )
        window.view_menu.addAction(self.action)

    def show(self) -> None:
        from .window import CohortAnalysisWindow

        if self.cohort is None:
            self.cohort = CohortAnalysisWindow(self.window.repo, self.window.events,
                                               self.window)
        self.cohort.show()
        self.cohort.raise_()
        self.cohort.activateWindow()
