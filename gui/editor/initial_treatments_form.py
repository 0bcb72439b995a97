"""The order of initial treatments, as the paper's Table gives it ("PSL→chemotherapy")."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from domain.catalogue import drugs
from domain.initial_proposal import propose_initial_treatments
from domain.model import (
    NOT_SPECIFIED,
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    InitialTreatmentsStatus,
)
from domain.problems import Problem, Section
from domain.table import initial_treatments_text

from ..widgets.fields import MessageLabel, combo, set_combo
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from .form import Form, Parser, mark_rows, split_problems
from .other_treatments_form import KIND_LABELS, KINDS

STATUSES = {"given (listed below)": "given", "none": "none", NOT_SPECIFIED: NOT_SPECIFIED}
STEP_KINDS = [
    "steroid",
    "chemotherapy",
    "IVIg",
    "immunosuppressant",
    "radiotherapy",
    "surgery",
    "other",
]


def _blank() -> Row:
    return {"step": "", "kind": "steroid", "drug": "", "dose": ""}


class InitialTreatmentsForm(Form):
    sections = (Section.INITIAL,)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = combo(list(STATUSES))
        self.model = RowsModel(
            [
                Column(
                    "step",
                    "Step",
                    50,
                    numeric=True,
                    tip="1 first, 2 next ...; same number: together",
                ),
                Column("kind", "Kind", 130, choices=STEP_KINDS, free=False),
                Column(
                    "drug", "Drug", 150, choices=list(drugs()), tip="Optional, e.g. prednisolone"
                ),
                Column("dose", "Dose as given", 120, tip="As the source gives it, e.g. 60 mg"),
            ],
            _blank,
            on_edit=self._on_edit,
        )
        self.editor = RowsEditor(self.model, "Add treatment", "Delete treatment", min_rows_shown=4)
        self.preview = QLabel()
        self.status_message = MessageLabel()
        # the order the entered treatments give: shown, stored only when confirmed
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.proposal.setToolTip(
            "Proposed by the day the first steroid step, the first chemotherapy cycle and "
            "each other treatment started; started the same day: one step"
        )
        self.use_proposal = QPushButton("Use this order")
        self.use_proposal.setToolTip(
            "Fill in the order proposed from the treatments entered; edit it after if the "
            "source says otherwise. Nothing is stored until you save."
        )
        self.use_proposal.clicked.connect(lambda _checked=False: self._confirm_proposal())
        self._proposed: list[list[tuple[str, str]]] = []
        proposal = QHBoxLayout()
        proposal.addWidget(self.proposal, 1)
        proposal.addWidget(self.use_proposal)
        form = QFormLayout()
        form.addRow("Initial treatments", self.status)
        form.addRow("", self.status_message)
        form.addRow("As in the Table", self.preview)
        form.addRow("From the treatments", proposal)
        hint = QLabel(
            "Rows with the same step number were started together; step 2 followed step 1. "
            "Prednisolone (step 1) then chemotherapy (step 2) reads 'PSL→chemotherapy'."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        self.status.activated.connect(lambda _i: self.changed.emit(""))
        self.model.edited.connect(lambda k: self.changed.emit(f"initial:{k}" if k else ""))

    def _on_edit(self, row: Row, key: str) -> None:
        # typing a treatment means some were given
        if self.status.currentText() != "given (listed below)":
            self.status.setCurrentText("given (listed below)")
        if not str(row["step"]).strip():
            steps = [int(r["step"]) for r in self.model.rows() if str(r["step"]).isdigit()]
            row["step"] = str(max(steps, default=0) + 1)

    # ---- the proposal ---------------------------------------------------------------------
    def show_proposal(self, case: Case) -> None:
        """Show the order the case's treatments give (the case as edited), and whether the
        order entered here says the same."""
        proposal = propose_initial_treatments(case)
        left_out = (
            f" Not placed: {', '.join(proposal.unplaced)}." if proposal.unplaced else ""
        )
        if proposal.order is None:
            self._proposed = []
            self.proposal.setText(f"No proposal: no treatment entered has a start day.{left_out}")
            self.use_proposal.setEnabled(False)
            return
        self._proposed = [
            [(KIND_LABELS[i.kind], i.drug) for i in step] for step in proposal.order.steps
        ]
        entered = [[(KIND_LABELS[i.kind], i.drug) for i in step]
                   for step in case.initial_treatments.steps]
        same = (
            case.initial_treatments.status == InitialTreatmentsStatus.GIVEN
            and entered == self._proposed
        )
        verdict = "the order above says the same" if same else "not confirmed"
        self.proposal.setText(f"{proposal.words}  ({verdict}).{left_out}")
        self.use_proposal.setEnabled(not same)

    def _confirm_proposal(self) -> None:
        """The user takes the proposed order: it fills the rows (doses typed are kept)."""
        doses = {(str(r["kind"]), str(r["drug"])): str(r["dose"]) for r in self.model.rows()}
        rows = [
            {"step": str(n), "kind": kind, "drug": drug, "dose": doses.get((kind, drug), "")}
            for n, step in enumerate(self._proposed, 1)
            for kind, drug in step
        ]
        self.set_state({"status": "given (listed below)", "rows": rows})
        self.changed.emit("")

    def load(self, case: Case) -> None:
        it = case.initial_treatments
        rows = [
            {"step": str(n), "kind": KIND_LABELS[i.kind], "drug": i.drug, "dose": i.dose_text}
            for n, step in enumerate(it.steps, 1)
            for i in step
        ]
        status = next((k for k, v in STATUSES.items() if v == it.status), NOT_SPECIFIED)
        self.set_state({"status": status, "rows": rows})

    def state(self) -> dict:
        return {"status": self.status.currentText(), "rows": self.model.rows()}

    def set_state(self, state: dict) -> None:
        set_combo(self.status, state["status"])
        self.model.set_rows(state["rows"])

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        status = STATUSES.get(self.status.currentText(), NOT_SPECIFIED)
        steps: dict[int, list[InitialTreatmentItem]] = {}
        for i, row in enumerate(self.model.rows(), 1):
            n = p.at(Section.INITIAL, i).number(
                str(row["step"]), "step", "Step", 1, 20, integer=True
            )
            item = InitialTreatmentItem(
                KINDS[str(row["kind"])], str(row["drug"]).strip(), str(row["dose"]).strip()
            )
            steps.setdefault(n if n is not None else 1, []).append(item)
        if status == "given" and not steps:
            p.at(Section.INITIAL).error(
                "", "", "add the treatments given, or choose none / not specified"
            )
        if status != "given" and steps:
            p.at(Section.INITIAL).error("", "", "choose 'given' or delete the rows below")
        case.initial_treatments = InitialTreatments(
            InitialTreatmentsStatus(status), [steps[k] for k in sorted(steps)]
        )
        self.preview.setText(initial_treatments_text(case))
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        rows = [q for q in problems if q.row is not None]
        mark_rows(self.model, rows)
        self.editor.messages.show_messages(*split_problems(rows))
        general = [q for q in problems if q.row is None]
        self.status_message.show_messages(*split_problems(general))
