"""Chemotherapy: the case's regimens, one box each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from domain.model import Case
from domain.problems import Problem, Section

from .form import Form, Parser
from .regimen_box import RegimenBox, regimen_state


class RegimensForm(Form):
    box_added = Signal(object)  # a new RegimenBox: the editor routes its Ctrl+Z
    sections = (Section.REGIMENS, Section.AGENTS, Section.CYCLES)

    def __init__(self, day0_date, parent=None):
        super().__init__(parent)
        self.day0_date = day0_date
        self.boxes: list[RegimenBox] = []
        self.add_button = QPushButton("Add regimen")
        self.add_button.clicked.connect(self.add_regimen)
        self.empty = QLabel("No chemotherapy recorded.")
        self.list = QVBoxLayout()
        self.scroll = self.fill_scrolled(
            "A regimen has a name, its agents (doses optional) and numbered cycles: "
            "set 'Cycles' to the number given, then type each cycle's day.",
            self.empty,
            self.list,
            self.add_button,
        )

    def add_regimen(self) -> RegimenBox:
        box = self._append()
        box.name.setFocus()
        self.changed.emit("")
        return box

    def _append(self) -> RegimenBox:
        box = RegimenBox(len(self.boxes) + 1)
        box.edited.connect(self.changed)
        box.remove_requested.connect(self._remove)
        self.boxes.append(box)
        self.list.addWidget(box)
        self.empty.setVisible(False)
        self.box_added.emit(box)
        return box

    def _remove(self, box: RegimenBox) -> None:
        states = [b.state() for b in self.boxes if b is not box]
        self.set_state(states)
        self.changed.emit("")

    def load(self, case: Case) -> None:
        self.set_state([regimen_state(r) for r in case.regimens])

    def state(self) -> list[dict]:
        return [b.state() for b in self.boxes]

    def set_state(self, state: list[dict]) -> None:
        while len(self.boxes) > len(state):
            box = self.boxes.pop()
            self.list.removeWidget(box)
            box.deleteLater()
        while len(self.boxes) < len(state):
            self._append()
        for box, s in zip(self.boxes, state, strict=True):
            box.set_state(s)
        self.empty.setVisible(not self.boxes)

    def apply(self, case: Case) -> list[Problem]:
        p = Parser()
        day0 = self.day0_date()
        case.regimens = [b.apply(p, day0, case.citation) for b in self.boxes]
        return p.problems

    def show_problems(self, problems: list[Problem]) -> None:
        def regimen(q: Problem) -> int | None:  # the regimen a problem is in (1-based)
            return q.row if q.section == Section.REGIMENS else q.parent

        for box in self.boxes:
            box.show_problems([q for q in problems if regimen(q) == box.number])
