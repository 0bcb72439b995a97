"""The same course chart drawn by matplotlib, for the "chart" figure (ours vs matplotlib).

It draws what gui/plots/chart_view.py and annotations.py draw, from the same
CourseChartData: title and subtitle; the lab series on a log axis with their markers
(hollow when the day is approximate, triangles at a reporting limit), the upper normal
limit, the values beside the points; the prednisolone-equivalent dose as a filled step
line with its step marks and "55 mg" labels on a right axis; chemotherapy cycles as
faint lines; the treatment lane below; the legend. Same size and resolution as our PNG
export (1800 x 1000 pixels, 300 dpi), text and marks of about the same size. Agg backend.
"""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.chart_types import CourseChartData, PointKind, number_text

_COLOURS = ("#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000", "#999999")
_LANE = {"Chemotherapy": "#009E73", "IVIg": "#E69F00", "Immunosuppressant": "#CC79A7"}
DOSE = "#0072B2"
MAX_LABELS = 12  # as annotations.MAX_VALUE_LABELS
PT = {"title": 11, "label": 8, "tick": 7, "legend": 7, "value": 7}


def draw_and_save(
    data: CourseChartData, path: Path, width: int = 1800, height: int = 1000, dpi: int = 300
) -> Path:
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    rows = max(1, len(data.lane_rows))
    grid = fig.add_gridspec(2, 1, height_ratios=[6, 0.6 + 0.5 * rows], hspace=0.05)
    main = fig.add_subplot(grid[0])
    lane = fig.add_subplot(grid[1], sharex=main)
    fig.suptitle(
        data.title + (f"\n{data.subtitle}" if data.subtitle else ""),
        fontsize=PT["title"],
        fontweight="bold",
    )
    main.set_yscale("log")
    main.set_ylim(data.left.y_min, data.left.y_max)
    main.set_ylabel(data.left.title, fontsize=PT["label"])
    main.tick_params(labelsize=PT["tick"], labelbottom=False)
    _series(main, data)
    handles, labels = main.get_legend_handles_labels()
    if data.dose_segments:
        dose = main.twinx()
        _dose(dose, data)
        h, lab = dose.get_legend_handles_labels()
        handles, labels = handles + h, labels + lab
    for m in data.lane_marks:  # chemotherapy cycles across the chart
        if m.row.startswith("Chemotherapy") and m.x1 is None:
            main.axvline(m.x0, color="#009E73", alpha=0.45, linestyle=":", linewidth=0.5)
    main.legend(handles, labels, fontsize=PT["legend"], loc="upper right")
    _lane(lane, data, rows)
    fig.subplots_adjust(left=0.15, right=0.88, top=0.86, bottom=0.12)
    # the format follows the file name (.png, .svg, .pdf), as in our export
    fig.savefig(path, dpi=dpi, format=Path(path).suffix.lstrip("."), facecolor="white")
    return path


def _series(ax, data: CourseChartData) -> None:
    for i, s in enumerate(data.series):
        colour = _COLOURS[i % len(_COLOURS)]
        xs = [p.day for p in s.points]
        ys = [p.y for p in s.points]
        name = f"{s.name} ({s.unit})" if s.unit != "× ULN" else s.name
        ax.plot(xs, ys, color=colour, linewidth=1.4, marker="o", markersize=6, label=name)
        for p in s.points:
            if p.approximate or p.kind != PointKind.MEASURED:
                marker = {PointKind.MEASURED: "o", PointKind.ABOVE_LIMIT: "^"}.get(p.kind, "v")
                face = "white" if p.approximate else colour
                ax.plot(
                    [p.day], [p.y], marker=marker, markersize=6, color=colour, markerfacecolor=face
                )
        if len(data.series) == 1 and len(s.points) <= MAX_LABELS:
            for p in s.points:
                ax.annotate(
                    f"{p.comparator}{number_text(p.value)}",
                    (p.day, p.y),
                    xytext=(4, 4),
                    textcoords="offset points",
                    fontsize=PT["value"],
                    color=colour,
                )
        if s.uln:
            ax.axhline(
                s.uln,
                color="#555555",
                linestyle="--",
                linewidth=1.0,
                label=f"Upper normal limit ({s.uln:g} {s.unit})",
            )


def _dose(ax, data: CourseChartData) -> None:
    xs, ys = data.dose_line()
    ax.plot(xs, ys, color=DOSE, linewidth=1.6, label="Steroid, prednisolone-equivalent (mg/day)")
    ax.fill_between(
        xs,
        [0.0 if math.isfinite(y) else math.nan for y in ys],
        ys,
        color=DOSE,
        alpha=0.09,
        linewidth=0,
    )
    for m in data.dose_marks:
        face = "white" if m.precision.value != "exact" else DOSE
        ax.plot([m.day], [m.pred_eq], marker="s", markersize=5, color=DOSE, markerfacecolor=face)
    if len(data.dose_segments) <= MAX_LABELS:
        for seg in data.dose_segments:
            ax.annotate(
                f"{number_text(seg.pred_eq)} mg",
                (seg.x0, seg.pred_eq),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=PT["value"],
                color=DOSE,
            )
    ax.set_ylim(0, (data.dose_max or 1) * 1.12)
    ax.set_ylabel("Prednisolone-equivalent dose (mg/day)", fontsize=PT["label"])
    ax.tick_params(labelsize=PT["tick"])


def _lane(ax, data: CourseChartData, rows: int) -> None:
    for r, row in enumerate(data.lane_rows):
        colour = next((c for k, c in _LANE.items() if row.startswith(k)), "#56B4E9")
        for m in data.lane_marks:
            if m.row != row:
                continue
            width = 5.0 if m.x1 is None else max(0.5, m.x1 - m.x0)
            ax.broken_barh([(m.x0, width)], (r - 0.35, 0.7), color=colour)
            if m.label:
                ax.text(
                    m.x0 + width / 2,
                    r,
                    m.label,
                    fontsize=PT["value"],
                    color="white",
                    ha="center",
                    va="center",
                    fontweight="bold",
                )
    ax.set_yticks(range(len(data.lane_rows)), list(data.lane_rows), fontsize=PT["tick"])
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_xlim(data.x.x_min, data.x.x_max)
    ax.set_xticks([x for x, _ in data.x.major], [t for _, t in data.x.major], fontsize=PT["tick"])
    ax.set_xticks(list(data.x.minor), minor=True)
    ax.set_xlabel(data.x.title, fontsize=PT["label"])
