"""What is wrong with a case's score inputs: the limits a column cannot say alone."""

from __future__ import annotations

import math

from ..model import MMT8_GROUPS, Case, MmtSide
from ..validation import Problem

VISIT = "Core-set visit"
# the titles the editor's core-set table gives its columns (problems name a cell by them)
MEASURE_TITLES = {
    "physician_global": ("Physician global", 10.0),
    "patient_global": ("Patient global", 10.0),
    "haq": ("HAQ", 3.0),
    "extramuscular_global": ("Extramuscular global", 10.0),
}
MMT_TITLES = {
    "neck_flexors": "Neck flexors",
    "deltoid": "Deltoid",
    "biceps": "Biceps",
    "wrist_extensors": "Wrist extensors",
    "gluteus_maximus": "Gluteus maximus",
    "gluteus_medius": "Gluteus medius",
    "quadriceps": "Quadriceps",
    "ankle_dorsiflexors": "Ankle dorsiflexors",
}


def check_score_inputs(case: Case) -> list[Problem]:
    p: list[Problem] = []
    age = case.criteria.onset_age
    if age is not None and not 0 <= age <= 120:
        p.append(Problem("Age at onset", f"{age} is out of range; allowed from 0 to 120 years"))
    if age is not None and case.age is not None and age > case.age:
        p.append(Problem("Age at onset", f"{age} is after the age at presentation ({case.age})"))
    for i, v in enumerate(case.core_set_visits, 1):
        where = f"{VISIT} {i}"
        for attr, (title, high) in MEASURE_TITLES.items():
            value = getattr(v, attr)
            if value is not None and (not math.isfinite(value) or not 0 <= value <= high):
                p.append(Problem(f"{where}, {title}", f"allowed from 0 to {high:g}"))
        both = v.mmt_side == MmtSide.BOTH
        graded = [g for g in MMT8_GROUPS if getattr(v, f"mmt_{g}") is not None]
        if graded and v.mmt_side is None:
            p.append(Problem(f"{where}, MMT side", "choose right, left or both sides"))
        for g in graded:
            high = 20 if both and g != "neck_flexors" else 10
            if not 0 <= getattr(v, f"mmt_{g}") <= high:
                side = ("tested once" if g == "neck_flexors"
                        else "over both sides" if both else "on one side")
                p.append(Problem(f"{where}, {MMT_TITLES[g]}",
                                 f"allowed from 0 to {high} {side} (Kendall 0-10 a side)"))
    return p
