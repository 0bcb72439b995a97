"""The window's first screen does not wait for libraries it does not show: pyqtgraph (and
with it the Course chart) is imported after the first paint, in the idle time, or when the
Course tab is first shown; sqlite-utils and numpy when something beyond reading needs them. Checked in a fresh process, as the app starts (one
QApplication per process), by looking at sys.modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, copy_casebook

CHILD = r"""
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from storage.db import open_db
from storage.repository import CaseRepository
from gui.main_window import MainWindow
db = sys.argv[1]
w = MainWindow(CaseRepository(open_db(db)), db, QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.show()
w.repaint()  # the first screen, painted; no event loop has run yet
seen = {"rows": w.model.rowCount(),
        "first": [m for m in ("pyqtgraph", "numpy", "sqlite_utils") if m in sys.modules]}
while w.charts.tab.warm_up_seconds is None or "sqlite_utils" not in sys.modules:
    app.processEvents()  # the idle imports after the first paint (the run's timeout guards)
seen["after_idle"] = "pyqtgraph" in sys.modules
seen["chart_built_by_idle"] = w.charts.tab.is_built()
w.editor.tabs.setCurrentWidget(w.charts.tab)
app.processEvents()
seen["chart_shown"] = w.charts.tab.is_built() and w.charts.chart.isVisible()
print(json.dumps(seen))
w.close()
"""


def test_first_screen_imports_no_pyqtgraph_numpy_or_sqlite_utils(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(tmp_path / "w.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"rows": 17, "first": [], "after_idle": True,
                    "chart_built_by_idle": False, "chart_shown": True}
