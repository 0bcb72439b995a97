"""Sources: where each preloaded fact comes from, with the sentence or Table cell (read-only)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.model import Case, Source, format_number
from domain.vocabulary import ASSESSMENT_LABELS

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1


def _day(day: int | None) -> str:
    return "day not given" if day is None else f"day {day}"


def _dose(dose: float | None, unit: str) -> str:
    return "dose not stated" if dose is None else f"{format_number(dose)} {unit}"


def source_groups(case: Case) -> list[tuple[str, list[tuple[str, Source]]]]:
    """(group, [(fact, source)]) for every fact of the case that has a source."""
    groups = [
        ("Case", [(k.replace("_", " ").replace(".", ": "), s) for k, s in case.sources.items()]),
        (
            "Labs",
            [(f"{r.analyte} {r.value_text} {r.unit}, {_day(r.day)}", r.source) for r in case.labs],
        ),
        ("Antibodies", [(f"{a.antibody}: {a.status.value}", a.source) for a in case.antibodies]),
        (
            "Steroid course",
            [
                (f"{s.drug} {_dose(s.dose, s.unit)} from {_day(s.from_day)}", s.source)
                for s in case.steroid_steps
            ],
        ),
        (
            "Chemotherapy",
            [(r.name, r.source) for r in case.regimens]
            + [
                (f"{r.name}, cycle {c.number}, {_day(c.day)}", c.source)
                for r in case.regimens
                for c in r.cycles
            ],
        ),
        (
            "Other treatments",
            [(f"{t.name}, from {_day(t.start_day)}", t.source) for t in case.treatments],
        ),
        (
            "Assessments",
            [
                (f"{ASSESSMENT_LABELS[a.kind]}: {a.value}, {_day(a.day)}", a.source)
                for a in case.assessments
            ],
        ),
        ("Findings", [(f"{f.name}: {f.result}", f.source) for f in case.findings]),
    ]
    return [(g, [(fact, s) for fact, s in items if s is not None]) for g, items in groups]


class SourcesView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Fact", "Where in the source", "Quote"])
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 260)
        self.tree.setAlternatingRowColors(True)
        self.quote = QTextBrowser()
        self.tree.currentItemChanged.connect(self._show_quote)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.quote)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split)

    def show_case(self, case: Case) -> None:
        self.tree.clear()
        self.quote.clear()
        groups = source_groups(case)
        total = sum(len(items) for _g, items in groups)
        if not total:
            self.intro.setText(
                "This case has no recorded sources. For a case from a publication, type the "
                "citation once (Patient tab, Published report) and each fact's place and "
                "words in the 'Where in the source' and 'Quote' columns of its table."
            )
            return
        self.intro.setText(
            f"{total} facts of this case carry their source: the reference and the sentence or "
            "Table cell they were taken from. Editing a fact keeps its source; select a fact to "
            "read the quote."
        )
        for group, items in groups:
            if not items:
                continue
            top = QTreeWidgetItem([f"{group} ({len(items)})", ""])
            self.tree.addTopLevelItem(top)
            for fact, s in items:
                item = QTreeWidgetItem([fact, s.locator, s.quote])
                item.setData(0, SOURCE_ROLE, s)
                for col in range(3):
                    item.setToolTip(col, s.quote)
                top.addChild(item)
            top.setExpanded(True)
        first = self.tree.topLevelItem(0).child(0)
        self.tree.setCurrentItem(first)  # the quote pane is never empty

    def _show_quote(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        s = item.data(0, SOURCE_ROLE) if item is not None else None
        if s is None:
            self.quote.clear()
            return
        self.quote.setHtml(
            f"<p><b>{escape(s.reference)}</b> — {escape(s.locator)}</p>"
            f"<blockquote>“{escape(s.quote)}”</blockquote>"
        )
