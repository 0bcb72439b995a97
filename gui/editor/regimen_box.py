"""One chemotherapy regimen: its agents and doses, and its numbered cycles with their days."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from domain.catalogue import drugs
from domain.model import NOT_SPECIFIED, Agent, Cycle, CycleCount, Precision, Regimen
from domain.problems import Problem, Section

from ..widgets.fields import MessageLabel, line, text_box
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, RowsModel
from . import fact_sources
from .form import Parser, is_unspecified, mark_rows, number_text, revised, split_problems
from .table_form import DayColumn

AGENT_UNITS = ("mg/m²", "mg/kg", "mg", "AUC", "g/m²", "g/kg")  # offered; the domain's list
CYCLES_GIVEN = {"not given": CycleCount.NOT_GIVEN, "exactly": CycleCount.EXACTLY,
                "at least": CycleCount.AT_LEAST}
MAX_CYCLES = 60
CYCLE_DAY = DayColumn("day", "precision", width=80, tip="Day the cycle started")


def chemo_drugs() -> list[str]:
    return [k for k, d in drugs().items() if d.cls == "chemotherapy"]


class RegimenBox(QGroupBox):
    """A regimen's fields; `edited(key)` after each change, `remove_requested` from its button."""

    edited = Signal(str)
    remove_requested = Signal(object)

    def __init__(self, number: int, parent=None):
        super().__init__(f"Regimen {number}", parent)
        self.number = number
        self._orig: Regimen | None = None
        self.name = line("e.g. Carboplatin + etoposide, or 'not stated'")
        self.schedule = line("as the source writes it: days 1-3, every 3 weeks, alternate days")
        self.given_kind = QComboBox()
        self.given_kind.addItems(list(CYCLES_GIVEN))
        self.given_kind.setToolTip("What the source says of the number of cycles given")
        self.given = line("N", chars=4)
        self.given_message = MessageLabel()
        self.length = line("days", chars=6)
        self.note = text_box(2, "anything else the source says of this regimen")
        # the regimen's own source, for a case from a publication (the cycles' are in rows)
        self.source_locator = line("e.g. Case Report, para 3")
        self.source_quote = line("the publication's words for this regimen")
        self.cycle_count = QSpinBox()
        self.cycle_count.setRange(0, MAX_CYCLES)
        self.cycle_count.setToolTip("Number of cycles: sets the rows of the cycle table")
        self.agents = RowsModel(
            [
                Column(
                    "drug", "Agent", 150, choices=chemo_drugs(), tip="From the list, or type one"
                ),
                Column("dose", "Dose", 64, numeric=True, tip="Empty when the source gives none"),
                Column("unit", "Unit", 70, choices=AGENT_UNITS),
                Column("schedule", "Schedule", 110, tip="e.g. days 1-3, day 1"),
            ],
            lambda: {"drug": "", "dose": "", "unit": "", "schedule": "", "_orig": None},
        )
        self.cycles = RowsModel(
            [Column("number", "Cycle", 56, numeric=True), *CYCLE_DAY.columns(),
             *fact_sources.COLUMNS],
            lambda: {"number": "", **CYCLE_DAY.cells(None, Precision.EXACT),
                     **fact_sources.cells(None), "_orig": None},
            on_edit=lambda row, key: CYCLE_DAY.edited(row, key, ""),
        )
        self.agents_editor = RowsEditor(self.agents, "Add agent", "Delete agent", min_rows_shown=2)
        self.cycles_editor = RowsEditor(self.cycles, min_rows_shown=4)
        self.cycles_editor.add_button.hide()
        self.cycles_editor.delete_button.hide()
        self.messages = MessageLabel()
        self.length_message = MessageLabel()
        remove = QPushButton("Remove regimen")
        remove.clicked.connect(lambda: self.remove_requested.emit(self))

        remove.setToolTip("Remove this regimen from the case")
        top = QHBoxLayout()
        top.addWidget(QLabel("Name *"))
        top.addWidget(self.name, 3)
        top.addSpacing(12)
        top.addWidget(QLabel("Cycles"))
        top.addWidget(self.cycle_count)
        top.addSpacing(12)
        top.addWidget(QLabel("every"))
        top.addWidget(self.length)
        top.addWidget(QLabel("days"))
        top.addStretch(1)
        top.addWidget(remove)
        note = QHBoxLayout()
        note.addWidget(QLabel("Schedule"))
        note.addWidget(self.schedule, 2)
        note.addWidget(QLabel("Cycles given"))
        note.addWidget(self.given_kind)
        note.addWidget(self.given)
        agents = QVBoxLayout()
        agents.addWidget(QLabel("Agents and doses"))
        agents.addWidget(self.agents_editor)
        cycles = QVBoxLayout()
        cycles.addWidget(QLabel("Cycles and their days"))
        cycles.addWidget(self.cycles_editor)
        tables = QHBoxLayout()
        tables.addLayout(agents, 1)
        tables.addLayout(cycles, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.length_message)
        outer.addLayout(note)
        outer.addWidget(self.given_message)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel("Note"))
        note_row.addWidget(self.note, 1)
        outer.addLayout(note_row)
        source_row = QHBoxLayout()
        source_row.addWidget(QLabel(fact_sources.LOCATOR_TITLE))
        source_row.addWidget(self.source_locator, 1)
        source_row.addWidget(QLabel(fact_sources.QUOTE_TITLE))
        source_row.addWidget(self.source_quote, 2)
        outer.addLayout(source_row)
        outer.addLayout(tables)
        outer.addWidget(self.messages)

        n = number
        self.name.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:name"))
        self.length.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:length"))
        self.note.textChanged.connect(lambda: self.edited.emit(f"reg{n}:note"))
        self.schedule.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:schedule"))
        self.source_locator.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:src_loc"))
        self.source_quote.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:src_quote"))
        self.given.textEdited.connect(lambda _t: self.edited.emit(f"reg{n}:given"))
        self.given_kind.currentIndexChanged.connect(lambda _i: self.edited.emit(f"reg{n}:kind"))
        self.cycle_count.valueChanged.connect(self._set_cycle_count)
        self.agents.edited.connect(lambda k: self.edited.emit(f"reg{n}:agent:{k}" if k else ""))
        self.cycles.edited.connect(lambda k: self.edited.emit(f"reg{n}:cycle:{k}" if k else ""))

    def _set_cycle_count(self, n: int) -> None:
        """Add or remove cycle rows at the end so there are n."""
        have = self.cycles.rowCount()
        if n < have:
            self.cycles.remove_rows(range(n, have))
        for _ in range(have, n):
            numbers = [int(r["number"]) for r in self.cycles.rows() if str(r["number"]).isdigit()]
            self.cycles.add_row({"number": str(max(numbers, default=0) + 1)})

    def state(self) -> dict:
        return {
            "name": self.name.text(),
            "length": self.length.text(),
            "note": self.note.toPlainText(),
            "schedule": self.schedule.text(),
            fact_sources.LOCATOR: self.source_locator.text(),
            fact_sources.QUOTE: self.source_quote.text(),
            "given_kind": self.given_kind.currentText(),
            "given": self.given.text(),
            "agents": self.agents.rows(),
            "cycles": self.cycles.rows(),
            "_orig": self._orig,
        }

    def set_state(self, s: dict) -> None:
        self._orig = s["_orig"]
        self.name.setText(s["name"])
        self.length.setText(s["length"])
        if self.note.toPlainText() != s["note"]:
            self.note.setPlainText(s["note"])
        self.schedule.setText(s["schedule"])
        self.source_locator.setText(s[fact_sources.LOCATOR])
        self.source_quote.setText(s[fact_sources.QUOTE])
        self.source_quote.setCursorPosition(0)
        self.given.setText(s["given"])
        self.given_kind.blockSignals(True)
        self.given_kind.setCurrentText(s["given_kind"])
        self.given_kind.blockSignals(False)
        self.name.setCursorPosition(0)
        self.agents.set_rows(s["agents"])
        self.cycles.set_rows(s["cycles"])
        self.cycle_count.blockSignals(True)
        self.cycle_count.setValue(len(s["cycles"]))
        self.cycle_count.blockSignals(False)

    def apply(self, parser: Parser, day0: str, citation: str = "") -> Regimen:
        n = self.number
        p = parser.at(Section.REGIMENS, n)
        name = self.name.text().strip()
        if name and is_unspecified(name):
            name = NOT_SPECIFIED  # the source gives no regimen name
        if not name:
            p.error("name", "Name", "give the regimen a name, e.g. Carboplatin + etoposide")
        length = p.number(
            self.length.text(), "cycle_length_days", "Cycle length", 1, 365, "days", integer=True
        )
        agents = []
        for i, row in enumerate(self.agents.rows(), 1):
            at = parser.at(Section.AGENTS, i, parent=n)
            drug = str(row["drug"]).strip()
            if not drug:
                at.error("drug", "Agent", "choose an agent from the list or type its name")
            unit = str(row["unit"]).strip()
            dose = at.number(str(row["dose"]), "dose", "Dose", 0, 10000, unit)
            if dose == 0:
                at.error("dose", "Dose", "a dose must be above 0; leave it empty when not given")
            if dose is not None and not unit:
                at.error("unit", "Unit", f"give the unit of the dose: {', '.join(AGENT_UNITS)}")
            agents.append(Agent(drug, dose, unit, str(row["schedule"]).strip()))
        cycles = []
        for i, row in enumerate(self.cycles.rows(), 1):
            at = parser.at(Section.CYCLES, i, parent=n)
            number = at.number(str(row["number"]), "number", "Cycle", 1, MAX_CYCLES, integer=True)
            day, precision = CYCLE_DAY.parse(row, at, day0)
            orig = row["_orig"].source if row["_orig"] is not None else None
            values = dict(number=number if number is not None else i, day=day, precision=precision,
                          source=fact_sources.parse(row, orig, citation, at))
            cycles.append(revised(row["_orig"], Cycle, **values))
        kind = CYCLES_GIVEN[self.given_kind.currentText()]
        given = p.number(self.given.text(), "cycle_count", "Cycles given", 1, 999, integer=True)
        if kind != CycleCount.NOT_GIVEN and given is None:
            p.error("cycle_count", "Cycles given", f"'{kind.value}': enter the number of cycles")
        values = dict(
            name=name,
            agents=agents,
            cycles=cycles,
            cycle_length_days=length,
            note=self.note.toPlainText().strip(),
            schedule=self.schedule.text().strip(),
            cycle_count=given,
            cycle_count_kind=kind if given is not None else CycleCount.NOT_GIVEN,
        )
        mine = self._orig.source if self._orig is not None else None
        values["source"] = fact_sources.parse(self.state(), mine, citation, p)
        return revised(self._orig, Regimen, **values)

    def show_problems(self, problems: list[Problem]) -> None:
        """This regimen's problems: its agents' and cycles' in their tables, the cycle
        length beside its field, the rest below."""
        agents = [q for q in problems if q.section == Section.AGENTS]
        cycles = [q for q in problems if q.section == Section.CYCLES]
        length = [q for q in problems if q.field == "cycle_length_days"]
        given = [q for q in problems if q.section == Section.REGIMENS
                 and q.field in ("cycle_count", "cycle_count_kind")]
        self.given_message.show_messages(*split_problems(given))
        mark_rows(self.agents, agents)
        mark_rows(self.cycles, cycles)
        self.agents_editor.messages.show_messages(*split_problems(agents))
        self.cycles_editor.messages.show_messages(*split_problems(cycles))
        self.length_message.show_messages(*split_problems(length))
        rest = [q for q in problems
                if q not in agents and q not in cycles and q not in length and q not in given]
        self.messages.show_messages(*split_problems(rest))


def regimen_state(r: Regimen) -> dict:
    """The typed-text snapshot of a stored regimen."""
    return {
        "name": r.name,
        "length": number_text(r.cycle_length_days),
        "note": r.note,
        "schedule": r.schedule,
        **fact_sources.cells(r.source),
        "given": number_text(r.cycle_count),
        "given_kind": next(k for k, v in CYCLES_GIVEN.items() if v == r.cycle_count_kind),
        "agents": [
            {"drug": a.drug, "dose": number_text(a.dose), "unit": a.unit,
             "schedule": a.schedule, "_orig": a}
            for a in r.agents
        ],
        "cycles": [
            {
                "number": str(c.number),
                **CYCLE_DAY.cells(c.day, c.precision),
                **fact_sources.cells(c.source),
                "_orig": c,
            }
            for c in r.cycles
        ],
        "_orig": r,
    }
