"""How `make bench` sees a cold start of the real app (bench/coldstart.py).

With DM_CASEBOOK_BENCH_STARTUP=N in the environment, run_app calls install() after
showing the window. Once the event loop runs, the probe paints the window, prints when
it was shown with the case list filled, opens N cases one after another as a click in the
list does (each drawn), prints the process's peak memory, and quits. Nothing else
changes: the clinician never sets this variable.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ENV = "DM_CASEBOOK_BENCH_STARTUP"


def install(app: QApplication, window) -> None:
    QTimer.singleShot(0, lambda: _report(app, window))


def peak_rss_kb() -> int | None:
    """VmHWM: the most resident memory the process has had (Linux), in kB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _report(app: QApplication, window) -> None:
    app.processEvents()
    window.repaint()  # the first frame, painted now rather than whenever Qt gets to it
    shown = time.time()
    rows = window.model.rowCount()
    print(f"shown {shown:.6f} rows {rows}", flush=True)
    visits = int(os.environ.get(ENV) or "0")
    step = max(1, rows // max(1, visits))
    for row in range(0, min(rows, visits * step), step):
        window.select_row(row)
        app.processEvents()
        window.repaint()
    tab = window.charts.tab  # the chart's modules, imported in the idle time after the paint
    while tab.warm_up_seconds is None and not tab.is_built():
        app.processEvents()
    print(f"visited {min(visits, rows)} peak_rss_kb {peak_rss_kb()}", flush=True)
    print(f"warm_up {tab.warm_up_seconds if tab.warm_up_seconds is not None else 0:.4f}", flush=True)
    app.quit()
