"""Investigations: imaging, PET-CT, endoscopy, EMG, biopsy, histology, immunohistochemistry
and the other findings a case holds (Case.findings), each with its day and precision.

Every finding of the case is a row here, in its stored order (the rows are numbered as
the checks number them); the immunohistochemistry of the tumour is edited here too and
nowhere else. A kind the list does not offer (e.g. 'tumour search' of a preloaded case)
is shown and kept as stored.
"""

from __future__ import annotations

from domain.model import NOT_SPECIFIED, Finding
from domain.problems import Section

from ..widgets.rows_model import Column, Row
from .form import Parser
from .table_form import DayColumn, TableForm

# what the clinician reads -> the stored kind (Finding.kind)
KINDS = {
    "imaging": "imaging",
    "PET-CT": "pet-ct",
    "endoscopy": "endoscopy",
    "EMG": "emg",
    "biopsy": "biopsy",
    "histology": "histology",
    "immunohistochemistry": "ihc",
    "history": "history",
    "examination": "examination",
    "tumour search": "tumour search",
    "treatment": "treatment",
    "treatment response": "treatment response",
}
KIND_LABELS = {v: k for k, v in KINDS.items()}
IHC_RESULTS = ("positive", "partially positive", "negative", NOT_SPECIFIED)
DAY = DayColumn("day", "precision")


def _kinds(row: Row) -> list[str]:
    """The kinds offered, and a stored kind of the row's own the list does not have."""
    shown = str(row.get("kind", ""))
    return ["", *KINDS] + ([shown] if shown and shown not in KINDS else [])


def _results(row: Row) -> list[str]:
    return list(IHC_RESULTS) if row.get("kind") == "immunohistochemistry" else []


class FindingsForm(TableForm):
    section, attr, item, tag = Section.FINDINGS, "findings", Finding, "finding"
    add_text, delete_text, rows_shown, sortable = "Add investigation", "Delete investigation", 10, True
    texts = ("name",)
    hint = (
        "What was investigated and found: imaging (CT, MRI), PET-CT, endoscopy, EMG, "
        "biopsy, histology, immunohistochemistry of the tumour (one marker a row), and "
        "what the source says of the history or examination. The day is empty with "
        "precision 'not specified' when the source gives none. The cancer's metastasis "
        "sites are under Tumour on the Patient & diagnosis tab."
    )

    def table_columns(self) -> list[Column | DayColumn]:
        return [
            Column("kind", "Kind", 165, choices=_kinds, free=False),
            Column("name", "Investigation", 200,
                   tip="e.g. Chest CT, Muscle MRI (STIR), Synaptophysin"),
            Column("result", "Result", 245, choices=_results,
                   tip="What it showed, as the source words it; 'Not performed' if so"),
            DAY,
        ]

    def new_item(self) -> Finding:
        return Finding("", "", "")

    def to_row(self, f: Finding) -> Row:
        return {"kind": KIND_LABELS.get(f.kind, f.kind), "result": f.result}

    def values(self, row: Row, p: Parser, day0_date: str) -> dict:
        shown = str(row["kind"]).strip()
        if not shown:
            p.error("kind", "Kind", "choose the kind: " + ", ".join(KINDS))
        if not str(row["name"]).strip():
            p.error("name", "Investigation", "name the investigation, e.g. Chest CT")
        result = str(row["result"]).strip()
        orig = row["_orig"]
        if orig is None or result != orig.result.strip():
            result = result or NOT_SPECIFIED  # an empty result: the source does not say
        else:
            result = orig.result  # as stored, to the character
        return dict(kind=KINDS.get(shown, shown), result=result)
