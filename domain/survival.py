"""Kaplan-Meier overall survival of the chosen cases (numpy, no lifelines).

The product-limit estimator: at each distinct time t_i with d_i deaths among n_i at risk,
S(t) = prod (1 - d_i / n_i). Greenwood's variance, the 95% interval on the log(-log S)
scale (it stays inside 0..1), the median (the first time S <= 0.5) with the interval
read off the two bounds, numbers at risk, and the median follow-up by reverse
Kaplan-Meier (censoring as the event).

Time is days from each case's day 0, or from its first dated start of steroids or of
chemotherapy (the casebook records no dated DM or cancer diagnosis to start from); death
(final outcome "Dead") is the event, on the day of death when the source gives it, else
at the follow-up day; "Alive" is censored at the follow-up day. Cases without such a day
or without a known outcome are left out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cohort import Alignment, anchor
from .model import Case, Precision

Z95 = 1.959963984540054


@dataclass(frozen=True)
class KaplanMeier:
    times: np.ndarray  # distinct event times
    at_risk: np.ndarray
    events: np.ndarray
    survival: np.ndarray
    lower: np.ndarray  # 95% CI (log-log); 0 once S is 0, NaN where undefined
    upper: np.ndarray
    n: int
    deaths: int

    def median(self) -> float | None:
        return _first_below_half(self.times, self.survival)

    def median_ci(self) -> tuple[float | None, float | None]:
        """(lower, upper) of the median: where the lower and the upper bound reach 0.5."""
        return (
            _first_below_half(self.times, np.nan_to_num(self.lower, nan=1.0)),
            _first_below_half(self.times, np.nan_to_num(self.upper, nan=1.0)),
        )

    def at(self, t: float) -> float:
        """S(t), right-continuous."""
        i = np.searchsorted(self.times, t, side="right")
        return 1.0 if i == 0 else float(self.survival[i - 1])


def _first_below_half(times: np.ndarray, s: np.ndarray) -> float | None:
    hit = np.nonzero(s <= 0.5 + 1e-12)[0]
    return float(times[hit[0]]) if hit.size else None


def kaplan_meier(times: Sequence[float], died: Sequence[bool]) -> KaplanMeier:
    """The product-limit estimate from follow-up times and whether each ended in death."""
    t = np.asarray(times, dtype=float)
    e = np.asarray(died, dtype=bool)
    if t.shape != e.shape:
        raise ValueError("times and events differ in length")
    event_times = np.unique(t[e])
    n_i = np.array([(t >= x).sum() for x in event_times], dtype=float)
    d_i = np.array([(e & (t == x)).sum() for x in event_times], dtype=float)
    s = np.cumprod(1.0 - d_i / n_i) if event_times.size else np.array([])
    with np.errstate(divide="ignore", invalid="ignore"):
        greenwood = np.cumsum(d_i / (n_i * (n_i - d_i)))
        sigma = np.sqrt(greenwood) / np.abs(np.log(s))
        lower = s ** np.exp(Z95 * sigma)
        upper = s ** np.exp(-Z95 * sigma)
    gone = s <= 0.0  # everyone has died: the interval closes at 0
    lower[gone], upper[gone] = 0.0, 0.0
    undefined = ~gone & ((s >= 1.0) | ~np.isfinite(sigma))
    lower[undefined], upper[undefined] = np.nan, np.nan
    return KaplanMeier(event_times, n_i, d_i, s, lower, upper, int(t.size), int(e.sum()))


def number_at_risk(times: Sequence[float], at: Sequence[float]) -> list[int]:
    """How many cases are still followed (time >= t) at each t."""
    t = np.asarray(times, dtype=float)
    return [int((t >= x).sum()) for x in at]


def median_followup(times: Sequence[float], died: Sequence[bool]) -> float | None:
    """Median follow-up by reverse Kaplan-Meier: censoring counted as the event."""
    return kaplan_meier(times, [not d for d in died]).median()


@dataclass(frozen=True)
class SurvivalData:
    labels: tuple[str, ...]
    times: tuple[float, ...]
    died: tuple[bool, ...]
    approximate: int  # of the cases used, how many have an approximate follow-up day
    excluded: tuple[tuple[str, str], ...]  # (label, why)


ORIGINS = {
    "day 0": None,
    "start of steroids": Alignment.STEROID_START,
    "start of chemotherapy": Alignment.CHEMO_START,
}


def last_day(case: Case) -> tuple[int | None, Precision]:
    """The end of a case's follow-up: the day of death of a case that died, when the source
    gives it, else the follow-up day."""
    o = case.outcome
    if o.final_outcome == "Dead" and o.death_day is not None:
        return o.death_day, o.death_precision
    return o.followup_day, o.followup_precision


def survival_data(cases: Sequence[Case], origin: str = "day 0") -> SurvivalData:
    """Follow-up time and event of each case from the chosen origin: day 0, or the
    earliest dated start of steroids or of chemotherapy (domain.cohort.anchor)."""
    labels, times, died, approx, excluded = [], [], [], 0, []
    for c in cases:
        o = c.outcome
        start = (0, Precision.EXACT) if ORIGINS[origin] is None else anchor(c, ORIGINS[origin])
        end, end_precision = last_day(c)
        if end is None:
            excluded.append((c.label, "follow-up not known"))
        elif o.final_outcome not in ("Alive", "Dead"):
            excluded.append((c.label, "outcome not specified"))
        elif start is None:
            excluded.append((c.label, f"no dated {origin}"))
        elif end < start[0]:
            excluded.append((c.label, f"follow-up ends before the {origin}"))
        else:
            labels.append(c.label)
            times.append(float(end - start[0]))
            died.append(o.final_outcome == "Dead")
            approx += Precision.APPROXIMATE in (end_precision, start[1])
    return SurvivalData(tuple(labels), tuple(times), tuple(died), approx, tuple(excluded))


def day_text(day: float | None) -> str:
    return "not reached" if day is None else f"{day:g}"


def km_rows(curves: Sequence[tuple[str, SurvivalData]]) -> tuple[list[str], list[list[str]]]:
    """The estimates as a table: per group and event time, n at risk, deaths, S and CI."""
    header = ["Group", "Day", "At risk", "Deaths", "Survival", "95% CI lower", "95% CI upper"]
    rows = []
    for name, data in curves:
        km = kaplan_meier(data.times, data.died)
        for i, t in enumerate(km.times):
            lo, hi = km.lower[i], km.upper[i]
            rows.append(
                [name, f"{t:g}", str(int(km.at_risk[i])), str(int(km.events[i])),
                 f"{km.survival[i]:.4f}",
                 "" if np.isnan(lo) else f"{lo:.4f}", "" if np.isnan(hi) else f"{hi:.4f}"]
            )
        m_lo, m_hi = km.median_ci()
        rows.append(
            [name, "median", str(km.n), str(km.deaths), day_text(km.median()),
             day_text(m_lo), day_text(m_hi)]
        )
        rows.append([name, "left out (no follow-up, outcome or origin)", str(len(data.excluded)),
                     "", "", "", ""])
    return header, rows
