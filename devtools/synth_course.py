"""The timed course of a synthetic case (see synth.py): labs, steroid taper, assessments.

Labs come from visits spread over the follow-up, denser early, and a model of the
disease. Muscle enzymes follow the myositis activity, high at day 0 and falling under
steroids with a time constant of one to four weeks; tumour markers follow the tumour burden,
falling after chemotherapy starts; inflammation markers follow both. A relapse brings
both back. Each result carries multiplicative noise; results under a lab's detection
limit are recorded censored ("<0.02"), as a laboratory reports them.
"""

from __future__ import annotations

import math
import random
from statistics import NormalDist

from domain.catalogue import analytes
from domain.model import Assessment, AssessmentKind, LabResult, Precision, SteroidStep
from domain.units import from_canonical

# detection limits of the analytes that often fall under them (default units)
DETECTION_LIMIT = {
    "CRP": 0.03,
    "myoglobin": 21.0,
    "CEA": 0.5,
    "CA19-9": 2.0,
    "CYFRA": 1.0,
    "SCC": 0.5,
    "ProGRP": 10.0,
    "NSE": 1.0,
}
# baseline of a tumour marker, as a multiple of its upper reference limit, when raised
_MARKER_RAISED = {"NSE": 8, "ProGRP": 25, "CEA": 15, "CYFRA": 8, "SCC": 6, "CA19-9": 20}
# multiplicative noise of a result: lognormal, sigma 0.15, as 1,024 equally likely
# quantiles (one random() per result instead of a gauss() and an exp(): a third faster)
_NOISE_STEPS = 1024
NOISE = tuple(
    math.exp(0.15 * NormalDist().inv_cdf((i + 0.5) / _NOISE_STEPS)) for i in range(_NOISE_STEPS)
)
LABS_PER_VISIT = 2.7  # the mean of the visit below: CK always, the rest sometimes
_ENZYMES = ("LDH", "AST", "ALT")
_DECIMALS = {"CK": 0, "myoglobin": 0, "LDH": 0, "AST": 0, "ALT": 0, "ESR": 0, "ProGRP": 0}


def lab_results(
    rng: random.Random,
    markers: tuple[str, ...],
    chemo_day: int | None,
    relapse: bool,
    count: int,
    horizon: int = 365,
) -> list[LabResult]:
    """Exactly count results (count >= 12) in time order, starting with the day-0 panel;
    the follow-up visits spread to about day horizon."""
    cat = analytes()
    tau = rng.uniform(8, 30)  # days for muscle activity to fall by 1/e under treatment
    relapse_day = rng.randint(150, 420) if relapse else None
    amyopathic = rng.random() < 0.12
    ck0 = (
        rng.uniform(80, 400)
        if amyopathic
        else math.exp(rng.uniform(math.log(600), math.log(25000)))
    )
    ck_norm = rng.uniform(50, 160)
    base = {
        "CK": ck0,
        "myoglobin": max(40.0, min(8000.0, ck0 * rng.uniform(0.08, 0.25))),
        "aldolase": min(150.0, 3 + ck0 / rng.uniform(300, 900)),
        "LDH": min(4500.0, 200 + ck0 / rng.uniform(8, 20)),
        "AST": min(4000.0, 25 + ck0 / rng.uniform(20, 60)),
        "ALT": min(4000.0, 20 + ck0 / rng.uniform(50, 120)),
        "CRP": min(25.0, math.exp(rng.gauss(0.0, 1.0))),
        "ESR": rng.uniform(25, 100),
    }
    floor = {
        "CK": ck_norm,
        "myoglobin": rng.uniform(15, 45),
        "aldolase": rng.uniform(2.0, 4.0),
        "LDH": rng.uniform(150, 210),
        "AST": rng.uniform(15, 28),
        "ALT": rng.uniform(10, 25),
        "CRP": rng.uniform(0.005, 0.08),
        "ESR": rng.uniform(5, 15),
    }
    for m in markers:
        ref = cat[m].paper_ref_high
        raised = rng.random() < 0.75
        base[m] = ref * (rng.uniform(1.3, _MARKER_RAISED[m]) if raised else rng.uniform(0.3, 0.9))
        floor[m] = ref * rng.uniform(0.1, 0.6)

    def activity(day: int) -> float:
        """Myositis activity, 1 at day 0."""
        a = math.exp(-max(day, 0) / tau) if day >= 0 else 0.7
        if relapse_day is not None and day > relapse_day:
            a += 0.6 * math.exp(-(day - relapse_day) / 60)
        return a

    def burden(day: int) -> float:
        """Tumour burden, 1 until treatment."""
        if chemo_day is None or day <= chemo_day:
            b = 1.0 if chemo_day is not None or day < 30 else 0.4
        else:
            b = 0.15 + 0.85 * math.exp(-(day - chemo_day) / 40)
        if relapse_day is not None and day > relapse_day:
            b += 0.9 * (1 - math.exp(-(day - relapse_day) / 60))
        return b

    # per analyte: base, floor, unit, upper reference limit, ceiling, detection limit
    spec = {
        name: (
            base[name],
            floor[name],
            cat[name].default_unit,
            cat[name].paper_ref_high,
            from_canonical(name, cat[name].soft_max, cat[name].default_unit),  # its unit
            DETECTION_LIMIT.get(name, 0.0),
        )
        for name in base
    }
    random_ = rng.random

    def result(analyte: str, day: int, level: float, precision=Precision.EXACT) -> LabResult:
        b, f, unit, ref_high, ceiling, limit = spec[analyte]
        value = (f + (b - f) * level) * NOISE[int(random_() * _NOISE_STEPS)]
        if value > ceiling:
            value = ceiling
        comparator = ""
        if value < limit:
            comparator, value = "<", limit
        else:
            value = round(value, _DECIMALS.get(analyte, 2 if value < 10 else 1))
        return LabResult(analyte, value, unit, day, precision, comparator, None, ref_high)

    out: list[LabResult] = []
    if rng.random() < 0.3:  # a referral CK before admission
        out.append(result("CK", -rng.randint(7, 30), 0.7, Precision.APPROXIMATE))
    for name in ("CK", "myoglobin", "aldolase", *_ENZYMES):
        out.append(result(name, 0, 1.0))
    out.append(result("CRP", 0, 1.0))
    out.append(result("ESR", 0, 1.0))
    for m in markers:
        out.append(result(m, 0, 1.0))
    # visit k of n on day horizon * (k / n) ** 1.7: weekly at first, months apart later
    n = max(3, round((count - len(out)) / LABS_PER_VISIT))
    planned = iter(sorted({max(2, round(horizon * (k / n) ** 1.7)) for k in range(1, n + 1)}))
    day = 0
    while len(out) < count:
        plan = next(planned, None)
        plan = plan if plan is not None else day + rng.choice((28, 42, 56))
        day = max(day + 1, plan + rng.randint(-2, 2))
        a, b = activity(day), burden(day)
        # inflammation follows the myositis and, less, the tumour left after treatment
        inflammation = 0.6 * a + 0.4 * max(0.0, b - 0.15)
        precision = Precision.APPROXIMATE if rng.random() < 0.03 else Precision.EXACT
        visit = [result("CK", day, a, precision)]
        if rng.random() < 0.7:
            visit.append(result("CRP", day, inflammation, precision))
        if rng.random() < 0.35:
            visit.extend(result(n, day, a, precision) for n in _ENZYMES)
        if rng.random() < 0.35:
            visit.append(result("myoglobin", day, a, precision))
        if rng.random() < 0.2:
            visit.append(result("aldolase", day, a, precision))
        if rng.random() < 0.25:
            visit.append(result("ESR", day, inflammation, precision))
        if day >= 21 and rng.random() < 0.3:
            visit.extend(result(m, day, b, precision) for m in markers)
        out.extend(visit)
    return out[:count]


