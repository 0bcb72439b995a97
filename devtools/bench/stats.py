"""Figures, goals and the timing helpers of the bench.

Every figure is a ratio: what the app takes divided by its limit, the nearest thing that
cannot be beaten, measured in the same run (or the other way round for throughputs and
for matplotlib, so that more is better there). The absolute values of both sides are kept
beside the ratio: on a shared machine they move by half from run to run, the ratio less.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """The goal of a ratio: op is "<=" (the app's time over its limit's) or ">="."""

    op: str
    value: float

    def met(self, x: float) -> bool:
        if self.op == "<=":
            return x <= self.value
        return x < self.value if self.op == "<" else x >= self.value

    def text(self, unit: str) -> str:
        return f"{self.op} {self.value:g} {unit}".strip()


@dataclass
class Figure:
    """One measured figure at one cohort size."""

    key: str  # "filter"
    name: str  # "Filter: one keystroke to the list updated"
    unit: str  # "x": samples are ratios
    cases: int
    samples: list[float] = field(default_factory=list)
    target: Target | None = None
    note: str = ""  # what exactly was measured, or why a target is not met
    missing: str = ""  # set when the figure could not be measured, and why
    # e.g. which case was drawn
    extra: dict[str, float | str] = field(default_factory=dict)
    ours: list[float] = field(default_factory=list)  # the app's side of each ratio
    limit: list[float] = field(default_factory=list)  # the limit's side, same run
    abs_unit: str = ""  # of ours and limit: "s", "ms", "MB", "rows/s"
    limit_name: str = ""  # what the limit is, in a few words

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    @property
    def met(self) -> bool | None:
        if self.missing or not self.samples or self.target is None:
            return None
        return self.target.met(self.median)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "cases": self.cases,
            "samples": self.samples,
            "median": self.median if self.samples else None,
            "target": None if self.target is None else [self.target.op, self.target.value],
            "met": self.met,
            "note": self.note,
            "missing": self.missing,
            "extra": self.extra,
            "ours": self.ours,
            "limit": self.limit,
            "abs_unit": self.abs_unit,
            "limit_name": self.limit_name,
        }


def median_or_nan(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed(fn: Callable[[], object]) -> float:
    """Seconds taken by fn()."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def repeat(
    fn: Callable[[], object],
    runs: int,
    setup: Callable[[], object] | None = None,
    warmup: int = 1,
) -> list[float]:
    """Seconds of runs calls of fn, each after an untimed setup(); warmup calls first."""
    for _ in range(warmup):
        if setup is not None:
            setup()
        fn()
    out = []
    for _ in range(runs):
        if setup is not None:
            setup()
        out.append(timed(fn))
    return out
