"""The cohort plots drawn without a window, for `main.py cohort --plot ... --out FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from domain.cohort_groups import Group
from domain.model import Case
from domain.survival import survival_data

from .export import export_plot
from .survival_view import SurvivalView
from .swimmer_view import SwimmerView
from .trajectory_view import TrajectoryView


def export_cohort_plot(
    plot: str, cases: list[Case], groups: list[Group], path: Path,
    width: int = 1400, height: int = 800,
) -> Path:
    """Draw one cohort plot offscreen at width x height and save it (PNG, SVG or PDF)."""
    from PySide6.QtCore import Qt, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    # the offscreen platform reports each resize of a top-level widget it cannot pass on
    # ("does not support propagateSizeHints()"): noise for a command's user, dropped here
    previous = qInstallMessageHandler(
        lambda _mode, _ctx, text: None
        if "propagateSizeHints" in text
        else print(text, file=sys.stderr)
    )
    if plot == "swimmer":
        view = SwimmerView()
        view.set_cases(cases)
    elif plot == "km":
        view = SurvivalView()
        view.set_groups([(g.value, survival_data(g.cases)) for g in groups])
    else:
        view = TrajectoryView()
        view.set_groups([(g.value, list(g.cases)) for g in groups])
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # no window, no platform noise
    view.resize(width, height)
    view.show()
    app.processEvents()  # laid out and painted once before the scene is exported
    try:
        return export_plot(view.graphics, path)
    finally:
        view.close()
        view.deleteLater()
        qInstallMessageHandler(previous)
