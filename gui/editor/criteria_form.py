"""Scores > Criteria: the facts the classification and screening instruments read that no
other tab holds. What another tab already says (enzymes from Labs, anti-Jo-1 from
Antibodies, dysphagia from Assessments, the age) is shown as derived, not asked again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from domain.fields_scores import CRITERIA_FIELDS
from domain.model import Case, CriteriaFacts, Presence
from domain.problems import Problem, Section
from domain.scores.checks import ONSET_LABEL
from domain.scores.facts import Facts, gather

from ..widgets.fields import MessageLabel, combo, line, set_combo, with_message
from .form import Form, Parser, split_problems

NOT_RECORDED = "(not recorded)"
CHOICES = [NOT_RECORDED, *(p.value for p in Presence)]
LABELS = {f.name: f.label for f in CRITERIA_FIELDS}
GROUPS = (
    ("Weakness", ("weak_prox_upper", "weak_prox_lower", "weak_neck_flexors",
                  "weak_legs_prox_distal", "weak_finger_flexors")),
    ("Skin", ("heliotrope", "gottron_papules", "gottron_sign", "skin_ulceration")),
    ("Muscle biopsy and EMG", ("muscle_biopsy", "bx_endomysial", "bx_perimysial",
                               "bx_perifascicular", "bx_rimmed_vacuoles", "emg_myopathic")),
    ("Enzymes (when no lab result says)", ("enzymes_raised",)),
    ("Course and exclusions", ("other_cause", "no_treatment_response", "refractory_activity",
                               "ild")),
)
# derived from other tabs: shown here with where they came from
DERIVED = (("onset_age", "Age at onset"), ("enzymes_raised", "Raised CK, LDH, AST or ALT"),
           ("bp_enzymes", "Raised muscle enzymes (incl. aldolase)"), ("anti_jo1", "Anti-Jo-1"),
           ("dysphagia", "Dysphagia"))


class CriteriaForm(Form):
    sections = (Section.CRITERIA,)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combos = {}
        self.onset = line("from the age at presentation", chars=30)
        self.onset_message = MessageLabel()
        self.derived = {key: QLabel() for key, _ in DERIVED}
        self.general = MessageLabel()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        hint = QLabel(
            "What the source says about each criterion: present, absent, not done (a test not "
            "performed) or not specified. Leave '(not recorded)' when unknown; the Results "
            "tab shows what a missing fact could change."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        age = QFormLayout()
        age.addRow("Age at onset of the first symptom (years)",
                   with_message(self.onset, self.onset_message))
        age_box = QGroupBox("Onset")
        age_box.setLayout(age)
        layout.addWidget(age_box)
        grid_box = QGroupBox("Criteria")
        grid = QGridLayout(grid_box)
        row = 0
        for title, keys in GROUPS:
            head = QLabel(f"<b>{title}</b>")
            grid.addWidget(head, row, 0, 1, 2)
            row += 1
            for key in keys:
                c = combo(CHOICES, min_chars=14)
                c.setAccessibleName(LABELS[key])
                c.activated.connect(lambda _i, k=key: self.changed.emit(f"criteria:{k}"))
                self.combos[key] = c
                grid.addWidget(QLabel(LABELS[key]), row, 0)
                grid.addWidget(c, row, 1)
                row += 1
        grid.setColumnStretch(2, 1)  # the choices stay next to their labels
        layout.addWidget(grid_box)
        derived_box = QGroupBox("Derived from the other tabs (edit them there)")
        derived = QFormLayout(derived_box)
        for key, label in DERIVED:
            self.derived[key].setWordWrap(True)
            derived.addRow(label, self.derived[key])
        layout.addWidget(derived_box)
        layout.addWidget(self.general)
        layout.addStretch(1)
        self.fill_scrolled(inner)
        self.onset.textEdited.connect(lambda _t: self.changed.emit("onset_age"))

    def load(self, case: Case) -> None:
        c = case.criteria
        state = {k: (getattr(c, k).value if getattr(c, k) else NOT_RECORDED) for k in self.combos}
        state["onset_age"] = "" if c.onset_age is None else str(c.onset_age)
        self.set_state(state)

    def state(self) -> dict:
        out = {k: c.currentText() for k, c in self.combos.items()}
        out["onset_age"] = self.onset.text()
        return out

    def set_state(self, state: dict) -> None:
        for k, c in self.combos.items():
            set_combo(c, state[k])
        if self.onset.text() != state["onset_age"]:
            self.onset.setText(state["onset_age"])

    def apply(self, case: Case) -> list[Problem]:
        p = Parser(Section.CRITERIA)
        values = {k: (None if c.currentText() == NOT_RECORDED else Presence(c.currentText()))
                  for k, c in self.combos.items()}
        onset = p.number(self.onset.text(), "onset_age", ONSET_LABEL, 0, 120, unit="years",
                         integer=True)
        case.criteria = CriteriaFacts(onset_age=onset, **values)
        return p.problems

    def show_derived(self, case: Case) -> None:
        """Refresh what the other tabs give (called with the edited case)."""
        facts: Facts = gather(case)
        for key, label in self.derived.items():
            f = facts[key]
            label.setText(f"{f.value_text} — {f.where()}")

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [q for q in problems if q.field == "onset_age"]
        self.onset_message.show_messages(*split_problems(mine))
        self.general.show_messages(*split_problems([q for q in problems if q not in mine]))
