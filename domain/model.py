"""A dermatomyositis case and everything recorded in it (pure data, no Qt, no SQL).

Time is a day number relative to the case's day 0 with a precision: exact, approximate,
or "not specified" (then the day is None). "Not specified" is a value: text fields that a
source leaves open hold NOT_SPECIFIED, never a blank; None means "not entered yet".
"""

from __future__ import annotations

import math
import uuid as _uuid
from dataclasses import dataclass, field
from decimal import Decimal

from .model_enums import (
    AntibodyStatus,
    AssessmentKind,
    CycleCount,
    InitialTreatmentsStatus,
    MmtSide,
    Precision,
    Presence,
    Qualitative,
    Sex,
    SmokingStatus,
    StepOnset,
    TreatmentKind,
)

NOT_SPECIFIED = "not specified"


@dataclass(frozen=True)
class Source:
    """Where a preloaded fact comes from: the reference and the sentence or Table cell."""

    reference: str
    locator: str
    quote: str


@dataclass
class LabResult:
    analyte: str
    value: float | None
    unit: str
    day: int | None = None
    precision: Precision = Precision.EXACT
    comparator: str = ""  # "", "<", ">", "<=", ">="
    ref_low: float | None = None
    ref_high: float | None = None
    note: str = ""
    source: Source | None = None
    qualitative: Qualitative = Qualitative.NONE  # "normalized", "elevated": no number given

    @property
    def flag(self) -> str:
        """H, L or '' from the lab's reference limits (a censored value counts at its limit).

        An upper limit printed "normal, <248" makes 248 itself high.
        """
        if self.value is None:
            return ""
        v, c = self.value, self.comparator
        if self.ref_high is not None and (
            v >= self.ref_high or (c in (">", ">=") and v >= self.ref_high)
        ):
            return "H"
        if self.ref_low is not None and (
            v < self.ref_low or (c in ("<", "<=") and v <= self.ref_low)
        ):
            return "L"
        return ""

    @property
    def value_text(self) -> str:
        if self.value is None:
            return self.qualitative.value or NOT_SPECIFIED
        return f"{self.comparator}{format_number(self.value)}"


@dataclass
class AntibodyResult:
    antibody: str
    status: AntibodyStatus
    titre: str = ""  # "1:80"
    pattern: str = ""
    method: str = ""
    day: int | None = None
    precision: Precision = Precision.NOT_SPECIFIED
    note: str = ""
    source: Source | None = None


@dataclass
class SteroidStep:
    """One step of a glucocorticoid course: a daily dose held from one day to another.

    dose None: the source does not state it. drug "corticosteroid": not named. A start
    only bounded ("between day 0 and day 60") is from_day .. from_day_latest. onset
    "taper": the dose was reached by a taper from the step before whose schedule the
    source does not give (drawn as an unknown stretch, never as a held dose).
    """

    drug: str
    dose: float | None
    unit: str = "mg/day"
    from_day: int | None = 0
    from_precision: Precision = Precision.EXACT
    to_day: int | None = None  # None: until the next step, or ongoing
    to_precision: Precision = Precision.NOT_SPECIFIED
    route: str = "oral"
    note: str = ""
    source: Source | None = None
    from_day_latest: int | None = None  # the start is between from_day and this day
    onset: StepOnset = StepOnset.STEP


@dataclass
class Agent:
    """An agent of a regimen: dose in mg, mg/m2, mg/kg or AUC (carboplatin), and the
    schedule as the source writes it ("days 1-3")."""

    drug: str
    dose: float | None = None
    unit: str = ""
    schedule: str = ""


@dataclass
class Cycle:
    number: int
    day: int | None
    precision: Precision = Precision.EXACT
    source: Source | None = None


@dataclass
class Regimen:
    """A chemotherapy regimen given in numbered cycles."""

    name: str
    agents: list[Agent] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    cycle_length_days: int | None = None  # None: the interval is not given
    note: str = ""
    source: Source | None = None
    schedule: str = ""  # as the source writes it: "every 3 weeks", "alternate days"
    cycle_count: int | None = None  # how many cycles the source says were given
    cycle_count_kind: CycleCount = CycleCount.NOT_GIVEN


@dataclass
class Treatment:
    """IVIg, immunosuppressants, radiotherapy, surgery and other treatments."""

    kind: TreatmentKind
    name: str
    start_day: int | None = None
    start_precision: Precision = Precision.EXACT
    end_day: int | None = None
    end_precision: Precision = Precision.NOT_SPECIFIED
    detail: str = ""
    source: Source | None = None
    site: str = ""  # radiotherapy: where; NOT_SPECIFIED when the source does not say
    dose: float | None = None  # radiotherapy: total dose in dose_unit; None: not given
    dose_unit: str = ""


