"""Checks of the fields that hold what a source leaves open (issue 10): smoking status,
the dose at follow-up, the day of death, bounded and tapered steroid steps, cycle counts,
chemotherapy dose units, radiotherapy dose; and the grades clinicians write.

Each finding is reported through checks.py's err(section, row, field, message, label),
placed like every other Problem (domain/problems.py)."""

from __future__ import annotations

from collections.abc import Callable

from .model import Case, CycleCount, Precision, SmokingStatus, StepOnset
from .problems import Section

DAY_MIN, DAY_MAX = -36500, 36500  # days from day 0, both ways
# MRC grade with the modifiers clinicians write (4-, 4+, 3+); 0- and 5+ do not exist
MRC_GRADES = ("0", "1", "2-", "2", "2+", "3-", "3", "3+", "4-", "4", "4+", "5", "1-", "1+",
              "0+", "5-")
ECOG_GRADES = ("0", "1", "2", "3", "4")
# the units chemotherapy regimens give doses in ("AUC": carboplatin's target area under
# the curve, mg/mL x min)
AGENT_UNITS = ("mg/m²", "mg/m2", "mg/kg", "mg", "AUC", "g/m²", "g/m2", "g/kg", "mg/body")


def check_unknowns(case: Case, err: Callable[..., None]) -> None:
    """The fields that hold what a source leaves open (issue 10)."""
    if case.smoking_status not in tuple(SmokingStatus):
        err(Section.CASE, None, "smoking_status", "use current, former, never or not specified",
            "Smoking status")
    o = case.outcome
    if o.followup_dose is not None and not 0 <= o.followup_dose <= 1000:
        err(Section.OUTCOME, None, "followup_dose", "allowed from 0 to 1000 mg/day, or empty",
            "Dose at follow-up")
    if o.followup_dose is not None and not o.followup_drug:
        err(Section.OUTCOME, None, "followup_drug", "name the drug of the dose at follow-up",
            "Drug at follow-up")
    death = ("death_day", "Day of death")
    if o.death_day is None and o.death_precision != Precision.NOT_SPECIFIED:
        err(Section.OUTCOME, None, death[0],
            "enter a day, or set its precision to 'not specified'", death[1])
    if o.death_day is not None and not DAY_MIN <= o.death_day <= DAY_MAX:
        err(Section.OUTCOME, None, death[0],
            f"day {o.death_day} is out of range ({DAY_MIN} to {DAY_MAX})", death[1])
    for i, s in enumerate(case.steroid_steps, 1):
        if s.onset not in tuple(StepOnset):
            err(Section.STEROIDS, i, "onset", "the dose is reached by a step or by a taper",
                "Reached by")
        if s.from_day_latest is not None and (
            s.from_day is None or s.from_day_latest < s.from_day
        ):
            err(Section.STEROIDS, i, "from_day_latest",
                "'started by day' must be on or after the earliest start day", "Started by day")
    for i, r in enumerate(case.regimens, 1):
        if r.cycle_count is not None and not 1 <= r.cycle_count <= 999:
            err(Section.REGIMENS, i, "cycle_count", "allowed from 1 to 999", "Cycles given")
        if r.cycle_count_kind not in tuple(CycleCount):
            err(Section.REGIMENS, i, "cycle_count_kind", "exactly, at least, or not given",
                "Cycles given")
        if r.cycle_count is None and r.cycle_count_kind != CycleCount.NOT_GIVEN:
            err(Section.REGIMENS, i, "cycle_count",
                f"'{r.cycle_count_kind}' needs the number of cycles", "Cycles given")
        for j, agent in enumerate(r.agents, 1):
            if agent.unit and agent.unit not in AGENT_UNITS:
                err(Section.AGENTS, j, "unit",
                    f"dose unit '{agent.unit}' of {agent.drug or 'an agent'}: use "
                    + ", ".join(AGENT_UNITS), "Unit", parent=i)
    for i, t in enumerate(case.treatments, 1):
        if t.dose is not None and not 0 <= t.dose <= 100000:
            err(Section.TREATMENTS, i, "dose", "allowed from 0 to 100000, or empty (not given)",
                "Dose")
