"""Checks of the fields that hold what a source leaves open (issue 10): smoking status,
the dose at follow-up, the day of death, bounded and tapered steroid steps, cycle counts,
chemotherapy dose units, radiotherapy dose; and the grades clinicians write."""

from __future__ import annotations

from collections.abc import Callable

from .model import Case, CycleCount, Precision, SmokingStatus, StepOnset

DAY_MIN, DAY_MAX = -36500, 36500  # days from day 0, both ways
# MRC grade with the modifiers clinicians write (4-, 4+, 3+); 0- and 5+ do not exist
MRC_GRADES = ("0", "1", "2-", "2", "2+", "3-", "3", "3+", "4-", "4", "4+", "5", "1-", "1+",
              "0+", "5-")
ECOG_GRADES = ("0", "1", "2", "3", "4")
# the units chemotherapy regimens give doses in ("AUC": carboplatin's target area under
# the curve, mg/mL x min)
AGENT_UNITS = ("mg/m²", "mg/m2", "mg/kg", "mg", "AUC", "g/m²", "g/m2", "g/kg", "mg/body")


def check_unknowns(case: Case, err: Callable[[str, str], None]) -> None:
    """The fields that hold what a source leaves open (issue 10)."""
    if case.smoking_status not in tuple(SmokingStatus):
        err("Smoking status", "use current, former, never or not specified")
    o = case.outcome
    if o.followup_dose is not None and not 0 <= o.followup_dose <= 1000:
        err("Outcome, dose at follow-up", "allowed from 0 to 1000 mg/day, or empty")
    if o.followup_dose is not None and not o.followup_drug:
        err("Outcome, dose at follow-up", "name the drug of the dose at follow-up")
    if o.death_day is None and o.death_precision != Precision.NOT_SPECIFIED:
        err("Outcome, day of death", "enter a day, or set its precision to 'not specified'")
    if o.death_day is not None and not DAY_MIN <= o.death_day <= DAY_MAX:
        err("Outcome, day of death", f"day {o.death_day} is out of range")
    for i, s in enumerate(case.steroid_steps, 1):
        where = f"Steroid step {i}"
        if s.onset not in tuple(StepOnset):
            err(where, "the dose is reached by a step or by a taper")
        if s.from_day_latest is not None and (
            s.from_day is None or s.from_day_latest < s.from_day
        ):
            err(where, "'started by day' must be on or after the earliest start day")
    for i, r in enumerate(case.regimens, 1):
        if r.cycle_count is not None and not 1 <= r.cycle_count <= 999:
            err(f"Regimen {i}", "cycles given allowed from 1 to 999")
        if r.cycle_count_kind not in tuple(CycleCount):
            err(f"Regimen {i}", "cycles given: exactly, at least, or not given")
        if r.cycle_count is None and r.cycle_count_kind != CycleCount.NOT_GIVEN:
            err(f"Regimen {i}", f"'{r.cycle_count_kind}' needs the number of cycles")
        for agent in r.agents:
            if agent.unit and agent.unit not in AGENT_UNITS:
                err(
                    f"Regimen {i}",
                    f"dose unit '{agent.unit}' of {agent.drug or 'an agent'}: use "
                    + ", ".join(AGENT_UNITS),
                )
    for i, t in enumerate(case.treatments, 1):
        if t.dose is not None and not 0 <= t.dose <= 100000:
            err(f"Treatment {i}", "dose allowed from 0 to 100000, or empty (not given)")
