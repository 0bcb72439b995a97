"""The course chart's description (domain/chart.py), computed without Qt."""

from __future__ import annotations

import math

import pytest

from domain.chart import PointKind, course_chart, short_reference
from domain.chart_axis import XAxisMode
from domain.model import (
    Case,
    Cycle,
    LabResult,
    Precision,
    Qualitative,
    Regimen,
    SteroidStep,
    Treatment,
    TreatmentKind,
)
from domain.table import COLUMNS, table_row
from storage.seed import paper_cases

EXACT, APPROX = Precision.EXACT, Precision.APPROXIMATE


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return paper_cases()


@pytest.fixture(scope="module")
def index(cases) -> Case:
    return next(c for c in cases if c.reference_number == "Our case")


def ck(value, day, comparator="", precision=EXACT, ref_high=248.0):
    return LabResult("CK", value, "IU/L", day, precision, comparator, ref_high=ref_high)


def test_index_case_ck_falls_from_15242_to_226_to_54(index):
    d = course_chart(index)
    assert d.has_course and d.no_course is None
    (series,) = d.series
    assert series.analyte == "CK" and series.unit == "IU/L" and series.uln == 248
    assert [(p.day, p.value, p.precision) for p in series.points] == [
        (0, 15242, EXACT),
        (14, 226, APPROX),
        (29, 54, APPROX),
    ]
    assert [p.approximate for p in series.points] == [False, True, True]
    assert all(p.kind == PointKind.MEASURED for p in series.points)
    assert d.left.scale == "raw" and d.left.title == "CK (IU/L)"
    assert d.left.y_min < 54 and d.left.y_max > 15242
    assert "CK 15,242 IU/L on day 0" in series.points[0].hover
    assert "about day 14" in series.points[1].hover


def test_index_case_dose_70_then_55_tapered_to_15_and_10_then_7_at_follow_up(index):
    d = course_chart(index)
    # only the 70 mg/day is held over stated days (to day 14 inclusive, so to 15)
    assert [(s.x0, s.x1, s.pred_eq) for s in d.dose_segments] == [(0, 15, 70)]
    # 55 from day 15, tapered to 15 and 10 on schedules not given, then 7 at the time of
    # writing: unknown stretches between the known points, never a flat dose
    assert [(u.x0, u.y0, u.x1, u.y1) for u in d.dose_unknown] == [
        (15, 55, 90, 15),
        (90, 15, 180, 10),
        (180, 10, 255, 7),
    ]
    assert "schedule not given" in d.dose_unknown[0].hover
    assert "when it changed is not given" in d.dose_unknown[-1].hover
    assert [(m.day, m.pred_eq, m.precision) for m in d.dose_marks] == [
        (0, 70, APPROX),
        (15, 55, EXACT),
        (90, 15, APPROX),
        (180, 10, APPROX),
        (255, 7, APPROX),
    ]
    assert "prednisolone 55 mg/day" in d.dose_marks[1].hover
    assert d.dose_marks[-1].hover.startswith("Dose at follow-up: prednisolone 7 mg/day")
    assert d.dose_max == 70
    xs, _ys = d.unknown_line()
    assert [x for x in xs if not math.isnan(x)] == [15, 90, 90, 180, 180, 255]
    assert sum(math.isnan(x) for x in xs) == 3  # three separate dashed stretches


def test_a_step_whose_dose_is_not_stated_is_a_lane_mark_not_a_dose():
    c = Case("no dose", steroid_steps=[SteroidStep("corticosteroid", None, from_day=0)],
             labs=[ck(5000, 0)])
    d = course_chart(c)
    assert d.dose_segments == () and d.dose_unknown == ()
    (mark,) = [m for m in d.lane_marks if m.row == "Steroid"]
    assert (mark.label, mark.x1) == ("?", None)
    assert "corticosteroid (drug not specified) dose not stated" in mark.hover


def test_a_start_only_bounded_is_an_unknown_stretch_then_the_dose():
    step = SteroidStep("prednisolone", 40, from_day=0, from_day_latest=60,
                       from_precision=APPROX)
    d = course_chart(Case("bounded", steroid_steps=[step], labs=[ck(900, 0), ck(100, 90)]))
    (u,) = d.dose_unknown
    assert (u.x0, u.y0, u.x1, u.y1) == (0, 40, 60, 40)
    assert "started between day 0 and day 60" in u.hover
    assert d.dose_segments[0].x0 == 60


def test_results_in_words_and_death_are_marked_in_lanes():
    lab = LabResult("CK", None, "IU/L", day=30, qualitative=Qualitative.NORMALIZED)
    c = Case("words", labs=[ck(9000, 0), lab])
    c.outcome.death_day, c.outcome.death_precision = 120, APPROX
    c.outcome.final_outcome = "Dead"
    d = course_chart(c)
    marks = {(m.row, m.label, m.x0) for m in d.lane_marks}
    assert ("Labs (in words)", "N", 30) in marks  # a tag; the hover says it in words
    assert ("Outcome", "†", 120) in marks
    hovers = [m.hover for m in d.lane_marks]
    assert "CK normalized (no value given), about day 30" not in hovers  # day 30 is exact
    assert "CK normalized (no value given), day 30" in hovers
    assert "Death, about day 120" in hovers
    assert d.x.x_max > 120


