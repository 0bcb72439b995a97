"""The order of initial treatments proposed from the treatments entered (never stored by
itself): the first steroid step, the first chemotherapy cycle and each other treatment,
by the day each started; those started on the same day make one step ("PSL, IVIg").

The editor shows the proposal worded as the Table words it; the case's own order changes
only when the user confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import drugs
from .model import (
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    InitialTreatmentsStatus,
    TreatmentKind,
)
from .table import initial_treatments_text
from .vocabulary import TABLE_KIND_WORDS


@dataclass
class Proposal:
    """What the entered treatments give: the order (None when no treatment has a day) and
    the treatments that could not be placed, in words."""

    order: InitialTreatments | None
    unplaced: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        """The proposal as the Table's cell would read it ('' when there is none)."""
        if self.order is None:
            return ""
        return initial_treatments_text(Case(label="", initial_treatments=self.order))


def _drug(name: str) -> str:
    key = name.strip().casefold()
    return key if key in drugs() else ""


def propose_initial_treatments(case: Case) -> Proposal:
    first: dict[tuple[TreatmentKind, str], int] = {}  # (kind, drug) -> first day started
    unplaced: list[str] = []

    def start(kind: TreatmentKind, drug: str, day: int) -> None:
        first[(kind, drug)] = min(day, first.get((kind, drug), day))

    steps = [s for s in case.steroid_steps if s.from_day is not None]
    if steps:
        step = min(steps, key=lambda s: s.from_day)
        start(TreatmentKind.STEROID, _drug(step.drug), step.from_day)
    elif case.steroid_steps:
        unplaced.append(f"{TABLE_KIND_WORDS[TreatmentKind.STEROID]} (no start day)")
    cycle_days = [c.day for r in case.regimens for c in r.cycles if c.day is not None]
    if cycle_days:
        start(TreatmentKind.CHEMOTHERAPY, "", min(cycle_days))
    elif case.regimens:
        unplaced.append(f"{TABLE_KIND_WORDS[TreatmentKind.CHEMOTHERAPY]} (no cycle day)")
    for t in case.treatments:
        if t.start_day is None:
            unplaced.append(f"{t.name or TABLE_KIND_WORDS[t.kind]} (no start day)")
        else:
            start(t.kind, _drug(t.name), t.start_day)
    if not first:
        return Proposal(None, unplaced)
    by_day: dict[int, list[InitialTreatmentItem]] = {}
    for (kind, drug), day in sorted(first.items(), key=lambda x: x[1]):
        by_day.setdefault(day, []).append(InitialTreatmentItem(kind, drug))
    order = InitialTreatments(InitialTreatmentsStatus.GIVEN, list(by_day.values()))
    return Proposal(order, unplaced)
