"""The field spec: every table and field a case holds, described once.

Each Field names one recorded value: its snake_case name (the database column, and the
name a CSV column or a REDCap variable will carry: `^[a-z][a-z0-9_]*$`, at most 26
characters), a label for people, its type and unit, its allowed values with their labels,
where its codes come from (LOINC, ATC), whether it can identify a person, whether it is
free text, and the form section it belongs to. An Entity is one table: the model class
whose objects are its rows, the Case attribute that holds them, and its fields in column
order.

The storage mapping (storage/case_rows.py, snapshot.py, case_index.py), the dict form of a
case (domain/serialize.py) and the tests read this, so adding a field to a lab result is a
Field here plus a migration adding its column; none of them lists fields by hand.

A field whose `attr` has a dot lives in a nested part of the case ("tumour.type" is
Case.tumour.type). A derived field is computed from the others when a row is written (the
H/L flag, the LOINC code, the prednisolone equivalent) and never read back into the model.
"""

from __future__ import annotations

from .field_types import (  # noqa: F401  (the spec's vocabulary, re-exported)
    CHOICE,
    DATE,
    INTEGER,
    JSON,
    NAME_MAX,
    NAME_RE,
    NUMBER,
    SOURCE_COLUMNS,
    SOURCE_FIELDS,
    TEXT,
    Entity,
    Field,
)
from .field_types import day_field as _day
from .field_types import precision_field as _precision
from .fields_scores import CORE_SET_VISITS, CRITERIA_FIELDS
from .model import (
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    Cycle,
    CycleCount,
    Finding,
    InitialTreatmentsStatus,
    LabResult,
    Qualitative,
    Regimen,
    Sex,
    SmokingStatus,
    StepOnset,
    SteroidStep,
    Treatment,
    TreatmentKind,
)
from .units import lab_canonical_unit, lab_canonical_value, lab_ucum


def _lab_flag(r: LabResult) -> str:
    return r.flag


def _lab_loinc(r: LabResult) -> str | None:
    from .catalogue import find_analyte

    a = find_analyte(r.analyte)
    return a.loinc if a else None


def _pred_eq(s: SteroidStep) -> float | None:
    from .steroids import step_pred_equivalent

    return step_pred_equivalent(s)


PATIENT, LABS, ANTIBODIES, TREATMENTS, ASSESSMENTS, OUTCOME, FINDINGS, RECORD = (
    "patient", "labs", "antibodies", "treatments", "assessments", "outcome", "findings",
    "record",
)

