"""The initial treatment pattern of a case, derived from its stored initial treatments.

Never typed: it follows from `Case.initial_treatments` (the ordered steps the Table's
"Initial treatments" cell writes), so it changes when the facts change. The groups are
the ones the paper's Discussion counts its 16 literature cases by (Takashima 2017,
Discussion): tumour treatment (chemotherapy, radiotherapy and/or surgery, with or without
corticosteroids given with it), corticosteroids alone, corticosteroids before
chemotherapy, corticosteroids with another immunotherapy, IVIg alone.

"None" (the source says no treatment was given) and "not specified" (the source does not
say) are kept apart; the Discussion counts the two together as "no information about
treatment" (its reference 20, whose Table cell reads "None", and reference 22, "N.S.").
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from .model import Case, InitialTreatmentsStatus, TreatmentKind


class Pattern(StrEnum):
    NONE = "none"
    NOT_SPECIFIED = "not specified"
    STEROID_ALONE = "corticosteroids alone"
    STEROID_BEFORE_CHEMO = "corticosteroids before chemotherapy"
    STEROID_WITH_IMMUNO = "corticosteroids with another immunotherapy"
    IVIG_ALONE = "IVIg alone"
    TUMOUR_TREATMENT = "tumour treatment"
    OTHER = "other"


# the order a table lists them in
PATTERN_ORDER = (
    Pattern.TUMOUR_TREATMENT,
    Pattern.STEROID_ALONE,
    Pattern.STEROID_BEFORE_CHEMO,
    Pattern.STEROID_WITH_IMMUNO,
    Pattern.IVIG_ALONE,
    Pattern.OTHER,
    Pattern.NONE,
    Pattern.NOT_SPECIFIED,
)

PATTERN_HELP = {
    Pattern.TUMOUR_TREATMENT: "chemotherapy, radiotherapy and/or surgery first, "
    "with or without corticosteroids given with it",
    Pattern.STEROID_ALONE: "corticosteroids and nothing else",
    Pattern.STEROID_BEFORE_CHEMO: "corticosteroids, then chemotherapy as a later step",
    Pattern.STEROID_WITH_IMMUNO: "corticosteroids with IVIg or an immunosuppressant, "
    "no tumour treatment",
    Pattern.IVIG_ALONE: "IVIg and nothing else",
    Pattern.OTHER: "any other combination",
    Pattern.NONE: "the source says no treatment was given",
    Pattern.NOT_SPECIFIED: "the source does not say",
}

_TUMOUR = {TreatmentKind.CHEMOTHERAPY, TreatmentKind.RADIOTHERAPY, TreatmentKind.SURGERY}
_IMMUNO = {TreatmentKind.IVIG, TreatmentKind.IMMUNOSUPPRESSANT}


def initial_pattern(case: Case) -> Pattern:
    """The case's initial treatment pattern, from its initial treatment steps alone."""
    it = case.initial_treatments
    if it.status == InitialTreatmentsStatus.NONE:
        return Pattern.NONE
    steps = [{item.kind for item in step} for step in it.steps if step]
    if it.status != InitialTreatmentsStatus.GIVEN or not steps:
        return Pattern.NOT_SPECIFIED
    kinds = set().union(*steps)
    first_tumour = next((i for i, s in enumerate(steps) if s & _TUMOUR), None)
    if first_tumour is not None:
        before = set().union(*steps[:first_tumour]) if first_tumour else set()
        if (
            TreatmentKind.STEROID in before
            and TreatmentKind.CHEMOTHERAPY in steps[first_tumour]
        ):
            return Pattern.STEROID_BEFORE_CHEMO
        return Pattern.TUMOUR_TREATMENT
    if kinds == {TreatmentKind.STEROID}:
        return Pattern.STEROID_ALONE
    if kinds == {TreatmentKind.IVIG}:
        return Pattern.IVIG_ALONE
    if TreatmentKind.STEROID in kinds and kinds - {TreatmentKind.STEROID} <= _IMMUNO:
        return Pattern.STEROID_WITH_IMMUNO
    return Pattern.OTHER


def immunotherapy_partners(case: Case) -> list[str]:
    """The other immunotherapies given with corticosteroids (drug names, in order)."""
    out: list[str] = []
    for step in case.initial_treatments.steps:
        for item in step:
            if item.kind in _IMMUNO:
                name = (
                    "IVIg"
                    if item.kind == TreatmentKind.IVIG
                    else item.drug or "immunosuppressant"
                )
                if name not in out:
                    out.append(name)
    return out


def case_reference(case: Case) -> str:
    """How a listing names a case: the paper's reference number, else its label."""
    return case.reference_number or case.label


def count_words(values: Sequence[str]) -> str:
    """'Dead 5, Alive 1, not specified 1': each distinct value with its count, most first."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{v} {n}" for v, n in ordered)
