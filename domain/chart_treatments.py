"""Steroid step line and treatment-lane marks of a course chart (pure Python)."""

from __future__ import annotations

from .catalogue import drugs
from .chart_axis import XAxis
from .chart_types import DoseMark, DoseSegment, DoseUnknown, LaneMark, number_text, when_text
from .model import NOT_SPECIFIED, Case, Precision, StepOnset, SteroidStep, TreatmentKind
from .steroids import step_pred_equivalent
from .vocabulary import LANE_OF_KIND, STEROID_PULSE_LANE, regimen_lane

PULSE_MIN_PRED_EQ = 250.0  # mg/day prednisolone-equivalent, given IV: drawn as a lane mark
# units that mean the same thing (international units and units of enzyme activity)


def _start(s: SteroidStep) -> int:
    """The first day a step is known to be on: the later bound of a bounded start."""
    return s.from_day if s.from_day_latest is None else s.from_day_latest


def _steroid_intervals(
    steps: list[SteroidStep], x_end: float
) -> list[tuple[float, float, SteroidStep, bool]]:
    timed = sorted((s for s in steps if s.from_day is not None), key=_start)
    out = []
    for i, s in enumerate(timed):
        later = [t for t in timed[i + 1 :] if _start(t) > _start(s)]
        if s.to_day is not None:  # to_day is the last day on this dose
            out.append((float(_start(s)), float(s.to_day + 1), s, False))
        elif later and later[0].onset == StepOnset.TAPER:
            # tapered to the next dose on a schedule not given: known on its start day only
            out.append((float(_start(s)), float(_start(s)), s, False))
        elif later:
            out.append((float(_start(s)), float(_start(later[0])), s, False))
        else:
            out.append((float(_start(s)), max(x_end, _start(s) + 1.0), s, True))
    return out


def _is_pulse(step: SteroidStep, eq: float) -> bool:
    route = step.route.casefold()
    return eq >= PULSE_MIN_PRED_EQ and ("iv" in route.split() or "intravenous" in route)


def _drug_words(step: SteroidStep) -> str:
    d = drugs().get(step.drug)
    if d is None:
        return step.drug
    if d.pred_eq_factor is None:
        return "corticosteroid (drug not specified)"
    return d.name.lower()


def _step_text(step: SteroidStep, eq: float | None) -> str:
    dose = "dose not stated" if step.dose is None else f"{number_text(step.dose)} {step.unit}"
    text = f"{_drug_words(step)} {dose} {step.route}".strip()
    if eq is not None and step.drug != "prednisolone":
        text += f" (= {number_text(eq)} mg/day prednisolone-equivalent)"
    return text


