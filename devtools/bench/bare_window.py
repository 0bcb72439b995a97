"""The limit of the cold start: a bare PySide6 window of the main window's widgets.

Run as a script (`python devtools/bench/bare_window.py ROWS TABS`), in the same Python as
the app: a QMainWindow with a menu bar and status bar, a splitter holding a table view
(ROWS rows of 8 columns, from a minimal model: no data to read) and a tab widget of TABS
empty tabs. Once the event loop runs it paints the window, prints the time as the app's
start-up probe does ("shown <time> rows <n>"), then its peak memory, and quits. Nothing
here can be made faster by the app: it is what any PySide6 window of these widgets costs.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QWidget,
)

COLUMNS = 8


class _Rows(QAbstractTableModel):
    def __init__(self, rows: int):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"{index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


def peak_rss_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main(rows: int, tabs: int) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.menuBar().addMenu("&File")
    splitter = QSplitter()
    view = QTableView()
    model = _Rows(rows)
    view.setModel(model)
    view.setSortingEnabled(True)
    editor = QTabWidget()
    for i in range(tabs):
        editor.addTab(QWidget(), f"Tab {i + 1}")
    splitter.addWidget(view)
    splitter.addWidget(editor)
    window.setCentralWidget(splitter)
    window.statusBar().showMessage("bare")
    window.resize(1440, 880)
    window.show()

    def report() -> None:
        app.processEvents()
        window.repaint()
        print(f"shown {time.time():.6f} rows {model.rowCount()}", flush=True)
        print(f"visited 0 peak_rss_kb {peak_rss_kb()}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
