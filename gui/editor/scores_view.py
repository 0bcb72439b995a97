"""Scores > Results: each instrument computed from the case as edited, with every input and
where it came from, what is missing and what it could change, and what the reference does
not confirm (marked "unconfirmed"). Read-only; advice, never an order."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from domain.model import Case, format_number
from domain.scores.case_scores import case_scores, tis_between
from domain.scores.result import Result

MISSING_BG = "#fff4ce"
UNCONFIRMED = "<span style='color:#a4262c; font-weight:600'>unconfirmed</span>"
STATUS = {"confirmed": "<span style='color:#107c10'>confirmed</span>",
          "partly confirmed": "<span style='color:#8a5a00'>partly confirmed</span>",
          "unconfirmed": UNCONFIRMED}


def _cell(text: str, bg: str = "") -> str:
    style = f" style='background:{bg}'" if bg else ""
    return f"<td{style}>{escape(text)}</td>"


def result_html(r: Result) -> str:
    """One instrument as HTML (what the view shows; tests read the same text)."""
    mark = f" &nbsp;[{UNCONFIRMED} parts below]" if r.unconfirmed else ""
    out = [f"<h3>{escape(r.instrument)}: {escape(r.category)}"
           + (f" ({escape(r.value)})" if r.value not in r.category else "") + f"{mark}</h3>"]
    out.append("<table border='0' cellspacing='0' cellpadding='3' width='100%'>"
               "<tr><th align='left'>Input</th><th align='left'>Value</th>"
               "<th align='right'>Points</th><th align='left'>Where it came from</th></tr>")
    for u in r.inputs:
        bg = MISSING_BG if u.missing else ""
        pts = "" if u.points is None else format_number(u.points)
        out.append("<tr>" + _cell(u.label, bg) + _cell(u.value, bg)
                   + f"<td align='right'>{pts}</td>" + _cell(u.where, bg) + "</tr>")
    out.append("</table>")
    if r.missing:
        out.append(f"<p><b>Missing:</b> {escape('; '.join(r.missing))}</p>")
    for title, lines in (("What the missing inputs could change", r.if_missing),
                         ("Notes", r.notes)):
        if lines:
            items = "".join(f"<li>{escape(t)}</li>" for t in lines)
            out.append(f"<p><b>{title}:</b></p><ul>{items}</ul>")
    suggestions = r.extra.get("suggestions", [])
    if suggestions:
        items = "".join(f"<li>{escape(s['text'])} [{STATUS.get(s['status'], escape(s['status']))}"
                        f"; {escape(s['citation'])}]</li>" for s in suggestions)
        out.append("<p><b>Screening (advice for the treating clinician, not an order):</b></p>"
                   f"<ul>{items}</ul>")
    for t in r.unconfirmed:
        out.append(f"<p style='color:#a4262c'>Unconfirmed: {escape(t)}</p>")
    out.append(f"<p style='color:#605e5c'><small>{escape(r.citation)}</small></p>")
    return "\n".join(out)


def summary_html(results: list[Result]) -> str:
    """One line per instrument: what it gives, how many inputs are missing."""
    rows = "".join(
        f"<tr><td><b>{escape(r.instrument)}</b></td><td>{escape(r.category)}"
        + (f" ({escape(r.value)})" if r.value not in r.category else "") + "</td>"
        f"<td align='right'>{len(r.missing)}</td>"
        f"<td>{UNCONFIRMED if r.unconfirmed else ''}</td></tr>"
        for r in results
    )
    if not any(r.instrument.startswith("TIS") for r in results):
        rows += ("<tr><td><b>TIS (2016 ACR/EULAR response)</b></td>"
                 "<td>needs two dated core-set visits</td><td></td><td></td></tr>")
    return ("<table width='100%' cellspacing='0' cellpadding='3'><tr><th align='left'>Instrument</th>"
            "<th align='left'>Result</th><th>Inputs missing</th><th></th></tr>"
            f"{rows}</table>")


class ScoresView(QWidget):
    """The results of every instrument for the case as it is in the editor."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.case: Case | None = None
        self.visit_from, self.visit_to = QComboBox(), QComboBox()
        self.tis_row = QWidget()
        h = QHBoxLayout(self.tis_row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(QLabel("TIS between the core-set visit of"))
        h.addWidget(self.visit_from)
        h.addWidget(QLabel("and"))
        h.addWidget(self.visit_to)
        h.addStretch(1)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tis_row)
        layout.addWidget(self.browser, 1)
        self.visit_from.activated.connect(lambda _i: self._render())
        self.visit_to.activated.connect(lambda _i: self._render())

    def show_case(self, case: Case) -> None:
        self.case = case
        dated = [v for v in case.core_set_visits if v.day is not None]
        self.tis_row.setVisible(len(dated) >= 2)
        days = sorted({v.day for v in dated})
        for box, pick in ((self.visit_from, 0), (self.visit_to, -1)):
            current = box.currentData()
            box.clear()
            for d in days:
                box.addItem(f"day {d}", d)
            i = box.findData(current)
            box.setCurrentIndex(i if i >= 0 else (len(days) + pick if pick < 0 else pick))
        self._render()

    def results(self) -> list[Result]:
        case = self.case
        out = case_scores(case)
        a, b = self.visit_from.currentData(), self.visit_to.currentData()
        if self.tis_row.isVisibleTo(self) and a is not None and b is not None and a != b:
            visits = {v.day: v for v in case.core_set_visits if v.day is not None}
            out = [r for r in out if not r.instrument.startswith("TIS")]
            first, second = sorted((a, b))
            out.append(tis_between(case, visits[first], visits[second]))
        return out

    def _render(self) -> None:
        if self.case is None:
            return
        head = ("<p>Computed from the case as it is in the editor (unsaved edits included). "
                "Inputs marked in yellow are missing. Edit them in Criteria and Core-set "
                "visits, or in Labs, Antibodies and Assessments.</p>")
        results = self.results()
        body = summary_html(results) + "<p>&nbsp;</p>" + "<hr>".join(result_html(r) for r in results)
        bar = self.browser.verticalScrollBar().value()
        self.browser.setHtml(head + body)
        self.browser.verticalScrollBar().setValue(bar)
