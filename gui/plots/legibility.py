"""Keep an exported chart readable at any size and for any case.

Run on a ChartView once it is drawn and laid out at its export size:
- x tick labels: every k-th kept so neighbours never touch (the rest become minor ticks);
- the legend goes to a corner where it covers no point, line or label; if none is free,
  the y ranges get headroom so the legend sits above all the data;
- value and dose labels: each tries a few places beside its point (right above first, as
  the paper prints them) and takes the first inside the plot that overlaps no other label,
  marker or the legend; a label with no such place is left out rather than drawn over.

Everything set here is set again by the next ChartView.draw, so a reused view starts clean.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetrics

from . import style
from .chart_view import DOSE_AXIS_TITLE

MARGIN = 8  # layout pixels between the legend and the plot's frame
TICK_GAP = 8  # layout pixels at least between two x tick labels
MAX_HEADROOM = 0.4  # the legend may take at most this share of the plot's height
# where a value label may go, in order: anchors of pyqtgraph's TextItem
VALUE_ANCHORS = ((-0.12, 1.05), (-0.12, -0.05), (1.12, 1.05), (1.12, -0.05), (0.5, 1.25))
SAMPLES_PER_SEGMENT = 24
ABOVE_PLOT = 8  # layout pixels a label may reach above the plot's frame
TEXT_MARGIN = 3  # of QGraphicsTextItem's 4-pixel document margin, what is not ink
SHORT_DOSE_TITLE = "Prednisolone eq. (mg/day)"


def arrange(view) -> None:
    """Thin x ticks, place the legend and the labels of a drawn, laid-out ChartView."""
    data = view.data
    if data is None or not data.has_course:
        return
    _legend_inside(view)  # first: a legend row left from the view's last use takes height
    _update_views(view)
    thin_x_ticks(view)
    fit_axis_titles(view)
    place_legend(view)
    _update_views(view)
    place_labels(view)
    separate_lane_tags(view)


def _update_views(view) -> None:
    """Bring the views' data-to-scene mappings up to date (ViewBox updates them lazily)."""
    for vb in (view.main.vb, view.dose_vb, view.lane_plot.vb):
        vb.updateMatrix()


def separate_lane_tags(view) -> None:
    """Cycle tags that touch lose their padding, then their letters ("3" for C3), then
    every other one is left out, so no tag covers another."""
    tags = [t for t in view.lane.tags if t.isVisible()]
    labels = {id(t): t.textItem.toPlainText().strip() for t in tags}
    for shorten in (lambda s: f" {s} ", lambda s: s, lambda s: s.lstrip("C") or s):
        for t in tags:
            t.setText(shorten(labels[id(t)]))
        if not _overlapping(tags):
            return
    kept: list[QRectF] = []
    for t in sorted(tags, key=lambda t: t.pos().x()):
        rect = _text_rect(t)
        if any(rect.intersects(k) for k in kept):
            t.hide()
        else:
            kept.append(rect)


def _overlapping(items: list[pg.TextItem]) -> bool:
    rects = [_text_rect(t) for t in items]
    return any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def fit_axis_titles(view) -> None:
    """The dose axis's title in short when the long one is taller than the plot."""
    axis = view.dose_axis
    if not view.data.dose_segments:
        return
    text = DOSE_AXIS_TITLE
    if QFontMetrics(style.font(style.LABEL_PX)).horizontalAdvance(text) > view.main.vb.height():
        text = SHORT_DOSE_TITLE
    axis.setLabel(text, **{"font-size": f"{style.LABEL_PX}px", "color": style.FOREGROUND})


def thin_x_ticks(view) -> None:
    data = view.data
    vb = view.main.vb
    (x0, x1), width = vb.viewRange()[0], vb.width()
    major = list(data.x.major)
    if len(major) < 2 or width <= 0 or x1 <= x0:
        return
    metrics = QFontMetrics(style.font(style.TICK_PX))
    widest = max(metrics.horizontalAdvance(label) for _, label in major)
    step_px = (major[1][0] - major[0][0]) * width / (x1 - x0)
    keep = max(1, math.ceil((widest + TICK_GAP) / max(step_px, 1e-9)))
    if keep == 1:
        return
    kept = major[::keep]
    minor = [(x, "") for x, _ in major if (x, _) not in kept] + [(x, "") for x in data.x.minor]
    for axis in (view.lane_plot.getAxis("bottom"), view.main.getAxis("bottom")):
        axis.setTicks([kept, minor])


