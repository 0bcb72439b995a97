"""Migration step m005 (issue 15), frozen: the criteria facts on the case and the IMACS
core-set visits table, as they were at this step (never import live modules here)."""

from __future__ import annotations

import sqlite_utils

# frozen at this step: the criteria facts (domain/fields_scores.py as it was then)
_M005_PRESENCE = ("present", "absent", "not done", "not specified")
_M005_CRITERIA = (
    "weak_prox_upper", "weak_prox_lower", "weak_neck_flexors", "weak_legs_prox_distal",
    "weak_finger_flexors", "heliotrope", "gottron_papules", "gottron_sign", "enzymes_raised",
    "muscle_biopsy", "bx_endomysial", "bx_perimysial", "bx_perifascicular",
    "bx_rimmed_vacuoles", "emg_myopathic", "other_cause", "no_treatment_response",
    "skin_ulceration", "refractory_activity", "ild",
)
_M005_MMT = (
    "neck_flexors", "deltoid", "biceps", "wrist_extensors", "gluteus_maximus",
    "gluteus_medius", "quadriceps", "ankle_dorsiflexors",
)


def add_score_inputs(db: sqlite_utils.Database, _DAY: str, _SOURCE: str) -> None:
    """The inputs of the clinical instruments (Bohan & Peter, EULAR/ACR 2017, IMACS 2023
    screening, TIS): criteria facts on the case (NULL: not recorded) and the IMACS
    core-set visits (MMT-8 by group, physician / patient / extramuscular global, HAQ).

    Named 5 for issue 15's planned place; its version is its position in this list (after
    the steps already on main), so at a merge only the name may change."""
    allowed = ", ".join(f"'{v}'" for v in _M005_PRESENCE)
    db.execute(
        "ALTER TABLE cases ADD COLUMN onset_age INTEGER CHECK (onset_age BETWEEN 0 AND 120)"
    )
    for name in _M005_CRITERIA:
        db.execute(f"ALTER TABLE cases ADD COLUMN {name} TEXT CHECK ({name} IN ({allowed}))")
    mmt = ",\n".join(
        f"mmt_{g} INTEGER CHECK (mmt_{g} BETWEEN 0 AND {10 if g == 'neck_flexors' else 20})"
        for g in _M005_MMT
    )
    db.execute(
        f"""
        CREATE TABLE core_set_visits (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            {_DAY},
            physician_global REAL CHECK (physician_global BETWEEN 0 AND 10),
            patient_global REAL CHECK (patient_global BETWEEN 0 AND 10),
            haq REAL CHECK (haq BETWEEN 0 AND 3),
            extramuscular_global REAL CHECK (extramuscular_global BETWEEN 0 AND 10),
            mmt_side TEXT CHECK (mmt_side IN ('right', 'left', 'both')),
            {mmt},
            mmt8_total INTEGER,
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE}
        ) STRICT
        """
    )
    db.execute("CREATE INDEX idx_core_set_visits_case ON core_set_visits(case_id)")


