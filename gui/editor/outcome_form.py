"""Outcome: cutaneous and muscular response, final outcome and follow-up."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from domain.catalogue import glucocorticoids
from domain.model import NOT_SPECIFIED, Case, Outcome, Precision
from domain.problems import Problem, Section

from ..widgets.fields import (
    DayField,
    MessageLabel,
    combo,
    line,
    set_combo,
    text_box,
    with_message,
)
from .form import Form, Parser, day_text, number_text, split_problems, text_or_ns

# the words of the paper's Table (Takashima et al. 2017); other text may be typed
RESPONSES = (
    NOT_SPECIFIED,
    "Dramatic improvement",
    "Marked improvement",
    "Significant improvement",
    "Rapid improvement",
    "Gradual improvement",
    "Improvement",
    "Relieved",
    "No improvement",
)
# "Not known": the source says the outcome is unknown; "not specified": it does not say
FINAL = (NOT_SPECIFIED, "Alive", "Dead", "Not known")
FOLLOWUP = "Follow-up day"
DEATH = "Day of death"
FU_DOSE = "Dose at follow-up"


class OutcomeForm(Form):
    sections = (Section.OUTCOME,)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        self.cutaneous = combo(RESPONSES, editable=True, min_chars=26)
        self.muscular = combo(RESPONSES, editable=True, min_chars=26)
        self.final = combo(FINAL)
        self.followup = DayField()
        self.followup_message = MessageLabel()
        self.death = DayField()
        self.death_message = MessageLabel()
        self.dose = line("mg/day; empty when not given", chars=8)
        self.dose_drug = combo(["", *glucocorticoids()])
        self.dose_message = MessageLabel()
        self.note = text_box(4)
        self.general = MessageLabel()
        response = QFormLayout()
        response.addRow("Cutaneous manifestations", self.cutaneous)
        response.addRow("Muscular manifestations", self.muscular)
        resp_box = QGroupBox("Response to treatment")
        resp_box.setLayout(response)
        final = QFormLayout()
        final.addRow("Final outcome", self.final)
        final.addRow("Follow-up until day", with_message(self.followup, self.followup_message))
        final.addRow("Day of death", with_message(self.death, self.death_message))
        dose = QHBoxLayout()
        dose.addWidget(self.dose_drug)
        dose.addWidget(self.dose)
        dose.addWidget(QLabel("mg/day at follow-up (since when: not given)"))
        dose.addStretch(1)
        final.addRow("Steroid at follow-up", with_message(_boxed(dose), self.dose_message))
        final.addRow("Note", self.note)
        final_box = QGroupBox("Outcome")
        final_box.setLayout(final)
        layout = QVBoxLayout(self)
        hint = QLabel("Pick the Table's wording or type your own; 'not specified' when unknown.")
        layout.addWidget(hint)
        layout.addWidget(resp_box)
        layout.addWidget(final_box)
        layout.addWidget(self.general)
        layout.addStretch(1)
        self.cutaneous.currentTextChanged.connect(lambda _t: self.changed.emit("cutaneous"))
        self.muscular.currentTextChanged.connect(lambda _t: self.changed.emit("muscular"))
        self.final.activated.connect(lambda _i: self.changed.emit(""))
        self.followup.edited.connect(lambda: self.changed.emit("followup"))
        self.note.textChanged.connect(lambda: self.changed.emit("outcome_note"))
        self.death.edited.connect(lambda: self.changed.emit("death"))
        self.dose.textEdited.connect(lambda _t: self.changed.emit("followup_dose"))
        self.dose_drug.activated.connect(lambda _i: self.changed.emit(""))

    def load(self, case: Case) -> None:
        o = case.outcome
        self.set_state(
            {
                "cutaneous": o.response_cutaneous,
                "muscular": o.response_muscular,
                "final": o.final_outcome,
                "followup": (day_text(o.followup_day), o.followup_precision.value),
                "note": o.note,
                "death": (day_text(o.death_day), o.death_precision.value),
                "dose": number_text(o.followup_dose),
                "dose_drug": o.followup_drug,
            }
        )

    def state(self) -> dict:
        return {
            "cutaneous": self.cutaneous.currentText(),
            "muscular": self.muscular.currentText(),
            "final": self.final.currentText(),
            "followup": self.followup.state(),
            "note": self.note.toPlainText(),
            "death": self.death.state(),
            "dose": self.dose.text(),
            "dose_drug": self.dose_drug.currentText(),
        }

    def set_state(self, state: dict) -> None:
        set_combo(self.cutaneous, state["cutaneous"])
        set_combo(self.muscular, state["muscular"])
        set_combo(self.final, state["final"])
        self.followup.set_state(state["followup"])
        self.death.set_state(state["death"])
        self.dose.setText(state["dose"])
        set_combo(self.dose_drug, state["dose_drug"])
        if self.note.toPlainText() != state["note"]:
            self.note.setPlainText(state["note"])

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        text, precision = self.followup.state()
        if not text.strip() and precision != Precision.NOT_SPECIFIED:
            day, prec = None, Precision.NOT_SPECIFIED  # no follow-up day given
        else:
            day, prec = p.at(Section.OUTCOME).day(
                text, precision, "followup_day", FOLLOWUP, self.day0_date()
            )
        text, precision = self.death.state()
        if not text.strip():
            death, death_p = None, Precision.NOT_SPECIFIED  # no day of death given
        else:
            death, death_p = p.at(Section.OUTCOME).day(
                text, precision, "death_day", DEATH, self.day0_date()
            )
        case.outcome = Outcome(
            response_cutaneous=text_or_ns(self.cutaneous.currentText()),
            response_muscular=text_or_ns(self.muscular.currentText()),
            final_outcome=self.final.currentText(),
            followup_day=day,
            followup_precision=prec,
            note=self.note.toPlainText().strip(),
            followup_dose=p.at(Section.OUTCOME).number(
                self.dose.text(), "followup_dose", FU_DOSE, 0, 1000, "mg/day"
            ),
            followup_drug=self.dose_drug.currentText(),
            death_day=death,
            death_precision=death_p,
        )
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [q for q in problems if q.field == "followup_day"]
        self.followup_message.show_messages(*split_problems(mine))
        death = [q for q in problems if q.field == "death_day"]
        self.death_message.show_messages(*split_problems(death))
        dose = [q for q in problems if q.field in ("followup_dose", "followup_drug")]
        self.dose_message.show_messages(*split_problems(dose))
        rest = [q for q in problems if q not in mine and q not in death and q not in dose]
        self.general.show_messages(*split_problems(rest))


def _boxed(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