def test_index_case_four_chemotherapy_cycles_from_day_15(index):
    d = course_chart(index)
    assert d.lane_rows == ("Chemotherapy",)
    marks = [(m.label, m.x0, m.precision) for m in d.lane_marks if m.row == "Chemotherapy"]
    assert marks == [("C1", 15, EXACT), ("C2", 45, APPROX), ("C3", 75, APPROX), ("C4", 105, APPROX)]
    assert all(m.x1 is None for m in d.lane_marks)
    assert "Carboplatin + etoposide, cycle 1, day 15" == d.lane_marks[0].hover


def test_index_case_time_axis_in_days_with_monthly_ticks(index):
    d = course_chart(index)
    assert d.x.mode == XAxisMode.DAYS and d.x.title == "Days from day 0"
    assert d.x.x_min < 0 < 255 < d.x.x_max
    assert [x for x, _ in d.x.major][:4] == [0, 30, 60, 90]
    assert d.title == "Takashima 2017 (index case)"
    assert d.subtitle == "Takashima et al. Intern Med 56: 719-724, 2017"


def test_methylprednisolone_and_dexamethasone_are_converted_keeping_the_real_dose():
    case = Case(
        label="conversion",
        steroid_steps=[
            SteroidStep("methylprednisolone", 40, from_day=0, to_day=6),
            SteroidStep("dexamethasone", 6, from_day=7),
            SteroidStep("prednisolone", 30, from_day=21),
        ],
    )
    d = course_chart(case)
    assert [(s.x0, s.x1, s.pred_eq) for s in d.dose_segments[:2]] == [(0, 7, 50.0), (7, 21, 40.0)]
    assert "methylprednisolone 40 mg/day" in d.dose_segments[0].hover
    assert "(= 50 mg/day prednisolone-equivalent)" in d.dose_segments[0].hover
    assert "dexamethasone 6 mg/day" in d.dose_segments[1].hover
    assert "(= 40 mg/day prednisolone-equivalent)" in d.dose_segments[1].hover


def test_a_step_without_end_runs_to_the_next_and_a_gap_breaks_the_line():
    case = Case(
        label="gaps",
        steroid_steps=[
            SteroidStep("prednisolone", 60, from_day=0),  # until day 10
            SteroidStep("prednisolone", 40, from_day=10, to_day=19),  # then nothing recorded
            SteroidStep("prednisolone", 20, from_day=30),
        ],
    )
    d = course_chart(case)
    assert [(s.x0, s.x1, s.pred_eq) for s in d.dose_segments[:2]] == [(0, 10, 60), (10, 20, 40)]
    assert d.dose_segments[2].x0 == 30
    xs, ys = d.dose_line()
    gap = xs.index(next(x for x in xs if math.isnan(x)))
    assert xs[gap - 1] == 20 and xs[gap + 1] == 30  # no dose drawn (not zero) for days 20-29


def test_overlapping_steps_are_summed_and_iv_pulses_go_to_the_lane():
    case = Case(
        label="overlap",
        steroid_steps=[
            SteroidStep("methylprednisolone", 1000, route="IV", from_day=0, to_day=2),
            SteroidStep("prednisolone", 50, from_day=3, to_day=30),
            SteroidStep("dexamethasone", 3, from_day=10, to_day=12),
            SteroidStep("corticosteroid", 30, from_day=40, to_day=50),
        ],
    )
    d = course_chart(case)
    assert [(s.x0, s.x1, s.pred_eq) for s in d.dose_segments] == [
        (3, 10, 50),
        (10, 13, 70),  # 50 + 3 mg dexamethasone (20 prednisolone-equivalent)
        (13, 31, 50),
    ]
    assert "total 70 mg/day" in d.dose_segments[1].hover
    assert d.dose_max == 70  # the 1250 mg pulse does not flatten the line
    rows = {m.row: m for m in d.lane_marks}
    assert (
        rows["Steroid pulse"].x0 == 0
        and "methylprednisolone 1000 mg/day IV" in rows["Steroid pulse"].hover
    )
    assert "no prednisolone equivalence" in rows["Steroid"].hover


def test_censored_and_zero_ck_on_the_log_axis():
    case = Case(
        label="censored", labs=[ck(1200, 0), ck(5, 10, "<"), ck(0, 20), ck(500000, 30, ">")]
    )
    d = course_chart(case)
    kinds = [(p.day, p.kind) for p in d.series[0].points]
    assert kinds == [
        (0, PointKind.MEASURED),
        (10, PointKind.BELOW_LIMIT),
        (20, PointKind.ZERO),
        (30, PointKind.ABOVE_LIMIT),
    ]
    below, zero, above = d.series[0].points[1:]
    assert below.y == 5 and "<5 IU/L" in below.hover and "drawn at 5" in below.hover
    # zero sits on the axis floor: inside the visible range, below every real value
    assert zero.y == d.left.floor and d.left.y_min < zero.y < 5
    assert "drawn on the axis floor" in zero.hover
    assert above.y == 500000 and "above the reporting limit" in above.hover
    assert d.left.y_max > 500000