def _text_rect(item: pg.TextItem) -> QRectF:
    item.updateTransform(force=True)
    return item.textItem.sceneBoundingRect()


def _marker_rects(view) -> list[QRectF]:
    data, r = view.data, style.MARKER_SIZE / 2 + 2
    rects = []
    for s in data.series:
        for p in s.points:
            c = view.main.vb.mapViewToScene(QPointF(p.day, math.log10(p.y)))
            rects.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    for m in data.dose_marks:
        c = view.dose_vb.mapViewToScene(QPointF(m.day, m.pred_eq))
        rects.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    return rects


def _line_points(view) -> list[QPointF]:
    """Points along every data line (series, dose steps, upper limit), in scene pixels."""
    data = view.data
    lines = [
        (view.main.vb, [(p.day, math.log10(p.y)) for p in s.points]) for s in data.series
    ]
    for xs, ys in (data.dose_line(), data.unknown_line()):  # solid and dashed doses
        run: list[tuple[float, float]] = []
        for x, y in zip(xs, ys, strict=True):
            if math.isnan(x):
                lines.append((view.dose_vb, run))
                run = []
            else:
                run.append((x, y))
        lines.append((view.dose_vb, run))
    if view.uln_line.isVisible():
        (x0, x1) = view.main.vb.viewRange()[0]
        lines.append((view.main.vb, [(x0, view.uln_y), (x1, view.uln_y)]))
    points = []
    for vb, vertices in lines:
        for (ax, ay), (bx, by) in zip(vertices, vertices[1:], strict=False):
            for i in range(SAMPLES_PER_SEGMENT + 1):
                t = i / SAMPLES_PER_SEGMENT
                points.append(vb.mapViewToScene(QPointF(ax + t * (bx - ax), ay + t * (by - ay))))
        if len(vertices) == 1:
            points.append(vb.mapViewToScene(QPointF(*vertices[0])))
    return points


def _labels(view) -> list[pg.TextItem]:
    items = view.annotations.dose_labels + view.annotations.value_labels
    return [i for i in items if i.isVisible()]


def _legend_free(view, rect: QRectF) -> bool:
    if any(rect.intersects(m) for m in _marker_rects(view)):
        return False
    if any(rect.contains(p) for p in _line_points(view)):
        return False
    return not any(rect.intersects(_text_rect(i)) for i in _labels(view))


def _legend_inside(view) -> None:
    """Back in the plot's top right (where ChartView puts it), one column."""
    legend = view.legend
    row = getattr(view, "_legend_row", None)
    if row is not None:  # out of the layout: even empty, a label row takes some height
        view.ci.removeItem(row)
        view.ci.layout.setRowFixedHeight(3, 0)
        view._legend_row = None
    if legend.parentItem() is not view.main.vb:
        legend.setParentItem(view.main.vb)
    legend.setColumnCount(1)
    legend.updateSize()
    view.ci.layout.activate()


def _legend_below(view) -> None:
    """Under the chart, in a row of its own: in two columns if they fit the width."""
    legend = view.legend
    row = getattr(view, "_legend_row", None)
    if row is None:  # an empty row 3 that holds the place
        row = view._legend_row = view.ci.addLabel("", row=3, col=0)
    width = view.ci.boundingRect().width() - 2 * MARGIN
    legend.setColumnCount(2)
    legend.updateSize()
    if legend.boundingRect().width() > width:
        legend.setColumnCount(1)
        legend.updateSize()
    # the row's height, not only its label's: a later layout pass (on screen) would shrink it
    view.ci.layout.setRowFixedHeight(3, legend.boundingRect().height() + MARGIN)
    row.setFixedHeight(legend.boundingRect().height() + MARGIN)
    view.ci.layout.activate()
    legend.setParentItem(view.ci)
    legend.anchor((0.5, 1), (0.5, 1), (0, -MARGIN / 2))