@dataclass
class Assessment:
    """A timed clinical assessment: MRC grade by limb, skin signs, dysphagia."""

    kind: AssessmentKind
    value: str
    day: int | None = None
    precision: Precision = Precision.EXACT
    note: str = ""
    source: Source | None = None
    side: str = ""  # "left", "right" or "" (both, or not given)


@dataclass
class Finding:
    """An investigation and its result: imaging, endoscopy, EMG, biopsy, histology, IHC."""

    kind: str  # "imaging", "endoscopy", "emg", "biopsy", "ihc", "history", "examination"
    name: str
    result: str
    day: int | None = None
    precision: Precision = Precision.NOT_SPECIFIED
    source: Source | None = None


@dataclass
class CriteriaFacts:
    """What the classification and screening instruments read that no other part of a case
    holds (None: not recorded). Age, enzymes, anti-Jo-1 and dysphagia are derived from the
    case's age, labs, antibodies and assessments (domain/scores/facts.py), not asked again."""

    onset_age: int | None = None  # age at onset of the first symptom, years
    weak_prox_upper: Presence | None = None
    weak_prox_lower: Presence | None = None
    weak_neck_flexors: Presence | None = None  # neck flexors weaker than extensors
    weak_legs_prox_distal: Presence | None = None  # legs: proximal weaker than distal
    weak_finger_flexors: Presence | None = None
    heliotrope: Presence | None = None
    gottron_papules: Presence | None = None
    gottron_sign: Presence | None = None
    enzymes_raised: Presence | None = None  # only where no lab result with a limit says
    muscle_biopsy: Presence | None = None  # present: shows myositis
    bx_endomysial: Presence | None = None
    bx_perimysial: Presence | None = None
    bx_perifascicular: Presence | None = None
    bx_rimmed_vacuoles: Presence | None = None
    emg_myopathic: Presence | None = None
    other_cause: Presence | None = None  # another myopathy or a better explanation
    no_treatment_response: Presence | None = None
    skin_ulceration: Presence | None = None
    refractory_activity: Presence | None = None  # high activity despite immunosuppression
    ild: Presence | None = None


@dataclass
class CoreSetVisit:
    """One visit's IMACS core-set activity measures (MMT-8 by group, globals, HAQ)."""

    day: int | None = None
    precision: Precision = Precision.EXACT
    physician_global: float | None = None  # VAS 0-10 cm
    patient_global: float | None = None  # VAS 0-10 cm
    haq: float | None = None  # 0-3
    extramuscular_global: float | None = None  # VAS 0-10 cm
    mmt_side: MmtSide | None = None
    mmt_neck_flexors: int | None = None  # 0-10, tested once
    mmt_deltoid: int | None = None  # 0-10 one side, 0-20 both
    mmt_biceps: int | None = None
    mmt_wrist_extensors: int | None = None
    mmt_gluteus_maximus: int | None = None
    mmt_gluteus_medius: int | None = None
    mmt_quadriceps: int | None = None
    mmt_ankle_dorsiflexors: int | None = None
    note: str = ""
    source: Source | None = None

    @property
    def mmt8_grades(self) -> list[int | None]:
        return [getattr(self, f"mmt_{g}") for g in MMT8_GROUPS]

    @property
    def mmt8_total(self) -> int | None:
        """The MMT-8 total when all eight groups are graded, else None."""
        grades = self.mmt8_grades
        return None if any(g is None for g in grades) else sum(grades)

    @property
    def mmt8_maximum(self) -> int:
        return 150 if self.mmt_side == MmtSide.BOTH else 80


MMT8_GROUPS = (
    "neck_flexors", "deltoid", "biceps", "wrist_extensors", "gluteus_maximus",
    "gluteus_medius", "quadriceps", "ankle_dorsiflexors",
)


@dataclass
class InitialTreatmentItem:
    """One entry of the Table's 'Initial treatments' cell (e.g. PSL with dose '60 mg')."""

    kind: TreatmentKind
    drug: str = ""  # catalogue key for drugs ("prednisolone", "azathioprine", ...)
    dose_text: str = ""


