"""What is wrong with a case's score inputs: the limits a column cannot say alone."""

from __future__ import annotations

import math

from ..model import MMT8_GROUPS, Case, MmtSide
from ..problems import Problem, Section

# the titles the editor's core-set table gives its columns, with their limits
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
ONSET_LABEL = "Age at onset"


def check_score_inputs(case: Case) -> list[Problem]:
    p: list[Problem] = []
    age = case.criteria.onset_age
    if age is not None and not 0 <= age <= 120:
        p.append(Problem(Section.CRITERIA, None, "onset_age",
                         f"{age} is out of range; allowed from 0 to 120 years",
                         label=ONSET_LABEL))
    if age is not None and case.age is not None and age > case.age:
        p.append(Problem(Section.CRITERIA, None, "onset_age",
                         f"{age} is after the age at presentation ({case.age})",
                         label=ONSET_LABEL))
    for i, v in enumerate(case.core_set_visits, 1):

        def err(field: str, label: str, message: str, row: int = i) -> None:
            p.append(Problem(Section.CORE_SET, row, field, message, label=label))

        for attr, (title, high) in MEASURE_TITLES.items():
            value = getattr(v, attr)
            if value is not None and (not math.isfinite(value) or not 0 <= value <= high):
                err(attr, title, f"allowed from 0 to {high:g}")
        both = v.mmt_side == MmtSide.BOTH
        graded = [g for g in MMT8_GROUPS if getattr(v, f"mmt_{g}") is not None]
        if graded and v.mmt_side is None:
            err("mmt_side", "MMT side", "choose right, left or both sides")
        for g in graded:
            high = 20 if both and g != "neck_flexors" else 10
            if not 0 <= getattr(v, f"mmt_{g}") <= high:
                side = ("tested once" if g == "neck_flexors"
                        else "over both sides" if both else "on one side")
                err(f"mmt_{g}", MMT_TITLES[g],
                    f"allowed from 0 to {high} {side} (Kendall 0-10 a side)")
    return p