CASE = Entity(
    "cases",
    "Case",
    Case,
    section=PATIENT,
    has_source=False,
    form="case",
    prefix="",
    fields=(
        Field("uuid", "Case UUID", required=True, identifying=True, section=RECORD,
              note="stable identity of the case across files and exports"),
        Field("seed_key", "Preloaded case key", section=RECORD,
              note="set for the paper's preloaded cases"),
        Field("label", "Label", required=True, identifying=True,
              note="the case's name in the list; may hold a name"),
        Field("reference_number", "Reference number in the paper"),
        Field("citation", "Citation", free_text=True),
        Field("age", "Age", INTEGER, unit="a", minimum=0, maximum=120),
        Field("sex", "Sex", CHOICE, enum=Sex, required=True,
              choices=(("M", "male"), ("F", "female"), ("not specified", "not specified"))),
        Field("cigarettes_per_day", "Cigarettes per day", NUMBER, unit="/d", minimum=0,
              maximum=200),
        Field("smoking_years", "Years smoked", NUMBER, unit="a", minimum=0, maximum=100),
        Field("pack_years", "Pack-years", NUMBER, unit="{pack-years}", minimum=0, maximum=300),
        Field("occupation", "Occupation", identifying=True, free_text=True),
        Field("history", "History", free_text=True),
        Field("day0_meaning", "What day 0 is", free_text=True),
        Field("day0_date", "Date of day 0", DATE, identifying=True),
        Field("dm_criteria", "DM criteria", attr="diagnosis.criteria"),
        Field("dm_grade", "DM grade", attr="diagnosis.grade"),
        Field("dm_findings", "DM findings", JSON, attr="diagnosis.findings", free_text=True,
              note="list of texts"),
        Field("tumour_type", "Tumour type", attr="tumour.type", required=True),
        Field("tumour_site", "Tumour site", attr="tumour.site"),
        Field("tumour_size_mm", "Tumour size", NUMBER, attr="tumour.size_mm", unit="mm",
              minimum=0.1, maximum=300),
        Field("tumour_stage", "Tumour stage", attr="tumour.stage"),
        Field("tumour_sampling", "Tumour sampling", attr="tumour.sampling"),
        Field("tumour_histology", "Tumour histology", attr="tumour.histology",
              free_text=True),
        Field("initial_treatments_status", "Initial treatments: status", CHOICE,
              attr="initial_treatments.status", required=True, enum=InitialTreatmentsStatus),
        Field("initial_treatments", "Initial treatments, in order", JSON,
              attr="initial_treatments.steps",
              note="list of steps, each a list of {kind, drug, dose_text}"),
        Field("response_cutaneous", "Cutaneous response", attr="outcome.response_cutaneous",
              required=True),
        Field("response_muscular", "Muscular response", attr="outcome.response_muscular",
              required=True),
        Field("final_outcome", "Final outcome", attr="outcome.final_outcome", required=True),
        _day("followup_day", "Follow-up day", "outcome.followup_day", OUTCOME),
        _precision("followup_precision", "Follow-up day precision",
                   "outcome.followup_precision", OUTCOME),
        Field("outcome_note", "Outcome note", attr="outcome.note", free_text=True),
        Field("notes", "Notes", free_text=True),
        Field("table_order", "Row in the paper's Table", INTEGER, minimum=1,
              maximum=1_000_000, section=RECORD),
        Field("smoking_status", "Smoking status", CHOICE, enum=SmokingStatus, required=True),
        Field("presenting_signs", "Presenting signs", JSON, note="list of texts"),
        Field("tumour_metastases", "Metastasis sites", JSON, attr="tumour.metastases",
              note="list of sites"),
        Field("followup_dose", "Steroid dose at follow-up", NUMBER,
              attr="outcome.followup_dose", unit="mg/d", minimum=0, maximum=1000,
              section=OUTCOME, note="empty: not given"),
        Field("followup_drug", "Steroid at follow-up", attr="outcome.followup_drug",
              codes="ATC (drug catalogue)", section=OUTCOME),
        _day("death_day", "Day of death", "outcome.death_day", OUTCOME),
        _precision("death_precision", "Day of death precision", "outcome.death_precision",
                   OUTCOME),
        *CRITERIA_FIELDS,
    ),
)

CASE_SOURCES = Entity(
    "case_sources",
    "Source of a case detail",
    dict,
    section="sources",
    has_source=False,
    ordered_by="id",
    name_fields=("field",),
    form="case_source",
    prefix="src",
    fields=(
        Field("field", "Which detail", required=True),
        Field("reference", "Reference", required=True, free_text=True),
        Field("locator", "Where in it", required=True, free_text=True),
        Field("quote", "The source's own words", required=True, free_text=True),
    ),
)

