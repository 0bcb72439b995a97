"""Hover read-out of the course chart: the nearest point, dose step or lane mark."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

if TYPE_CHECKING:
    from .chart_view import ChartView

HOVER_RADIUS = 14.0  # pixels


def nearest_readout(view: ChartView, scene_pos: QPointF) -> tuple[str, QPointF | None]:
    """The hover text of what is nearest the pointer, and where it is in the scene."""
    if view.data is None:
        return "", None
    best: tuple[float, str, QPointF] | None = None
    for s in view.data.series:
        for p in s.points:
            sp = view.main.vb.mapViewToScene(QPointF(p.day, math.log10(p.y)))
            d = math.hypot(sp.x() - scene_pos.x(), sp.y() - scene_pos.y())
            if d <= HOVER_RADIUS and (best is None or d < best[0]):
                best = (d, p.hover, sp)
    for m in view.data.dose_marks:
        sp = view.dose_vb.mapViewToScene(QPointF(m.day, m.pred_eq))
        d = math.hypot(sp.x() - scene_pos.x(), sp.y() - scene_pos.y())
        if d <= HOVER_RADIUS and (best is None or d < best[0]):
            best = (d, m.hover, sp)
    if best is None:
        lane = view.lane.nearest(scene_pos, HOVER_RADIUS)
        if lane is not None:
            best = (lane[0], lane[1].hover, lane[2])
    if best is None and view.main.vb.sceneBoundingRect().contains(scene_pos):
        x = view.dose_vb.mapSceneToView(scene_pos).x()
        for seg in view.data.dose_segments:
            sp = view.dose_vb.mapViewToScene(QPointF(x, seg.pred_eq))
            if seg.x0 <= x < seg.x1 and abs(sp.y() - scene_pos.y()) <= HOVER_RADIUS / 2:
                best = (0.0, seg.hover, sp)
        for u in view.data.dose_unknown:  # on the dashed line between two known points
            if u.x0 <= x <= u.x1 and u.x1 > u.x0:
                y = u.y0 + (u.y1 - u.y0) * (x - u.x0) / (u.x1 - u.x0)
                sp = view.dose_vb.mapViewToScene(QPointF(x, y))
                if abs(sp.y() - scene_pos.y()) <= HOVER_RADIUS / 2:
                    best = (0.0, u.hover, sp)
    return (best[1], best[2]) if best else ("", None)
