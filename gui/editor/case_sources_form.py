"""The sources of the case's own details (age, sex, tumour type, outcome ...): which
detail, where in the publication and its words, a row each (Case.sources), as the
preloaded cases carry them. The reference is the case's citation (see fact_sources)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from domain.model import Case, Source
from domain.problems import Problem, Section

from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from . import fact_sources
from .form import Form, Parser, mark_rows, split_problems

# the details a source is usually given for (the preloaded cases' keys and a few more)
DETAILS = (
    "citation", "reference_number", "age_sex", "age", "sex", "smoking", "smoking_status",
    "occupation", "history", "presenting_signs", "diagnosis", "tumour.type", "tumour.site",
    "tumour.size_mm", "tumour.stage", "tumour.sampling", "tumour.histology",
    "tumour.metastases", "initial_treatments", "outcome.response_cutaneous",
    "outcome.response_muscular", "outcome.final_outcome", "outcome.followup_day",
    "outcome.followup_dose", "outcome.death_day", "outcome.note",
)


def detail_label(key: str) -> str:
    """How a detail's key reads (as the Sources view names it): 'tumour: type'."""
    return key.replace("_", " ").replace(".", ": ")


_KEYS = {detail_label(k): k for k in DETAILS}


def _choices(row: Row) -> list[str]:
    orig = row.get("_orig")
    own = [detail_label(orig[0])] if orig and detail_label(orig[0]) not in _KEYS else []
    return ["", *_KEYS, *own]


class CaseSourcesForm(Form):
    sections = (Section.CASE_SOURCES,)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = RowsModel(
            [Column("detail", "Which detail", 190, choices=_choices, free=False),
             *fact_sources.COLUMNS],
            lambda: {"detail": "", **fact_sources.cells(None), "_orig": None},
        )
        self.editor = RowsEditor(self.model, "Add source", "Delete source", min_rows_shown=3)
        hint = QLabel(
            "Sources of the case's own details, for a case from a publication: which detail, "
            "where in it, and its words. The reference is the citation (Patient tab)."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.model.edited.connect(lambda k: self.changed.emit(f"case_sources:{k}" if k else ""))

    def load(self, case: Case) -> None:
        self.set_state([
            {"detail": detail_label(k), **fact_sources.cells(s), "_orig": (k, s)}
            for k, s in case.sources.items()
        ])

    def state(self) -> list[Row]:
        return self.model.rows()

    def set_state(self, state: list[Row]) -> None:
        self.model.set_rows(state)

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        sources: dict[str, Source] = {}
        rows_of: dict[str, int] = {}
        for i, row in enumerate(self.model.rows(), 1):
            at = p.at(Section.CASE_SOURCES, i)
            orig = row["_orig"]
            label = str(row["detail"])
            key = orig[0] if orig and label == detail_label(orig[0]) else _KEYS.get(label)
            if key is None:
                at.error("detail", "Which detail", "choose the detail this source is for")
                continue
            if key in rows_of:
                at.error("detail", "Which detail", f"already given in row {rows_of[key]}")
                continue
            before = len(p.problems)
            source = fact_sources.parse(row, orig[1] if orig else None, case.citation, at)
            if source is None and len(p.problems) == before:  # a detail, nothing typed
                at.error(fact_sources.LOCATOR, fact_sources.LOCATOR_TITLE,
                         "type where in the source and its words, or delete the row")
            if source is not None:
                rows_of[key] = i
                sources[key] = source
        case.sources = sources
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mark_rows(self.model, problems)
        self.editor.messages.show_messages(*split_problems(problems))
