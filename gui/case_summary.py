"""A read-only summary of the selected case (HTML in a text browser)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from domain.model import NOT_SPECIFIED, Case
from domain.table import COLUMNS, table_row


def summary_html(case: Case) -> str:
    cells = table_row(case)
    rows = "".join(
        f"<tr><th align='left'>{escape(col)}</th><td>{escape(cell)}</td></tr>"
        for col, cell in zip(COLUMNS[1:], cells[1:], strict=True)
    )
    parts = [f"<h2>{escape(case.label)}</h2>"]
    if case.citation:
        parts.append(f"<p><i>{escape(case.citation)}</i></p>")
    parts.append(f"<table cellspacing='4'>{rows}</table>")
    facts = []
    if case.occupation:
        facts.append(("Occupation", case.occupation))
    py = case.computed_pack_years
    if py is not None:
        facts.append(("Smoking", f"{py:g} pack-years"))
    if case.diagnosis.criteria:
        facts.append(
            ("DM criteria", f"{case.diagnosis.criteria}, {case.diagnosis.grade or NOT_SPECIFIED}")
        )
    if case.tumour.stage:
        facts.append(("Tumour stage", case.tumour.stage))
    if case.day0_meaning:
        facts.append(("Day 0", case.day0_meaning))
    counts = (
        f"{len(case.labs)} lab results, {len(case.antibodies)} antibody results, "
        f"{len(case.steroid_steps)} steroid steps, {len(case.regimens)} regimens, "
        f"{len(case.assessments)} assessments"
    )
    facts.append(("Recorded", counts))
    parts.append(
        "<table cellspacing='4'>"
        + "".join(
            f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts
        )
        + "</table>"
    )
    if case.notes:
        parts.append(f"<p>{escape(case.notes)}</p>")
    return "".join(parts)


class CaseSummary(QTextBrowser):
    def show_case(self, case: Case | None) -> None:
        self.setHtml(summary_html(case) if case else "<p>No case selected.</p>")