def test_several_analytes_share_an_axis_as_multiples_of_their_limit(index):
    d = course_chart(index, ["CK", "myoglobin", "CRP"])
    assert d.left.scale == "xuln" and "× ULN" in d.left.title
    by = {s.analyte: s for s in d.series}
    assert set(by) == {"CK", "myoglobin", "CRP"}
    assert by["CK"].points[0].y == pytest.approx(15242 / 248)
    assert by["myoglobin"].points[0].y == pytest.approx(2504 / 73)
    assert by["CRP"].points[0].y == pytest.approx(2.53 / 0.14)
    assert [k for k, _ in d.available_analytes] == ["CK", "myoglobin", "aldolase", "CRP", "ESR"]


def test_results_without_a_limit_are_left_out_of_the_multiple_view_and_said_so():
    case = Case(
        label="no limit",
        labs=[ck(900, 0), LabResult("LDH", 700, "U/L", 0), ck(300, 7)],
    )
    d = course_chart(case, ["CK", "LDH"])
    assert [s.analyte for s in d.series] == ["CK"]
    assert any("LDH" in n and "without an upper normal limit" in n for n in d.notes)


def test_a_literature_case_has_no_course_but_its_table_facts(cases):
    lit = cases[1]
    d = course_chart(lit)
    assert not d.has_course
    assert "No time course is recorded" in d.no_course.message
    assert d.no_course.facts == tuple(zip(COLUMNS, table_row(lit), strict=True))
    assert ("Initial treatments", "PSL (60 mg), chemotherapy") in d.no_course.facts


def test_long_courses_get_week_or_month_ticks_and_dates_when_day0_has_one():
    case = Case(label="long", labs=[ck(5000, 0), ck(300, 500)])
    assert course_chart(case).x.mode == XAxisMode.WEEKS
    months = course_chart(case, x_mode=XAxisMode.MONTHS).x
    assert months.title.startswith("Months") and ("180", "6") in [
        (f"{x:g}", t) for x, t in months.major
    ]
    case.labs.append(ck(200, 900))
    assert course_chart(case).x.mode == XAxisMode.MONTHS
    case.day0_date = "2016-03-05"
    dated = course_chart(case).x
    assert dated.mode == XAxisMode.DATES and dated.title == "Date (day 0 = 2016-03-05)"
    assert (
        dated.major[0][1].endswith("2016")
        and "on day 0 (2016-03-05)" in course_chart(case).series[0].points[0].hover
    )
    assert course_chart(case, allow_dates=False).x.mode == XAxisMode.MONTHS  # exports


def test_treatments_are_spans_or_marks_in_their_rows():
    case = Case(
        label="lane",
        labs=[ck(3000, 0)],
        regimens=[Regimen("A", cycles=[Cycle(1, 5)]), Regimen("B", cycles=[Cycle(1, 60, APPROX)])],
        treatments=[
            Treatment(TreatmentKind.IVIG, "IVIg", start_day=3, end_day=7),
            Treatment(TreatmentKind.IMMUNOSUPPRESSANT, "Tacrolimus", start_day=20),
            Treatment(TreatmentKind.SURGERY, "Lobectomy", start_day=40),
            Treatment(TreatmentKind.RADIOTHERAPY, "RT", start_day=None),
        ],
    )
    d = course_chart(case)
    assert d.lane_rows == (
        "Chemotherapy 1",
        "Chemotherapy 2",
        "IVIg",
        "Immunosuppressant",
        "Surgery",
    )
    by = {m.row: m for m in d.lane_marks}
    assert (by["IVIg"].x0, by["IVIg"].x1) == (3, 8)
    assert by["Immunosuppressant"].open_end and by["Immunosuppressant"].x1 == d.x.x_max
    assert by["Surgery"].x1 is None
    assert any("without a day" in n for n in d.notes)


def test_short_reference():
    assert short_reference("Williams RT. Carcinoma of the bronchus. BMJ 1: 233-236, 1963.") == (
        "Williams BMJ 1: 233-236, 1963"
    )


def test_ticking_analytes_without_upper_limits_never_blanks_the_plot():
    no_uln = [LabResult("CK", v, "IU/L", day=d) for v, d in ((5000, 0), (300, 10))]
    no_uln += [LabResult("myoglobin", v, "ng/mL", day=d) for v, d in ((900, 0), (80, 10))]
    d = course_chart(Case("no limits", labs=no_uln), ["CK", "myoglobin"])
    assert [s.name for s in d.series] == ["CK"] and d.left.scale == "raw"
    assert any("Myoglobin not drawn" in n for n in d.notes)
    # one analyte with limits: it is drawn as x ULN, the other is named as left out
    mixed = [ck(5000, 0), ck(300, 10), *no_uln[2:]]
    d = course_chart(Case("mixed", labs=mixed), ["CK", "myoglobin"])
    assert [s.name for s in d.series] == ["CK"] and d.left.scale == "xuln"
    assert any("Myoglobin: 2 result(s) without an upper normal limit" in n for n in d.notes)