LAB_RESULTS = Entity(
    "lab_results",
    "Lab result",
    LabResult,
    section=LABS,
    case_attr="labs",
    name_fields=("analyte",),
    form="lab_result",
    prefix="lab",
    fields=(
        _day("day", "Day"),
        _precision("day_precision", "Day precision", "precision"),
        Field("analyte", "Analyte", required=True, codes="LOINC (analyte catalogue)"),
        Field("comparator", "Comparator", CHOICE,
              choices=(("", "="), ("<", "<"), (">", ">"), ("<=", "<="), (">=", ">="))),
        Field("value", "Value", NUMBER, note="in the unit typed"),
        Field("unit", "Unit", required=True, codes="UCUM"),
        Field("ref_low", "Reference lower limit", NUMBER),
        Field("ref_high", "Reference upper limit", NUMBER),
        Field("flag", "Flag (H/L)", CHOICE, derived=_lab_flag,
              choices=(("", "within limits or no limits"), ("H", "high"), ("L", "low"))),
        Field("loinc", "LOINC code", derived=_lab_loinc),
        Field("note", "Note", free_text=True),
        Field("qualitative", "Result in words", CHOICE, enum=Qualitative,
              choices=tuple((q.value, q.value or "none: a number is given") for q in Qualitative),
              note="when the source gives no number"),
        Field("unit_ucum", "Unit (UCUM code)", derived=lab_ucum, codes="UCUM",
              note="IU/L is coded U/L"),
        Field("value_canonical", "Value in the canonical unit", NUMBER,
              derived=lab_canonical_value, note="empty when the unit is kept as typed"),
        Field("unit_canonical", "Canonical unit", derived=lab_canonical_unit, codes="UCUM"),
    ),
)

ANTIBODY_RESULTS = Entity(
    "antibody_results",
    "Antibody result",
    AntibodyResult,
    section=ANTIBODIES,
    case_attr="antibodies",
    name_fields=("antibody",),
    form="antibody",
    prefix="ab",
    fields=(
        Field("antibody", "Antibody", required=True, codes="antibody catalogue"),
        Field("status", "Result", CHOICE, enum=AntibodyStatus, required=True),
        Field("titre", "Titre", note="1:N"),
        Field("pattern", "Pattern"),
        Field("method", "Method"),
        _day("day", "Day"),
        _precision("day_precision", "Day precision", "precision"),
        Field("note", "Note", free_text=True),
    ),
)

STEROID_STEPS = Entity(
    "steroid_steps",
    "Steroid step",
    SteroidStep,
    section=TREATMENTS,
    case_attr="steroid_steps",
    name_fields=("drug",),
    form="steroid_step",
    prefix="ster",
    fields=(
        Field("drug", "Drug", required=True, codes="ATC (drug catalogue)"),
        Field("dose", "Dose", NUMBER, unit="mg/d", note="empty: the source does not state it"),
        Field("unit", "Dose unit", required=True),
        Field("route", "Route"),
        _day("from_day", "From day"),
        _precision("from_precision", "From day precision"),
        _day("to_day", "To day"),
        _precision("to_precision", "To day precision"),
        Field("pred_eq_mg_day", "Prednisolone equivalent", NUMBER, unit="mg/d",
              derived=_pred_eq),
        Field("note", "Note", free_text=True),
        _day("from_day_latest", "Started by day (start only bounded)"),
        Field("onset", "How the dose was reached", CHOICE, enum=StepOnset, required=True,
              note="step: changed on the start day; taper: schedule not given"),
    ),
)

REGIMEN_CYCLES = Entity(
    "regimen_cycles",
    "Chemotherapy cycle",
    Cycle,
    section=TREATMENTS,
    case_attr="cycles",  # on the Regimen
    parent="regimens",
    parent_key="regimen_id",
    ordered_by="number",
    name_fields=("number",),
    form="chemo_cycle",
    prefix="cyc",
    fields=(
        Field("number", "Cycle number", INTEGER, minimum=1, maximum=999, required=True),
        _day("day", "Day"),
        _precision("day_precision", "Day precision", "precision"),
    ),
)

REGIMENS = Entity(
    "regimens",
    "Chemotherapy regimen",
    Regimen,
    section=TREATMENTS,
    case_attr="regimens",
    name_fields=("name",),
    form="chemo_regimen",
    prefix="reg",
    fields=(
        Field("name", "Regimen", required=True),
        Field("agents", "Agents", JSON, codes="ATC (drug catalogue)",
              note="list of {drug, dose, unit}"),
        Field("cycle_length_days", "Cycle length", INTEGER, unit="d", minimum=1, maximum=365,
              note="empty: the interval is not given"),
        Field("note", "Note", free_text=True),
        Field("schedule", "Schedule", free_text=True, note="as the source writes it"),
        Field("cycle_count", "Cycles given", INTEGER, minimum=1, maximum=999),
        Field("cycle_count_kind", "Cycles given: exactly or at least", CHOICE,
              enum=CycleCount,
              choices=tuple((k.value, k.value or "not given") for k in CycleCount)),
    ),
)

