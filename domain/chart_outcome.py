"""The course chart's marks for what has no value axis: results given in words
("normalized", "elevated") and death, in lanes beneath the plot."""

from __future__ import annotations

from .chart_axis import XAxis
from .chart_types import LaneMark, when_text
from .model import Case

LAB_WORDS_LANE = "Labs (in words)"
# short tags a lane can print (the hover names the analyte and the words)
WORD_TAGS = {"normalized": "N", "within normal limits": "WNL", "elevated": "↑",
             "decreased": "↓", "positive": "+", "negative": "−"}
OUTCOME_LANE = "Outcome"  # death


def outcome_marks(case: Case, axis: XAxis, notes: list[str]) -> list[LaneMark]:
    """Qualitative lab results and death as single-day lane marks."""
    out: list[LaneMark] = []
    for r in case.labs:
        if r.value is not None or not r.qualitative:
            continue
        if r.day is None:
            continue  # listed with the undated labs, as numbers are
        out.append(
            LaneMark(
                LAB_WORDS_LANE,
                WORD_TAGS[r.qualitative.value],
                float(r.day),
                None,
                r.precision,
                False,
                f"{r.analyte} {r.qualitative.value} (no value given), "
                f"{when_text(r.day, r.precision, axis)}",
            )
        )
    o = case.outcome
    if o.death_day is not None:
        out.append(
            LaneMark(OUTCOME_LANE, "†", float(o.death_day), None, o.death_precision, False,
                     f"Death, {when_text(o.death_day, o.death_precision, axis)}")
        )
    if o.followup_dose is not None and o.followup_day is None:
        notes.append("The steroid dose at follow-up has no day and is not drawn.")
    return out
