"""Patient & diagnosis: who the patient is, day 0, the DM diagnosis and the tumour."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from domain.catalogue import tumour_types
from domain.model import NOT_SPECIFIED, Case, Diagnosis, Sex, SmokingStatus, Tumour
from domain.problems import Problem, Section
from domain.validation import parse_date

from ..widgets.fields import MessageLabel, combo, line, set_combo, text_box, with_message
from .form import Form, Parser, number_text, split_problems, text_or_ns

SEXES = {"male (M)": Sex.MALE, "female (F)": Sex.FEMALE, NOT_SPECIFIED: Sex.NOT_SPECIFIED}
CRITERIA = ("", "Bohan and Peter", "EULAR/ACR 2017", NOT_SPECIFIED)  # the source names none
GRADES = ("", "definite", "probable", "possible", NOT_SPECIFIED)
TUMOUR_TYPES = (NOT_SPECIFIED, *tumour_types())  # free text allowed
SMOKING = {s.value: s for s in SmokingStatus}

# a problem's field (Problem.field) -> the key of the message label beside that field
FIELD_KEYS = {
    "label": "label",
    "age": "age",
    "sex": "sex",
    "cigarettes_per_day": "cigs",
    "smoking_years": "years",
    "pack_years": "pack_years",
    "day0_date": "day0_date",
    "size_mm": "size",
}
TEXT_KEYS = (
    "label",
    "reference_number",
    "age",
    "cigs",
    "years",
    "pack_years",
    "occupation",
    "day0_meaning",
    "day0_date",
    "site",
    "size",
    "stage",
    "sampling",
    "metastases",
)
BOX_KEYS = ("citation", "history", "findings", "histology", "notes", "signs")
COMBO_KEYS = ("sex", "criteria", "grade", "tumour_type", "smoking")


LABEL_PASTE_MAX = 1_000_000  # what the field takes in; validation says the limit


class PatientForm(Form):
    sections = (Section.CASE,)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.messages: dict[str, MessageLabel] = {k: MessageLabel() for k in FIELD_KEYS.values()}
        e = self.edits
        e["label"] = line("a name for the case, e.g. 'Clinic 2026-03'")
        # Qt would cut a long paste at 32767 characters without a word: the label's own
        # limit (LABEL_MAX) is checked instead, with a message beside it
        e["label"].setMaxLength(LABEL_PASTE_MAX)
        e["reference_number"] = line("e.g. 20, or 'Our case'", chars=16)
        e["age"] = line("not specified", chars=6)
        e["cigs"] = line("not specified", chars=6)
        e["years"] = line("not specified", chars=6)
        e["pack_years"] = line("computed", chars=6)
        e["occupation"] = line()
        e["day0_meaning"] = line("e.g. day of admission")
        e["day0_date"] = line("YYYY-MM-DD", chars=12)
        e["day0_date"].setToolTip(
            "Optional. With a date, lab days can be typed as dates and are shown as dates too"
        )
        e["site"] = line()
        e["size"] = line("not specified", chars=6)
        e["stage"] = line("e.g. TxN3M0, or pT2aN2M1b stage IVA", chars=30)
        e["sampling"] = line("e.g. EUS-FNA of a lymph node")
        e["metastases"] = line("sites, separated by commas: e.g. liver, bone")
        b = self.boxes
        b["citation"] = text_box(2, "the published report, for a case from the literature")
        b["history"] = text_box(4)
        b["findings"] = text_box(3, "one finding per line")
        b["histology"] = text_box(3)
        b["notes"] = text_box(3)
        b["signs"] = text_box(2, "one per line: e.g. fever, muscle pain, arthralgia")
        self.combos = {
            "sex": combo(list(SEXES)),
            "criteria": combo(CRITERIA, editable=True, min_chars=18),
            "grade": combo(GRADES),
            "tumour_type": combo(TUMOUR_TYPES, editable=True, min_chars=18),
            "smoking": combo(list(SMOKING)),
        }
        self.pack_years_note = QLabel()
        self._build_layout()
        for key, w in self.edits.items():
            w.textEdited.connect(lambda _t, k=key: self.changed.emit(k))
        for key, w in self.boxes.items():
            w.textChanged.connect(lambda k=key: self.changed.emit(k))
        for key, c in self.combos.items():
            if c.isEditable():
                c.currentTextChanged.connect(lambda _t, k=key: self.changed.emit(k))
            else:
                c.activated.connect(lambda _i, k=key: self.changed.emit(""))

    def _build_layout(self) -> None:
        e, m = self.edits, self.messages
        patient = QFormLayout()
        patient.addRow("Label *", with_message(e["label"], m["label"]))
        patient.addRow("Age", with_message(e["age"], m["age"], QLabel("years")))
        patient.addRow("Sex", with_message(self.combos["sex"], m["sex"]))
        smoking = QGridLayout()
        smoking.addWidget(e["cigs"], 0, 0)
        smoking.addWidget(QLabel("cigarettes a day for"), 0, 1)
        smoking.addWidget(e["years"], 0, 2)
        smoking.addWidget(QLabel("years"), 0, 3)
        smoking.setColumnStretch(4, 1)
        smoking_box = QWidget()
        smoking_box.setLayout(smoking)
        smoking.setContentsMargins(0, 0, 0, 0)
        patient.addRow("Smoking status", self.combos["smoking"])
        patient.addRow("Smoking", with_message(smoking_box, m["cigs"]))
        patient.addRow("", m["years"])
        patient.addRow(
            "Pack-years", with_message(e["pack_years"], m["pack_years"], self.pack_years_note)
        )
        patient.addRow("Occupation", e["occupation"])
        patient.addRow("History", self.boxes["history"])
        patient.addRow("Presenting signs", self.boxes["signs"])
        day0 = QFormLayout()
        day0.addRow("Day 0 is", e["day0_meaning"])
        day0.addRow("Day 0 date", with_message(e["day0_date"], m["day0_date"]))
        source = QFormLayout()
        source.addRow("Reference no.", e["reference_number"])
        source.addRow("Citation", self.boxes["citation"])
        dm = QFormLayout()
        dm.addRow("Criteria", self.combos["criteria"])
        dm.addRow("Grade", self.combos["grade"])
        dm.addRow("Findings", self.boxes["findings"])
        tumour = QFormLayout()
        tumour.addRow("Type", self.combos["tumour_type"])
        tumour.addRow("Site", e["site"])
        tumour.addRow("Size", with_message(e["size"], m["size"], QLabel("mm")))
        tumour.addRow("Stage", e["stage"])
        tumour.addRow("Sampling", e["sampling"])
        tumour.addRow("Metastases", e["metastases"])
        tumour.addRow("Histology", self.boxes["histology"])
        ihc = QLabel("Immunohistochemistry: on the Investigations tab, a marker a row.")
        ihc.setWordWrap(True)
        tumour.addRow("", ihc)
        notes = QVBoxLayout()
        notes.addWidget(self.boxes["notes"])
        self.general = MessageLabel()

        left = QVBoxLayout()
        left.addWidget(_group("Patient", patient))
        left.addWidget(_group("Day 0", day0))
        left.addWidget(_group("Published report", source))
        left.addWidget(_group("Notes", notes))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group("Dermatomyositis", dm))
        right.addWidget(_group("Tumour", tumour))
        right.addStretch(1)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.general, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        inner = QWidget()
        inner.setLayout(grid)
        self.fill_scrolled(inner)

    # ---- Form API -------------------------------------------------------------------------
    def load(self, case: Case) -> None:
        t = case.tumour
        self.set_state(
            {
                "label": case.label,
                "reference_number": case.reference_number,
                "age": number_text(case.age),
                "cigs": number_text(case.cigarettes_per_day),
                "years": number_text(case.smoking_years),
                "pack_years": number_text(case.pack_years),
                "occupation": case.occupation,
                "day0_meaning": case.day0_meaning,
                "day0_date": case.day0_date,
                "site": t.site,
                "size": number_text(t.size_mm),
                "stage": t.stage,
                "sampling": t.sampling,
                "metastases": ", ".join(t.metastases),
                "signs": "\n".join(case.presenting_signs),
                "smoking": case.smoking_status.value,
                "citation": case.citation,
                "history": case.history,
                "findings": "\n".join(case.diagnosis.findings),
                "histology": t.histology,
                "notes": case.notes,
                "sex": next(k for k, v in SEXES.items() if v == case.sex),
                "criteria": case.diagnosis.criteria,
                "grade": case.diagnosis.grade,
                "tumour_type": t.type,
            }
        )

    def state(self) -> dict:
        s: dict = {k: self.edits[k].text() for k in TEXT_KEYS}
        s.update({k: self.boxes[k].toPlainText() for k in BOX_KEYS})
        s.update({k: self.combos[k].currentText() for k in COMBO_KEYS})
        return s

    def set_state(self, state: dict) -> None:
        for k in TEXT_KEYS:
            self.edits[k].setText(state[k])
            self.edits[k].setCursorPosition(0)  # long texts show their beginning
        for k in BOX_KEYS:
            if self.boxes[k].toPlainText() != state[k]:
                self.boxes[k].setPlainText(state[k])
        for k in COMBO_KEYS:
            set_combo(self.combos[k], state[k])

    def day0_date(self) -> str:
        """Day 0's date as typed, when it is a valid date (else '')."""
        p = Parser()
        return (
            p.call(
                "day0_date", parse_date, self.edits["day0_date"].text(), "Day 0 date", default=""
            )
            or ""
        )

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        e = {k: w.text() for k, w in self.edits.items()}
        case.label = e["label"].strip()
        case.reference_number = e["reference_number"].strip()
        case.citation = self.boxes["citation"].toPlainText().strip()
        case.age = p.number(e["age"], "age", "Age", 0, 120, "years", integer=True)
        case.sex = SEXES.get(self.combos["sex"].currentText(), Sex.NOT_SPECIFIED)
        case.cigarettes_per_day = p.number(
            e["cigs"], "cigarettes_per_day", "Cigarettes per day", 0, 200
        )
        case.smoking_years = p.number(e["years"], "smoking_years", "Smoking years", 0, 100, "years")
        case.pack_years = p.number(e["pack_years"], "pack_years", "Pack-years", 0, 300)
        computed = case.computed_pack_years
        self.pack_years_note.setText(
            f"= {computed:g} from cigarettes and years"
            if case.pack_years is None and computed is not None
            else ""
        )
        case.smoking_status = SMOKING.get(
            self.combos["smoking"].currentText(), SmokingStatus.NOT_SPECIFIED
        )
        signs = self.boxes["signs"].toPlainText().splitlines()
        case.presenting_signs = [x.strip() for x in signs if x.strip()]
        case.occupation = e["occupation"].strip()
        case.history = self.boxes["history"].toPlainText().strip()
        case.day0_meaning = e["day0_meaning"].strip()
        day0 = p.call("day0_date", parse_date, e["day0_date"], "Day 0 date", default=None)
        if day0 is not None:
            case.day0_date = day0
        findings = self.boxes["findings"].toPlainText().splitlines()
        case.diagnosis = Diagnosis(
            self.combos["criteria"].currentText().strip(),
            self.combos["grade"].currentText(),
            [f.strip() for f in findings if f.strip()],
        )
        case.tumour = Tumour(
            type=text_or_ns(self.combos["tumour_type"].currentText()),
            site=e["site"].strip(),
            size_mm=p.number(e["size"], "size_mm", "Tumour size", 0.1, 300, "mm"),
            stage=e["stage"].strip(),
            sampling=e["sampling"].strip(),
            histology=self.boxes["histology"].toPlainText().strip(),
            metastases=[x.strip() for x in e["metastases"].split(",") if x.strip()],
        )
        case.notes = self.boxes["notes"].toPlainText().strip()
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        by_key: dict[str, list[Problem]] = {}
        rest = []
        for prob in problems:
            key = FIELD_KEYS.get(prob.field) if prob.section == Section.CASE else None
            if key:
                by_key.setdefault(key, []).append(prob)
            else:
                rest.append(prob)
        for key, label in self.messages.items():
            label.show_messages(*split_problems(by_key.get(key, [])))
        self.general.show_messages(*split_problems(rest))


def _group(title: str, layout) -> QGroupBox:
    g = QGroupBox(title)
    g.setLayout(layout)
    return g
