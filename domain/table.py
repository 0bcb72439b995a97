"""The paper's literature Table, rebuilt from structured case data.

Each cell is generated from the structured fields. For a preloaded case whose source quote
for that cell says the same thing (ignoring case, spacing and punctuation), the quote is
printed as the paper set it; once a user changes the fact, the generated wording is used.
"""

from __future__ import annotations

import re

from .model import NOT_SPECIFIED, Case, InitialTreatmentItem, InitialTreatmentsStatus
from .vocabulary import NS_ABBREVIATION, TABLE_COLUMNS, TABLE_DRUG_WORDS, TABLE_KIND_WORDS

COLUMNS = TABLE_COLUMNS

# the case-level source key that holds each column's Table cell
SOURCE_KEYS = (
    "reference_number",
    "age_sex",
    "tumour.type",
    "initial_treatments",
    "outcome.response_cutaneous",
    "outcome.response_muscular",
    "outcome.final_outcome",
)


def ns(text: str | None) -> str:
    """The Table's rendering of a text fact ("not specified" is N.S.)."""
    if text is None or text == "" or text == NOT_SPECIFIED:
        return NS_ABBREVIATION
    return text


def item_words(item: InitialTreatmentItem) -> str:
    word = TABLE_DRUG_WORDS.get(item.drug, item.drug) if item.drug else TABLE_KIND_WORDS[item.kind]
    return f"{word} ({item.dose_text})" if item.dose_text else word


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def initial_treatments_text(case: Case) -> str:
    it = case.initial_treatments
    if it.status == InitialTreatmentsStatus.NONE:
        return "None"
    if it.status == NOT_SPECIFIED or not it.steps:
        return NS_ABBREVIATION
    steps = [", ".join(item_words(i) for i in step) for step in it.steps]
    return _capitalise("→".join(steps))


def generated_cells(case: Case) -> list[str]:
    """The seven cells of a case's Table row, worded from the structured data alone."""
    age = str(case.age) if case.age is not None else NS_ABBREVIATION
    sex = case.sex.value if case.sex.value != NOT_SPECIFIED else NS_ABBREVIATION
    o = case.outcome
    return [
        case.reference_number or case.label,
        f"{age}/{sex}",
        ns(case.tumour.type),
        initial_treatments_text(case),
        ns(o.response_cutaneous),
        ns(o.response_muscular),
        ns(o.final_outcome),
    ]


def _same_meaning(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\s.,;:]+", "", s.replace("->", "→")).casefold()

    return norm(a) == norm(b)


def table_row(case: Case) -> list[str]:
    """The case's Table row: the paper's own wording where it still holds."""
    cells = generated_cells(case)
    for i, key in enumerate(SOURCE_KEYS):
        src = case.sources.get(key)
        if src is not None and _same_meaning(src.quote, cells[i]):
            cells[i] = src.quote
    return cells


def table_order_key(case: Case) -> tuple:
    """Paper order: preloaded cases by their Table position, then the rest by label."""
    big = 1 << 30
    return (case.table_order if case.table_order is not None else big, case.label)