def place_legend(view) -> None:
    legend, vb = view.legend, view.main.vb
    _legend_inside(view)
    legend.setVisible(bool(legend.items))  # no empty box when nothing is drawn that needs one
    if not legend.items:
        return
    corners = [
        ((1, 0), (1, 0), (-MARGIN, MARGIN)),  # top right, as before
        ((0, 0), (0, 0), (MARGIN, MARGIN)),
        ((1, 1), (1, 1), (-MARGIN, -MARGIN)),
        ((0, 1), (0, 1), (MARGIN, -MARGIN)),
    ]
    for item_pos, parent_pos, offset in corners:
        legend.anchor(item_pos, parent_pos, offset)
        if _legend_free(view, legend.sceneBoundingRect()):
            return
    # no free corner: headroom above the data, the legend top right in it; or, when it
    # would take too much of a small plot or is wider than it, under the chart
    legend.anchor(*corners[0])
    box = legend.sceneBoundingRect()
    share = (box.height() + 2 * MARGIN) / max(vb.height(), 1)
    if share > MAX_HEADROOM or box.width() + 2 * MARGIN > vb.width():
        _legend_below(view)
        return
    lo, hi = vb.viewRange()[1]
    vb.setYRange(lo, lo + (hi - lo) / (1 - share), padding=0)
    d_lo, d_hi = view.dose_vb.viewRange()[1]
    view.dose_vb.setYRange(d_lo, d_lo + (d_hi - d_lo) / (1 - share), padding=0)


def place_labels(view) -> None:
    """Dose labels keep their place if it is free (else they go), then value labels."""
    # inside the plot; a label may reach a little above it, into the space under the title
    frame = view.main.vb.sceneBoundingRect().adjusted(0, -ABOVE_PLOT, 0, 0)
    taken = [view.legend.sceneBoundingRect()] if view.legend.items else []
    doses = [i for i in view.annotations.dose_labels if i.isVisible()]
    values = [i for i in view.annotations.value_labels if i.isVisible()]
    for item in doses:
        ax, ay = item.anchor
        _settle(item, [(ax, ay), (ax, 1 - ay)], frame, taken)  # or on the other side
    for item in values:
        _settle(item, VALUE_ANCHORS, frame, taken)
    for item in values:  # a value with no place: a dose label beside it moves over
        if not item.isVisible():
            _make_room(item, doses, frame, taken)


def _make_room(item: pg.TextItem, doses, frame: QRectF, taken: list[QRectF]) -> None:
    """Place a hidden value label at its first anchor by moving the dose label in the
    way to the other side of its line, when both then fit; else leave both as they are."""
    item.setAnchor(VALUE_ANCHORS[0])
    want = _text_rect(item).adjusted(TEXT_MARGIN, TEXT_MARGIN, -TEXT_MARGIN, -TEXT_MARGIN)
    for dose in doses:
        old = _text_rect(dose).adjusted(TEXT_MARGIN, TEXT_MARGIN, -TEXT_MARGIN, -TEXT_MARGIN)
        if not dose.isVisible() or not old.intersects(want):
            continue
        others = [t for t in taken if t != old]
        ax, ay = dose.anchor
        dose.setAnchor((ax, 1 - ay))
        moved = _text_rect(dose).adjusted(TEXT_MARGIN, TEXT_MARGIN, -TEXT_MARGIN, -TEXT_MARGIN)
        fits = frame.contains(moved) and frame.contains(want) and not moved.intersects(want)
        if fits and not any(moved.intersects(t) or want.intersects(t) for t in others):
            taken[:] = [*others, moved, want]
            item.show()
            return
        dose.setAnchor((ax, ay))


def _settle(item: pg.TextItem, anchors, frame: QRectF, taken: list[QRectF]) -> None:
    for anchor in anchors:
        item.setAnchor(anchor)
        rect = _text_rect(item)
        # the text's box has a few pixels of margin round the letters: those may stick out
        ink = rect.adjusted(TEXT_MARGIN, TEXT_MARGIN, -TEXT_MARGIN, -TEXT_MARGIN)
        if not frame.contains(ink) or any(ink.intersects(t) for t in taken):
            continue
        taken.append(ink)
        return
    item.setAnchor(anchors[0])
    item.hide()
