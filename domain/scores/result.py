"""What every instrument returns: the value, the category, each input with its source,
what is missing and what the missing inputs could change, and what is unconfirmed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache

from ..catalogue import RESOURCES
from .facts import Fact


@dataclass(frozen=True)
class Used:
    """An input as an instrument used it."""

    label: str
    value: str  # "present", "75", "not recorded"
    where: str  # recorded / derived from ... / not recorded, with the source sentence
    points: float | None = None  # what it added to a score
    missing: bool = False

    @classmethod
    def of(cls, fact: Fact, points: float | None = None, label: str = "") -> Used:
        return cls(label or fact.label, fact.value_text, fact.where(), points, not fact.known)


@dataclass
class Result:
    instrument: str
    value: str  # the score or grade reached, in words ("12.0", "probable DM")
    category: str
    inputs: list[Used] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # labels of inputs not known
    if_missing: list[str] = field(default_factory=list)  # what they could change
    notes: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)  # parts the reference does not confirm
    citation: str = ""
    extra: dict = field(default_factory=dict)  # instrument-specific values (JSON-ready)

    def to_dict(self) -> dict:
        return asdict(self)


@cache
def reference() -> dict:
    """resources/scores_reference.json: weights, cut-offs, bands and their sources."""
    return json.loads((RESOURCES / "scores_reference.json").read_text(encoding="utf-8"))
