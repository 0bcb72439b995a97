"""A fact's source typed beside it: where in the publication ('Case Report, para 2',
'Table 1, row 3') and its own words, in two columns of each table whose items carry a
source (labs, steroid steps, other treatments, assessments, investigations).

The reference is the case's citation, typed once per case on the Patient tab: a source
typed here takes it, and follows it when the citation is corrected. A preloaded fact's
source keeps its own reference.
"""

from __future__ import annotations

from dataclasses import fields, replace

from domain.model import Case, Source

from ..widgets.rows_model import Column, Row
from .form import Parser

LOCATOR, QUOTE = "source_locator", "source_quote"
LOCATOR_TITLE, QUOTE_TITLE = "Where in the source", "Quote"
COLUMNS = [
    Column(LOCATOR, LOCATOR_TITLE, 140,
           tip="For a case from a publication: the section, page, figure or Table cell"),
    Column(QUOTE, QUOTE_TITLE, 220, tip="The publication's own words for this fact"),
]


def has_source(item_class: type) -> bool:
    return "source" in {f.name for f in fields(item_class)}


def cells(source: Source | None) -> Row:
    """The typed text of an item's source."""
    return {LOCATOR: source.locator if source else "", QUOTE: source.quote if source else ""}


def parse(row: Row, orig: Source | None, citation: str, p: Parser) -> Source | None:
    """The row's source: as stored when unchanged; else the typed locator and quote with
    the stored reference, or the case's citation for a new one; None when both are empty."""
    locator, quote = str(row.get(LOCATOR, "")).strip(), str(row.get(QUOTE, "")).strip()
    if orig is not None and (locator, quote) == (orig.locator.strip(), orig.quote.strip()):
        return orig
    if not locator and not quote:
        return None
    if not locator or not quote:
        missing = (LOCATOR, LOCATOR_TITLE) if not locator else (QUOTE, QUOTE_TITLE)
        p.error(*missing, "give both where in the source and its words, or neither")
        return None
    reference = orig.reference if orig is not None else citation.strip()
    if not reference:
        p.error(LOCATOR, LOCATOR_TITLE,
                "type the citation of the publication first (Patient tab, Published report)")
        return None
    return Source(reference, locator, quote)


def follow_citation(case: Case, old: str, new: str) -> None:
    """Sources typed with the case's old citation take the corrected one."""
    old, new = old.strip(), new.strip()
    if not old or old == new:
        return
    for attr in ("labs", "antibodies", "steroid_steps", "regimens", "treatments",
                 "assessments", "findings"):
        items = getattr(case, attr)
        for i, item in enumerate(items):
            if item.source is not None and item.source.reference == old:
                items[i] = replace(item, source=replace(item.source, reference=new))
    case.sources = {k: replace(s, reference=new) if s.reference == old else s
                    for k, s in case.sources.items()}
