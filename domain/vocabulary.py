"""The words the app prints for coded values, in one place: the paper's Table wording,
treatment kinds in the chart's lanes, assessment kinds. Code compares enums, never these
words (no prefix tests on printed text)."""

from __future__ import annotations

from .model import AssessmentKind, TreatmentKind

# ---- the paper's literature Table -------------------------------------------------------
TABLE_COLUMNS = (
    "Reference",
    "Age / Sex",
    "Diagnosis",
    "Initial treatments",
    "Response: cutaneous manifestations",
    "Response: muscular manifestations",
    "Final outcome",
)
NS_ABBREVIATION = "N.S."  # the Table's "not specified"
# each treatment kind: its word in the Table's "Initial treatments" cell (when no drug is
# named) and its lane in the course chart
_KIND_WORDING = {
    TreatmentKind.STEROID: ("steroid", "Steroid"),
    TreatmentKind.CHEMOTHERAPY: ("chemotherapy", "Chemotherapy"),
    TreatmentKind.IVIG: ("IVIg", "IVIg"),
    TreatmentKind.IMMUNOSUPPRESSANT: ("immunosuppressant", "Immunosuppressant"),
    TreatmentKind.RADIOTHERAPY: ("radiotherapy", "Radiotherapy"),
    TreatmentKind.SURGERY: ("surgery", "Surgery"),
    TreatmentKind.OTHER: ("other treatment", "Other"),
}
TABLE_KIND_WORDS = {kind: words[0] for kind, words in _KIND_WORDING.items()}
LANE_OF_KIND = {kind: words[1] for kind, words in _KIND_WORDING.items()}
# drug catalogue keys the Table abbreviates
TABLE_DRUG_WORDS = {"prednisolone": "PSL", "corticosteroid": "steroid", "ivig": "IVIg"}

# ---- the course chart's treatment lane ----------------------------------------------------
STEROID_PULSE_LANE = "Steroid pulse"
# top to bottom; with several regimens, "Chemotherapy 1", "Chemotherapy 2"... come first
LANE_ORDER = (
    LANE_OF_KIND[TreatmentKind.CHEMOTHERAPY],
    STEROID_PULSE_LANE,
    LANE_OF_KIND[TreatmentKind.STEROID],
    LANE_OF_KIND[TreatmentKind.IVIG],
    LANE_OF_KIND[TreatmentKind.IMMUNOSUPPRESSANT],
    LANE_OF_KIND[TreatmentKind.RADIOTHERAPY],
    LANE_OF_KIND[TreatmentKind.SURGERY],
    LANE_OF_KIND[TreatmentKind.OTHER],
    "Labs (in words)",  # results a source gives without a number
    "Outcome",  # death
)


def regimen_lane(number: int, several: bool) -> str:
    """The lane of a chemotherapy regimen: numbered when a case has more than one."""
    base = LANE_OF_KIND[TreatmentKind.CHEMOTHERAPY]
    return f"{base} {number}" if several else base


# ---- assessments ----------------------------------------------------------------------------
ASSESSMENT_LABELS = {
    AssessmentKind.MRC_UPPER: "MRC grade, upper limbs",
    AssessmentKind.MRC_LOWER: "MRC grade, lower limbs",
    AssessmentKind.SKIN: "Skin signs",
    AssessmentKind.DYSPHAGIA: "Dysphagia",
    AssessmentKind.ECOG: "ECOG performance status",
    AssessmentKind.OTHER: "Other",
}
