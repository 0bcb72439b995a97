"""A read-only summary of the selected case (HTML in a text browser)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from domain.model import (
    NOT_SPECIFIED,
    Case,
    CycleCount,
    Precision,
    StepOnset,
    format_number,
)
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
    smoking = case.smoking_status.value + (f", {py:g} pack-years" if py is not None else "")
    facts.append(("Smoking", smoking))
    if case.presenting_signs:
        facts.append(("Presenting signs", ", ".join(case.presenting_signs)))
    if case.diagnosis.criteria:
        criteria = (
            "criteria not stated"
            if case.diagnosis.criteria == NOT_SPECIFIED
            else case.diagnosis.criteria
        )
        facts.append(("DM criteria", f"{criteria}, {case.diagnosis.grade or NOT_SPECIFIED}"))
    if case.tumour.stage:
        facts.append(("Tumour stage", case.tumour.stage))
    if case.tumour.metastases:
        facts.append(("Metastases", ", ".join(case.tumour.metastases)))
    facts += unknown_facts(case)
    if case.day0_meaning:
        facts.append(("Day 0", case.day0_meaning))
    counts = (
        f"{len(case.labs)} lab results, {len(case.antibodies)} antibody results, "
        f"{len(case.steroid_steps)} steroid steps, {len(case.regimens)} regimens, "
        f"{len(case.assessments)} assessments, {len(case.findings)} investigations"
    )
    facts.append(("Recorded", counts))
    parts.append(
        "<table cellspacing='4'>"
        + "".join(
            f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts
        )
        + "</table>"
    )
    if case.history:
        parts.append(f"<h3>History</h3><p>{_lines(case.history)}</p>")
    if case.findings:
        parts.append("<h3>Investigations</h3><ul>" + "".join(
            f"<li><b>{escape(f.name)}</b>{_when(f.day, f.precision)}: {escape(f.result)}</li>"
            for f in case.findings) + "</ul>")
    if case.outcome.note:
        parts.append(f"<h3>Outcome</h3><p>{_lines(case.outcome.note)}</p>")
    if case.notes:
        parts.append(f"<h3>Notes</h3><p>{_lines(case.notes)}</p>")
    return "".join(parts)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _when(day: int | None, precision: Precision) -> str:
    if day is None:
        return ""
    return f" ({'about ' if precision == Precision.APPROXIMATE else ''}day {day})"


def unknown_facts(case: Case) -> list[tuple[str, str]]:
    """What the source leaves open in the course, said in words."""
    out = []
    for i, st in enumerate(case.steroid_steps, 1):
        gaps = []
        if st.dose is None:
            gaps.append("dose not stated")
        if st.drug == "corticosteroid":
            gaps.append("drug not named")
        if st.from_day_latest is not None:
            gaps.append(f"started between day {st.from_day} and day {st.from_day_latest}")
        if st.onset == StepOnset.TAPER:
            gaps.append("reached by a taper whose schedule is not given")
        if gaps:
            out.append((f"Steroid step {i}", "; ".join(gaps)))
    for r in case.regimens:
        name = "regimen not stated" if r.name == NOT_SPECIFIED else r.name
        bits = []
        if r.cycle_count is not None:
            kind = r.cycle_count_kind.value if r.cycle_count_kind != CycleCount.NOT_GIVEN else ""
            bits.append(f"{kind} {r.cycle_count} cycles".strip())
        if r.schedule:
            bits.append(r.schedule)
        if r.cycle_length_days is None:
            bits.append("interval not given")
        out.append((f"Chemotherapy: {name}", "; ".join(bits) or "as listed"))
    for t in case.treatments:
        if t.site or t.dose is not None:
            dose = "dose not given" if t.dose is None else f"{format_number(t.dose)} {t.dose_unit}"
            site = "site not given" if t.site in ("", NOT_SPECIFIED) else f"site {t.site}"
            out.append((t.name, f"{site}; {dose}"))
    o = case.outcome
    if o.followup_dose is not None:
        drug = o.followup_drug or "steroid"
        out.append(("At follow-up", f"{drug} {format_number(o.followup_dose)} mg/day"))
    if o.death_day is not None:
        about = "about " if o.death_precision != Precision.EXACT else ""
        out.append(("Death", f"{about}day {o.death_day}"))
    words = [f"{r.analyte} {r.qualitative.value}" for r in case.labs if r.qualitative]
    if words:
        out.append(("Results in words", ", ".join(words)))
    return out


class CaseSummary(QTextBrowser):
    def show_case(self, case: Case | None) -> None:
        self.setHtml(summary_html(case) if case else "<p>No case selected.</p>")
