"""Swimmer plot description: one lane per case from day 0 to its last follow-up.

Marks on each lane: the steroid course (bars), chemotherapy cycles (ticks), radiotherapy
and IVIg courses (bars, or a tick when only the start is known), surgery (a tick); the end
marker says dead, alive or not known. A day the source gives only approximately is drawn
as approximate (hollow or pale). A case with no day at all (the literature summaries) has
no lane: it is listed with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .cohort_filter import outcome_of
from .cohort_pattern import case_reference, initial_pattern
from .model import Case, Precision, TreatmentKind


class End(StrEnum):
    DEAD = "dead"
    ALIVE = "alive"
    UNKNOWN = "not known"


@dataclass(frozen=True)
class Mark:
    kind: TreatmentKind
    start: float
    end: float | None  # None: a point (a cycle, surgery, a start without an end)
    approximate: bool


@dataclass(frozen=True)
class Lane:
    label: str
    case_id: int | None
    end_day: float
    end_approximate: bool
    end: End
    marks: tuple[Mark, ...]
    followup_known: bool  # False: the lane ends at the last recorded day instead


@dataclass(frozen=True)
class SwimmerData:
    lanes: tuple[Lane, ...]  # top to bottom
    left_out: tuple[tuple[str, str], ...]  # (case, why)


SORTS: dict[str, Callable[[Lane, Case], tuple]] = {
    "follow-up": lambda lane, case: (-lane.end_day,),
    "initial treatment pattern": lambda lane, case: (initial_pattern(case).value, -lane.end_day),
    "outcome": lambda lane, case: (outcome_of(case), -lane.end_day),
    "label": lambda lane, case: (case.label.casefold(),),
}

_APPROX = Precision.APPROXIMATE


def _marks(case: Case) -> list[Mark]:
    out: list[Mark] = []
    steps = [s for s in case.steroid_steps if s.from_day is not None]
    for i, s in enumerate(steps):
        end = s.to_day
        if end is None and i + 1 < len(steps):
            end = steps[i + 1].from_day
        approx = s.from_precision == _APPROX or s.to_precision == _APPROX
        out.append(Mark(TreatmentKind.STEROID, s.from_day, end, approx))
    for r in case.regimens:
        for c in r.cycles:
            if c.day is not None:
                out.append(Mark(TreatmentKind.CHEMOTHERAPY, c.day, None, c.precision == _APPROX))
    for t in case.treatments:
        if t.start_day is None:
            continue
        approx = t.start_precision == _APPROX or t.end_precision == _APPROX
        out.append(Mark(t.kind, t.start_day, t.end_day, approx))
    return out


def _lane(case: Case) -> Lane | None:
    marks = _marks(case)
    days = [m.start for m in marks] + [m.end for m in marks if m.end is not None]
    days += [r.day for r in case.labs if r.day is not None]
    o = case.outcome
    outcome = outcome_of(case)
    end = End.DEAD if outcome == "Dead" else End.ALIVE if outcome == "Alive" else End.UNKNOWN
    if outcome == "Dead" and o.death_day is not None:  # the day of death ends the lane
        last, approx, known = float(o.death_day), o.death_precision != Precision.EXACT, True
    elif o.followup_day is not None:
        last, approx, known = float(o.followup_day), o.followup_precision != Precision.EXACT, True
    elif days:
        last, approx, known, end = float(max(days)), True, False, End.UNKNOWN
    else:
        return None
    # a steroid step still running at the end is drawn to the end of the lane
    marks = [
        Mark(m.kind, m.start, last, m.approximate)
        if m.kind == TreatmentKind.STEROID and m.end is None
        else m
        for m in marks
    ]
    return Lane(case_reference(case), case.id, last, approx, end, tuple(marks), known)


def swimmer(cases: Sequence[Case], sort: str = "follow-up") -> SwimmerData:
    """The lanes of the cases, sorted (longest follow-up on top by default)."""
    placed: list[tuple[Lane, Case]] = []
    left_out = []
    for c in cases:
        lane = _lane(c)
        if lane is None:
            left_out.append((case_reference(c), "no day recorded (no follow-up, treatment "
                             "or lab day)"))
        else:
            placed.append((lane, c))
    key = SORTS[sort]
    placed.sort(key=lambda lc: key(*lc))
    return SwimmerData(tuple(lane for lane, _c in placed), tuple(left_out))
