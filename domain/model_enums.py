"""The fixed vocabularies of the case model (domain/model.py re-exports every one)."""

from __future__ import annotations

from enum import StrEnum


class Precision(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    NOT_SPECIFIED = "not specified"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    NOT_SPECIFIED = "not specified"


class AntibodyStatus(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    EQUIVOCAL = "equivocal"
    NOT_TESTED = "not tested"
    NOT_SPECIFIED = "not specified"


class TreatmentKind(StrEnum):
    STEROID = "steroid"
    CHEMOTHERAPY = "chemotherapy"
    IVIG = "ivig"
    IMMUNOSUPPRESSANT = "immunosuppressant"
    RADIOTHERAPY = "radiotherapy"
    SURGERY = "surgery"
    OTHER = "other"


class InitialTreatmentsStatus(StrEnum):
    GIVEN = "given"  # the steps list them
    NONE = "none"  # the source says no treatment was given
    NOT_SPECIFIED = "not specified"


class AssessmentKind(StrEnum):
    MRC_UPPER = "mrc_upper"
    MRC_LOWER = "mrc_lower"
    SKIN = "skin"
    DYSPHAGIA = "dysphagia"
    ECOG = "ecog"  # ECOG performance status 0-4
    OTHER = "other"


class Presence(StrEnum):
    """A criterion as the source gives it; None (not recorded) is not a value of it."""

    PRESENT = "present"
    ABSENT = "absent"
    NOT_DONE = "not done"  # the test (biopsy, EMG) was not done
    NOT_SPECIFIED = "not specified"  # the source does not say


class MmtSide(StrEnum):
    RIGHT = "right"
    LEFT = "left"
    BOTH = "both"  # the 7 paired groups summed over both sides (0-20), neck once: 0-150


class Qualitative(StrEnum):
    """A lab result the source gives in words, without a number."""

    NONE = ""  # a number is given (or nothing yet)
    NORMALIZED = "normalized"
    WITHIN_LIMITS = "within normal limits"
    ELEVATED = "elevated"
    DECREASED = "decreased"
    POSITIVE = "positive"
    NEGATIVE = "negative"


class SmokingStatus(StrEnum):
    CURRENT = "current"
    FORMER = "former"
    NEVER = "never"
    NOT_SPECIFIED = "not specified"


class StepOnset(StrEnum):
    """How a steroid step's dose was reached."""

    STEP = "step"  # the dose changed on the start day
    TAPER = "taper"  # tapered to this dose from the step before; schedule not given


class CycleCount(StrEnum):
    """What the source says of a regimen's number of cycles."""

    NOT_GIVEN = ""  # the cycles listed are all the source gives
    EXACTLY = "exactly"
    AT_LEAST = "at least"