SKIN_SIGNS = (
    "Gottron's papules and heliotrope rash",
    "Heliotrope rash",
    "Gottron's sign, V-neck and shawl signs",
    "Heliotrope rash, periungual erythema",
    "Gottron's papules, mechanic's hands",
)


def steroid_course(rng: random.Random, weight: float) -> list[SteroidStep]:
    """An initial dose of about 1 mg/kg/day held 2-4 weeks, then a taper to maintenance."""
    steps: list[SteroidStep] = []
    day = 0
    if rng.random() < 0.12:  # methylprednisolone pulse first
        pulse = rng.choice((500.0, 1000.0))
        steps.append(SteroidStep("methylprednisolone", pulse, from_day=0, route="IV", note="pulse"))
        day = 3
    if rng.random() < 0.08:
        drug, dose = "methylprednisolone", float(min(64, 8 * round(weight * 0.8 / 8)))
    else:
        drug, dose = "prednisolone", float(min(80, max(30, 5 * round(weight / 5))))
    steps.append(SteroidStep(drug, dose, from_day=day, route="oral"))
    day += rng.randint(14, 28)
    maintenance = rng.choice((5.0, 7.5, 10.0)) * (0.8 if drug == "methylprednisolone" else 1.0)
    while dose > maintenance and len(steps) < 14:
        cut = max(dose * rng.uniform(0.1, 0.2), 2.5 if dose > 20 else 1.0)
        dose = max(maintenance, round_dose(dose - cut))
        steps.append(SteroidStep(drug, dose, from_day=day, route="oral"))
        day += rng.choice((14, 14, 21, 28))
    for prev, nxt in zip(steps, steps[1:], strict=False):
        prev.to_day, prev.to_precision = nxt.from_day - 1, Precision.EXACT
    return steps


def round_dose(dose: float) -> float:
    """To tablet-sized steps: 5 mg above 20 mg/day, 2.5 mg above 10, else 1 mg."""
    step = 5.0 if dose > 20 else 2.5 if dose > 10 else 1.0
    return max(1.0, step * math.floor(dose / step + 0.5))


def assessments(rng: random.Random, last_day: int) -> list[Assessment]:
    """MRC grades improving over the first three months, skin signs and dysphagia."""
    upper = rng.choice(("2", "3", "3", "4"))
    lower = rng.choice(("2", "3", "3", "4"))
    out = [
        Assessment(AssessmentKind.MRC_UPPER, upper, 0),
        Assessment(AssessmentKind.MRC_LOWER, lower, 0),
        Assessment(AssessmentKind.SKIN, rng.choice(SKIN_SIGNS), 0),
    ]
    for day in (14, 30, 90):
        if day > last_day:
            break
        upper = str(min(5, int(upper) + rng.choice((0, 1, 1))))
        lower = str(min(5, int(lower) + rng.choice((0, 1, 1))))
        out.append(Assessment(AssessmentKind.MRC_UPPER, upper, day))
        out.append(Assessment(AssessmentKind.MRC_LOWER, lower, day))
    out.append(
        Assessment(
            AssessmentKind.SKIN,
            rng.choice(("Improved", "Unchanged", "Resolved")),
            min(60, last_day),
        )
    )
    if rng.random() < 0.3:
        out.append(Assessment(AssessmentKind.DYSPHAGIA, rng.choice(("Mild", "Severe")), 0))
        out.append(Assessment(AssessmentKind.DYSPHAGIA, "Improved", min(21, last_day)))
    return out
