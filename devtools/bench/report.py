"""The bench's table: printed, and written as docs/benchmarks.md with the machine info."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

from .stats import Figure, median_or_nan

NOTES = Path(__file__).resolve().parent / "NOTES.md"
COLUMNS = ("Figure", "Limit (same run)", "Cases", "Ratio", "Min", "Max", "Ours", "Limit",
           "Runs", "Goal", "Met")


def number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:,.0f} {unit}"


def row(f: Figure) -> list[str]:
    target = f.target.text(f.unit).replace(" x", "x") if f.target else "report"
    if f.missing:
        return [f.name, f.limit_name, f"{f.cases:,}", f"not measured: {f.missing}", "", "",
                "", "", "0", target, "—"]
    met = {True: "met", False: "**not met**", None: "—"}[f.met]
    return [
        f.name,
        f.limit_name,
        f"{f.cases:,}",
        number(f.median, f.unit),
        number(f.low, f.unit),
        number(f.high, f.unit),
        number(median_or_nan(f.ours), f.abs_unit),
        number(median_or_nan(f.limit), f.abs_unit),
        str(len(f.samples)),
        target,
        met,
    ]


def table(figures: list[Figure]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row(f)) + " |" for f in figures]
    return "\n".join(lines)


def markdown(figures: list[Figure], machine: list[tuple[str, str]], command: str, runs: int) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# Benchmarks",
        "",
        f"Written by `{command}` on {now}; run `make bench` to measure again. The tables "
        "are generated: edit `devtools/bench/NOTES.md` for the notes at the end, not this file.",
        "",
        "Every figure is a ratio: the app's time (or memory) divided by its limit, the "
        "nearest thing that cannot be beaten, measured in the same run, side by side (for "
        "throughputs and matplotlib the other way round, so that more is better there). "
        f"Median, min and max of {runs} runs (cold start: at least 7, alternating with the "
        "limit), each after one untimed warm-up run, at the paper's 17 cases and at the "
        "paper's cases plus synthetic ones (`main.py synth`, seed 1). Ours and Limit are "
        "the medians of the two sides; on this shared 2-core machine they move by half "
        "from run to run, the ratio much less. Goals are issue 17's; \"report\": no goal.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine),
        "",
        "## Results",
        "",
        table(figures),
        "",
        "## What each figure measures",
        "",
    ]
    seen: list[str] = []
    for f in figures:
        if f.key not in seen:
            seen.append(f.key)
    for key in seen:
        group = [f for f in figures if f.key == key]
        parts.append(f"- **{group[0].name}**: {group[0].note}")
        for f in group:
            if f.extra:
                extra = "; ".join(
                    f"{k}: {v:,.1f}" if isinstance(v, float) else f"{k}: {v}"
                    for k, v in f.extra.items()
                )
                parts.append(f"  - at {f.cases:,} cases: {extra}")
    if NOTES.exists():
        parts += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(parts) + "\n"


def write(figures: list[Figure], machine, command: str, runs: int, out: Path, raw: Path) -> None:
    """The report to out, and the measurements as JSON to raw (for --render)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(figures, machine, command, runs), encoding="utf-8")
    raw.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "command": command,
        "runs": runs,
        "machine": dict(machine),
        "figures": [f.as_dict() for f in figures],
    }
    raw.write_text(json.dumps(data, indent=1), encoding="utf-8")


def render(raw: Path, out: Path) -> list[Figure]:
    """The report written again from a run's JSON (e.g. after editing bench/NOTES.md)."""
    from .stats import Target

    data = json.loads(raw.read_text(encoding="utf-8"))
    figures = [
        Figure(
            f["key"],
            f["name"],
            f["unit"],
            f["cases"],
            f["samples"],
            Target(*f["target"]) if f["target"] else None,
            f["note"],
            f["missing"],
            f["extra"],
            f.get("ours", []),
            f.get("limit", []),
            f.get("abs_unit", ""),
            f.get("limit_name", ""),
        )
        for f in data["figures"]
    ]
    out.write_text(
        markdown(figures, list(data["machine"].items()), data["command"], data["runs"]),
        encoding="utf-8",
    )
    return figures