@dataclass
class InitialTreatments:
    """Initial treatments as ordered steps; items within a step were listed together.

    status "given" with steps, "none" (the source says no treatment) or "not specified".
    [[PSL], [chemotherapy]] is "PSL→chemotherapy"; [[PSL, chemotherapy]] is
    "PSL, chemotherapy".
    """

    status: InitialTreatmentsStatus = InitialTreatmentsStatus.NOT_SPECIFIED
    steps: list[list[InitialTreatmentItem]] = field(default_factory=list)


@dataclass
class Diagnosis:
    criteria: str = ""  # "Bohan and Peter"; NOT_SPECIFIED: the source names none
    grade: str = ""  # "definite" / "probable" / "possible"
    findings: list[str] = field(default_factory=list)


@dataclass
class Tumour:
    type: str = NOT_SPECIFIED  # "SCLC", "LCNEC", "SCLC or LCNEC", other text
    site: str = ""
    size_mm: float | None = None
    stage: str = ""
    sampling: str = ""
    histology: str = ""
    metastases: list[str] = field(default_factory=list)  # sites; [] none recorded


@dataclass
class Outcome:
    response_cutaneous: str = NOT_SPECIFIED
    response_muscular: str = NOT_SPECIFIED
    final_outcome: str = NOT_SPECIFIED  # "Alive", "Dead", "Not known", or NOT_SPECIFIED
    followup_day: int | None = None
    followup_precision: Precision = Precision.NOT_SPECIFIED
    note: str = ""
    # the steroid dose at follow-up ("continuing to receive 7 mg/day at the time of
    # writing"): not a step, as the source does not say when it began
    followup_dose: float | None = None
    followup_drug: str = ""
    death_day: int | None = None
    death_precision: Precision = Precision.NOT_SPECIFIED


@dataclass
class Case:
    label: str
    age: int | None = None
    sex: Sex = Sex.NOT_SPECIFIED
    reference_number: str = ""  # the paper's reference number, e.g. "20"
    citation: str = ""
    smoking_status: SmokingStatus = SmokingStatus.NOT_SPECIFIED
    cigarettes_per_day: float | None = None
    smoking_years: float | None = None
    pack_years: float | None = None
    occupation: str = ""
    history: str = ""
    presenting_signs: list[str] = field(default_factory=list)  # "fever", "arthralgia"
    day0_meaning: str = ""
    day0_date: str = ""  # ISO date or ""
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    tumour: Tumour = field(default_factory=Tumour)
    initial_treatments: InitialTreatments = field(default_factory=InitialTreatments)
    outcome: Outcome = field(default_factory=Outcome)
    labs: list[LabResult] = field(default_factory=list)
    antibodies: list[AntibodyResult] = field(default_factory=list)
    steroid_steps: list[SteroidStep] = field(default_factory=list)
    regimens: list[Regimen] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    criteria: CriteriaFacts = field(default_factory=CriteriaFacts)
    core_set_visits: list[CoreSetVisit] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)  # case-level field -> source
    notes: str = ""
    id: int | None = None
    uuid: str = field(default_factory=lambda: str(_uuid.uuid4()))
    seed_key: str | None = None
    table_order: int | None = None
    version: int = 0

    @property
    def computed_pack_years(self) -> float | None:
        """Pack-years as recorded, else cigarettes/day / 20 x years."""
        if self.pack_years is not None:
            return self.pack_years
        if self.cigarettes_per_day is not None and self.smoking_years is not None:
            return self.cigarettes_per_day / 20 * self.smoking_years
        return None

    def lab_series(self, analyte: str) -> list[LabResult]:
        """Results of one analyte with a known day, in time order."""
        rows = [r for r in self.labs if r.analyte == analyte and r.day is not None]
        return sorted(rows, key=lambda r: r.day)


def format_number(value: float) -> str:
    """Shortest plain rendering that reads back as the same number: 15242, 2.53, 0.6.

    Exact, never rounded to a few digits and never in exponent form ('1e-07'): what a form
    shows is parsed again on save, and a shown value must not silently change the stored one.
    """
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    text = repr(float(value))  # the shortest text that round-trips
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def bounds_text(lo: float | None, hi: float | None, both: str, low_only: str,
                high_only: str) -> str:
    """A range in words: the template for both bounds, the low or the high one alone, with
    {lo} and {hi} filled in by format_number; "" without either bound."""
    if lo is None and hi is None:
        return ""
    template = both if lo is not None and hi is not None else low_only if hi is None else high_only
    return template.format(lo="" if lo is None else format_number(lo),
                           hi="" if hi is None else format_number(hi))