def steroid_line(case: Case, axis: XAxis, x_end: float, notes: list[str], lane: list[LaneMark]):
    if any(s.from_day is None for s in case.steroid_steps):
        n = sum(s.from_day is None for s in case.steroid_steps)
        notes.append(f"{n} steroid step(s) without a start day not drawn.")
    line, marks = [], []
    unknown: list[DoseUnknown] = []
    if any(s.dose is None and s.from_day is not None for s in case.steroid_steps):
        notes.append("?: a steroid given on that day, dose not stated (not in the dose line).")
    intervals = _steroid_intervals(case.steroid_steps, x_end)
    fu = _followup_dose(case, axis)
    if fu is not None and intervals and intervals[-1][3] and intervals[-1][0] < fu.day:
        x0, _x1, step, _ = intervals[-1]  # the last step runs until the change, not given
        intervals[-1] = (x0, x0, step, False)
    for x0, x1, step, open_end in intervals:
        eq = step_pred_equivalent(step)
        if step.dose is None:
            lane.append(
                LaneMark(
                    LANE_OF_KIND[TreatmentKind.STEROID],
                    "?",  # a tag on its start day: neither dose nor how long is given
                    x0,
                    None,
                    step.from_precision,
                    False,
                    f"{_step_text(step, None)}, from {when_text(x0, step.from_precision, axis)}"
                    " (dose not stated, so not in the dose line)",
                )
            )
            continue
        span = f"{when_text(x0, step.from_precision, axis)} to " + (
            "the end of the chart"
            if open_end
            else f"{when_text(x1 - 1, step.to_precision if step.to_day is not None else Precision.EXACT, axis)}"
        )
        if eq is None or _is_pulse(step, eq):
            row = STEROID_PULSE_LANE if eq is not None else LANE_OF_KIND[TreatmentKind.STEROID]
            why = (
                "IV pulse, shown here so the dose line keeps its scale"
                if eq is not None
                else "no prednisolone equivalence, so not in the dose line"
            )
            lane.append(
                LaneMark(
                    row,
                    "",
                    x0,
                    x1 if x1 - x0 > 1 else None,
                    step.from_precision,
                    open_end,
                    f"{_step_text(step, eq)}, {span} ({why})",
                )
            )
            continue
        line.append((x0, x1, eq, open_end, step))
        if step.from_day_latest is not None:
            unknown.append(
                DoseUnknown(
                    float(step.from_day), eq, x0, eq,
                    f"{_step_text(step, eq)}: started between {axis.day_text(step.from_day)}"
                    f" and {axis.day_text(step.from_day_latest)} (day not given)",
                )
            )
        marks.append(
            DoseMark(
                x0,
                eq,
                step.from_precision,
                f"{_step_text(step, eq)} from {when_text(x0, step.from_precision, axis)}",
            )
        )
    cuts = sorted({x for x0, x1, *_ in line for x in (x0, x1)})
    segments: list[DoseSegment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [i for i in line if i[0] <= a and i[1] >= b]
        if not active:
            continue
        total = round(sum(i[2] for i in active), 2)
        words = " + ".join(_step_text(i[4], i[2]) for i in active)
        span = f"{axis.day_text(a)} to " + (
            "the end of the chart" if any(i[3] for i in active) else axis.day_text(b - 1)
        )
        hover = f"Steroid {span}: {words}"
        if len(active) > 1:
            hover += f"; total {number_text(total)} mg/day prednisolone-equivalent"
        prev = segments[-1] if segments else None
        if (
            prev
            and prev.x1 == a
            and prev.pred_eq == total
            and prev.hover.split(": ", 1)[1] == hover.split(": ", 1)[1]
        ):
            segments[-1] = DoseSegment(prev.x0, b, total, any(i[3] for i in active), prev.hover)
            continue
        segments.append(DoseSegment(a, b, total, any(i[3] for i in active), hover))
    totals = {}
    for m in marks:  # the marker sits on the line: at the day's total dose
        totals[m.day] = next((s.pred_eq for s in segments if s.x0 <= m.day < s.x1), m.pred_eq)
    marks = [DoseMark(m.day, totals[m.day], m.precision, m.hover) for m in marks]
    ends = [(i[1], i[2], i[4]) for i in line]  # (where each known dose ends, dose, step)
    for (end, dose, prev), (x0, _x1, eq, _o, step) in zip(ends, line[1:], strict=False):
        if step.onset == StepOnset.TAPER:
            unknown.append(
                DoseUnknown(
                    end, dose, x0, eq,
                    f"Taper from {_step_text(prev, dose)} to {_step_text(step, eq)}, "
                    f"{axis.day_text(end)} to {when_text(x0, step.from_precision, axis)}: "
                    "schedule not given",
                )
            )
    if fu is not None:
        marks.append(fu)
        if ends and ends[-1][0] <= fu.day:
            end, dose, prev = ends[-1]
            unknown.append(
                DoseUnknown(
                    end, dose, fu.day, fu.pred_eq,
                    f"From {_step_text(prev, dose)} to the dose at follow-up: when it "
                    "changed is not given",
                )
            )
    return segments, marks, unknown


def _followup_dose(case: Case, axis: XAxis) -> DoseMark | None:
    """The steroid dose at follow-up as a mark on its day (not a step: its start is not
    given); None when there is no such dose, no day or no prednisolone equivalence."""
    o = case.outcome
    if o.followup_dose is None or o.followup_day is None:
        return None
    eq = step_pred_equivalent(SteroidStep(o.followup_drug, o.followup_dose))
    if eq is None:
        return None
    name = _drug_words(SteroidStep(o.followup_drug, o.followup_dose))
    return DoseMark(
        float(o.followup_day),
        eq,
        o.followup_precision,
        f"Dose at follow-up: {name} {number_text(o.followup_dose)} mg/day on "
        f"{when_text(o.followup_day, o.followup_precision, axis)} (since when is not given)",
    )


def treatment_marks(case: Case, axis: XAxis, x_end: float, notes: list[str]) -> list[LaneMark]:
    out: list[LaneMark] = []
    undated = 0
    several = len(case.regimens) > 1
    for n, reg in enumerate(case.regimens, 1):
        row = regimen_lane(n, several)
        for c in reg.cycles:
            if c.day is None:
                undated += 1
                continue
            out.append(
                LaneMark(
                    row,
                    f"C{c.number}",
                    float(c.day),
                    None,
                    c.precision,
                    False,
                    f"{reg.name}, cycle {c.number}, {when_text(c.day, c.precision, axis)}",
                )
            )
    for t in case.treatments:
        if t.start_day is None:
            undated += 1
            continue
        row = LANE_OF_KIND[t.kind]
        what = t.name + (f" ({t.detail})" if t.detail else "")
        start = when_text(t.start_day, t.start_precision, axis)
        if t.end_day is not None and t.end_day > t.start_day:
            hover = f"{what}, {start} to {when_text(t.end_day, t.end_precision, axis)}"
            out.append(
                LaneMark(
                    row,
                    t.name,
                    float(t.start_day),
                    float(t.end_day + 1),
                    t.start_precision,
                    False,
                    hover,
                )
            )
        elif t.end_day is None and t.kind == TreatmentKind.IMMUNOSUPPRESSANT:
            hover = f"{what}, from {start}; end not recorded (drawn to the end of the chart)"
            out.append(
                LaneMark(row, t.name, float(t.start_day), x_end, t.start_precision, True, hover)
            )
        else:
            out.append(
                LaneMark(
                    row,
                    t.name,
                    float(t.start_day),
                    None,
                    t.start_precision,
                    False,
                    f"{what}, {start}",
                )
            )
    if undated:
        notes.append(f"{undated} treatment(s) or cycle(s) without a day not drawn.")
    no_cycles = [r for r in case.regimens if not r.cycles]
    if no_cycles:
        names = ", ".join("regimen not stated" if r.name == NOT_SPECIFIED else r.name
                          for r in no_cycles)
        notes.append(f"{len(no_cycles)} regimen(s) with no cycle recorded not drawn ({names}).")
    return out
