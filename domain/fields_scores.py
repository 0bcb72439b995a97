"""The field spec's part for the clinical instruments (domain/scores/): the criteria facts
a case holds (columns of `cases`) and the IMACS core-set visits (their own table).

Only what no other part of a case holds is here: age, muscle enzymes, anti-Jo-1 and
dysphagia are derived from the case's age, labs, antibodies and assessments.
"""

from __future__ import annotations

from .field_types import CHOICE, INTEGER, NUMBER, Entity, Field, day_field, precision_field
from .model import MMT8_GROUPS, CoreSetVisit, MmtSide, Presence

SCORES = "scores"
PRESENCE_NOTE = "empty: not recorded"


def _presence(name: str, label: str, note: str = "") -> Field:
    return Field(name, label, CHOICE, attr=f"criteria.{name}", enum=Presence,
                 section=SCORES, note=note or PRESENCE_NOTE)


CRITERIA_FIELDS = (
    Field("onset_age", "Age at onset of the first symptom", INTEGER, attr="criteria.onset_age",
          unit="a", minimum=0, maximum=120, section=SCORES,
          note="empty: taken from the age at presentation"),
    _presence("weak_prox_upper", "Symmetric proximal weakness, upper limbs"),
    _presence("weak_prox_lower", "Symmetric proximal weakness, lower limbs"),
    _presence("weak_neck_flexors", "Neck flexors weaker than neck extensors"),
    _presence("weak_legs_prox_distal", "Legs: proximal weaker than distal muscles"),
    _presence("weak_finger_flexors", "Finger-flexor weakness"),
    _presence("heliotrope", "Heliotrope rash"),
    _presence("gottron_papules", "Gottron's papules"),
    _presence("gottron_sign", "Gottron's sign"),
    _presence("enzymes_raised", "Raised muscle enzymes (CK, LDH, AST, ALT, aldolase)",
              "empty: derived from the labs; record it only where no lab result says"),
    _presence("muscle_biopsy", "Muscle biopsy shows myositis",
              "'not done' when no muscle biopsy was taken"),
    _presence("bx_endomysial", "Biopsy: endomysial infiltrate around, not invading, fibres"),
    _presence("bx_perimysial", "Biopsy: perimysial and/or perivascular infiltrate"),
    _presence("bx_perifascicular", "Biopsy: perifascicular atrophy"),
    _presence("bx_rimmed_vacuoles", "Biopsy: rimmed vacuoles"),
    _presence("emg_myopathic", "Myopathic EMG", "'not done' when no EMG was done"),
    _presence("other_cause", "Another cause of the myopathy (exclusion)"),
    _presence("no_treatment_response", "No improvement with treatment"),
    _presence("skin_ulceration", "Cutaneous ulceration or necrosis"),
    _presence("refractory_activity", "High disease activity despite immunosuppression"),
    _presence("ild", "Interstitial lung disease"),
)

_MMT_LABELS = {
    "neck_flexors": "neck flexors",
    "deltoid": "deltoid (middle)",
    "biceps": "biceps brachii",
    "wrist_extensors": "wrist extensors",
    "gluteus_maximus": "gluteus maximus",
    "gluteus_medius": "gluteus medius",
    "quadriceps": "quadriceps",
    "ankle_dorsiflexors": "ankle dorsiflexors",
}


def _mmt(group: str) -> Field:
    high = 10 if group == "neck_flexors" else 20
    return Field(f"mmt_{group}", f"MMT-8: {_MMT_LABELS[group]}", INTEGER, minimum=0,
                 maximum=high, unit="{score}",
                 note="Kendall 0-10; a paired group over both sides 0-20")


def _mmt8_total(v: CoreSetVisit) -> int | None:
    return v.mmt8_total


def _vas(name: str, label: str) -> Field:
    return Field(name, label, NUMBER, minimum=0, maximum=10, unit="cm", note="VAS 0-10 cm")


CORE_SET_VISITS = Entity(
    "core_set_visits",
    "Core-set visit",
    CoreSetVisit,
    section=SCORES,
    case_attr="core_set_visits",
    name_fields=("day",),
    form="core_set_visit",
    prefix="cs",
    fields=(
        day_field("day", "Day"),
        precision_field("day_precision", "Day precision", "precision"),
        _vas("physician_global", "Physician global activity"),
        _vas("patient_global", "Patient global activity"),
        Field("haq", "HAQ disability index", NUMBER, minimum=0, maximum=3, unit="{score}"),
        _vas("extramuscular_global", "Extramuscular global activity"),
        Field("mmt_side", "MMT-8 side", CHOICE, enum=MmtSide,
              note="right or left: 0-80; both: 0-150"),
        *(_mmt(g) for g in MMT8_GROUPS),
        Field("mmt8_total", "MMT-8 total", INTEGER, derived=_mmt8_total, unit="{score}",
              note="empty unless all eight groups are graded"),
        Field("note", "Note", free_text=True),
    ),
)