TREATMENTS_TABLE = Entity(
    "treatments",
    "Treatment",
    Treatment,
    section=TREATMENTS,
    case_attr="treatments",
    name_fields=("name",),
    form="treatment",
    prefix="tx",
    fields=(
        Field("kind", "Kind", CHOICE, enum=TreatmentKind, required=True),
        Field("name", "Name", required=True),
        _day("start_day", "Start day"),
        _precision("start_precision", "Start day precision"),
        _day("end_day", "End day"),
        _precision("end_precision", "End day precision"),
        Field("detail", "Detail", free_text=True),
        Field("site", "Site", note="radiotherapy: where; 'not specified' when not given"),
        Field("dose", "Dose", NUMBER, minimum=0, maximum=100000, note="in dose_unit"),
        Field("dose_unit", "Dose unit", codes="UCUM", note="Gy for radiotherapy"),
    ),
)

ASSESSMENTS_TABLE = Entity(
    "assessments",
    "Assessment",
    Assessment,
    section=ASSESSMENTS,
    case_attr="assessments",
    name_fields=("kind",),
    form="assessment",
    prefix="asmt",
    fields=(
        Field("kind", "Kind", CHOICE, enum=AssessmentKind, required=True),
        Field("value", "Value", required=True),
        _day("day", "Day"),
        _precision("day_precision", "Day precision", "precision"),
        Field("note", "Note", free_text=True),
        Field("side", "Side", CHOICE, choices=(("", "both or not given"), ("left", "left"),
                                                ("right", "right"))),
    ),
)

FINDINGS_TABLE = Entity(
    "findings",
    "Finding",
    Finding,
    section=FINDINGS,
    case_attr="findings",
    name_fields=("name",),
    form="finding",
    prefix="find",
    fields=(
        Field("kind", "Kind", required=True,
              note="imaging, endoscopy, emg, biopsy, ihc, history, examination"),
        Field("name", "Investigation", required=True),
        Field("result", "Result", required=True, free_text=True),
        _day("day", "Day"),
        _precision("day_precision", "Day precision", "precision"),
    ),
)

# the child tables of a case, in the order they are written and read
CHILDREN = (
    LAB_RESULTS,
    ANTIBODY_RESULTS,
    STEROID_STEPS,
    REGIMENS,
    TREATMENTS_TABLE,
    ASSESSMENTS_TABLE,
    FINDINGS_TABLE,
    CORE_SET_VISITS,
    CASE_SOURCES,
)
ENTITIES = (CASE, *CHILDREN, REGIMEN_CYCLES)
CHILD_TABLES = tuple(e.table for e in CHILDREN)

# the case-level fields the case list reads (the Table's cells, label, citation)
LIST_FIELDS = (
    "uuid", "seed_key", "label", "reference_number", "citation", "age", "sex",
    "tumour_type", "initial_treatments_status", "initial_treatments",
    "response_cutaneous", "response_muscular", "final_outcome", "table_order",
)


def variable(entity: Entity, f: Field) -> str:
    """The field's name in a REDCap project or a wide file: its column name, prefixed by its
    instrument's prefix for the repeating tables (unique across the whole project)."""
    return f"{entity.prefix}_{f.name}" if entity.prefix else f.name


def all_fields() -> list[tuple[Entity, Field]]:
    """Every (entity, field) of the spec, source columns included, in table order."""
    out = []
    for e in ENTITIES:
        out.extend((e, f) for f in e.fields)
        if e.has_source:
            out.extend((e, f) for f in SOURCE_FIELDS)
    return out

