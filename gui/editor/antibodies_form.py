"""Antibodies: the catalogue's panel, one row each, and any other antibody typed in."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from domain.catalogue import antibodies
from domain.model import AntibodyResult, AntibodyStatus, Case, Precision
from domain.problems import Problem, Section
from domain.validation import TITRES, antibody_key, parse_titre

from ..widgets.fields import DayField, MessageLabel, combo, line, set_combo
from ..widgets.rows_editor import RowsEditor
from ..widgets.rows_model import Column, Row, RowsModel
from . import fact_sources
from .form import Form, Parser, day_text, mark_rows, revised, split_problems
from .table_form import DayColumn

NOT_RECORDED = "(not recorded)"
STATUSES = [NOT_RECORDED, *(s.value for s in AntibodyStatus)]
TITRE_CHOICES = ["", *(f"1:{n}" for n in TITRES if 40 <= n <= 2560)]
ANA_PATTERNS = ("", "speckled", "homogeneous", "nucleolar", "centromere", "cytoplasmic")
DAY = DayColumn("day", "precision")


class AntibodiesForm(Form):
    sections = (Section.ANTIBODIES, Section.OTHER_ANTIBODIES)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.keys = list(antibodies())
        self._orig: dict[str, AntibodyResult | None] = {}  # stored results keep their source
        self._stored_order: dict[str, int] = {}
        self.status: dict[str, QComboBox] = {}
        self.titre: dict[str, QComboBox] = {}
        self.day: dict[str, DayField] = {}
        # each result's source, for a case from a publication: where in it, its words
        self.locator: dict[str, QLineEdit] = {}
        self.quote: dict[str, QLineEdit] = {}
        self.row_messages: dict[str, MessageLabel] = {}
        self.pattern = combo(ANA_PATTERNS, editable=True, min_chars=12)
        self.pattern.setToolTip("ANA staining pattern")
        grid = QGridLayout()
        for col, title in enumerate(
            ("Antibody", "Result", "Titre", "Pattern", "Day and precision",
             fact_sources.LOCATOR_TITLE, fact_sources.QUOTE_TITLE)
        ):
            h = QLabel(f"<b>{title}</b>")
            grid.addWidget(h, 0, col)
        for r, key in enumerate(self.keys, 1):
            a = antibodies()[key]
            name = QLabel(escape(a.name))
            name.setToolTip(f"{a.cls}: {a.associations}")
            self.status[key] = combo(STATUSES)
            self.titre[key] = combo(TITRE_CHOICES, editable=True, min_chars=7)
            self.day[key] = DayField()
            self.locator[key] = line(chars=16)
            self.quote[key] = line()
            self.quote[key].setMinimumWidth(self.quote[key].fontMetrics().averageCharWidth() * 24)
            self.row_messages[key] = MessageLabel()
            grid.addWidget(name, 2 * r - 1, 0)
            grid.addWidget(self.status[key], 2 * r - 1, 1)
            grid.addWidget(self.titre[key], 2 * r - 1, 2)
            if key == "ANA":
                grid.addWidget(self.pattern, 2 * r - 1, 3)
            grid.addWidget(self.day[key], 2 * r - 1, 4)
            grid.addWidget(self.locator[key], 2 * r - 1, 5)
            grid.addWidget(self.quote[key], 2 * r - 1, 6)
            for field, tag in ((self.locator[key], "src_loc"), (self.quote[key], "src_quote")):
                field.textEdited.connect(lambda _t, k=key, t=tag: self.changed.emit(f"{t}:{k}"))
            grid.addWidget(self.row_messages[key], 2 * r, 1, 1, 4)
            self.status[key].activated.connect(lambda _i: self.changed.emit(""))
            self.titre[key].currentTextChanged.connect(
                lambda _t, k=key: self.changed.emit(f"titre:{k}")
            )
            self.day[key].edited.connect(lambda k=key: self.changed.emit(f"day:{k}"))
        self.pattern.currentTextChanged.connect(lambda _t: self.changed.emit("pattern"))
        grid.setColumnStretch(6, 1)
        grid.setVerticalSpacing(2)
        panel = QGroupBox("Panel")
        panel.setLayout(grid)

        self.others = RowsModel(
            [
                Column("antibody", "Antibody", 160, tip="Name of an antibody not in the panel"),
                Column(
                    "status", "Result", 110, choices=[s.value for s in AntibodyStatus], free=False
                ),
                Column("titre", "Titre", 70, choices=TITRE_CHOICES),
                *DAY.columns(),
                *fact_sources.COLUMNS,
            ],
            lambda: {
                "antibody": "",
                "status": AntibodyStatus.POSITIVE.value,
                "titre": "",
                "day": "",
                "precision": Precision.NOT_SPECIFIED.value,
                **fact_sources.cells(None),
                "_orig": None,
            },
            on_edit=lambda row, key: DAY.edited(row, key, ""),
        )
        self.others_editor = RowsEditor(
            self.others, "Add antibody", "Delete antibody", min_rows_shown=2
        )
        other_box = QGroupBox("Other antibodies")
        v = QVBoxLayout(other_box)
        v.addWidget(self.others_editor)
        self.others.edited.connect(lambda k: self.changed.emit(f"other:{k}" if k else ""))
        self.general = MessageLabel()

        self.fill_scrolled(
            "'(not recorded)' stores nothing for that antibody; choose 'not specified' when "
            "a source mentions the test without its result.",
            panel,
            other_box,
            self.general,
        )

    # ---- Form API -------------------------------------------------------------------------
    def load(self, case: Case) -> None:
        # results are written back in their stored order; new ones follow
        self._stored_order = {a.antibody: i for i, a in enumerate(case.antibodies)}
        panel: dict = {}
        others: list[Row] = []
        pattern = ""
        for a in case.antibodies:
            if a.antibody in self.status and a.antibody not in panel:
                src = fact_sources.cells(a.source)
                panel[a.antibody] = (a.status.value, a.titre, day_text(a.day), a.precision.value,
                                     a, src[fact_sources.LOCATOR], src[fact_sources.QUOTE])
                if a.antibody == "ANA":
                    pattern = a.pattern
            else:
                others.append(
                    {
                        "antibody": a.antibody,
                        "status": a.status.value,
                        "titre": a.titre,
                        "day": day_text(a.day),
                        "precision": a.precision.value,
                        **fact_sources.cells(a.source),
                        "_orig": a,
                    }
                )
        empty = (NOT_RECORDED, "", "", Precision.NOT_SPECIFIED.value, None, "", "")
        self.set_state(
            {
                "panel": {k: panel.get(k, empty) for k in self.keys},
                "pattern": pattern,
                "others": others,
            }
        )

    def state(self) -> dict:
        panel = {
            k: (
                self.status[k].currentText(),
                self.titre[k].currentText(),
                *self.day[k].state(),
                self._orig.get(k),
                self.locator[k].text(),
                self.quote[k].text(),
            )
            for k in self.keys
        }
        return {"panel": panel, "pattern": self.pattern.currentText(), "others": self.others.rows()}

    def set_state(self, state: dict) -> None:
        self._orig = {k: v[4] for k, v in state["panel"].items()}
        for k, (status, titre, day, precision, _orig, locator, quote) in state["panel"].items():
            self.locator[k].setText(locator)
            self.quote[k].setText(quote)
            self.locator[k].setCursorPosition(0)
            self.quote[k].setCursorPosition(0)
            set_combo(self.status[k], status)
            set_combo(self.titre[k], titre)
            self.day[k].set_state((day, precision))
        set_combo(self.pattern, state["pattern"])
        self.others.set_rows(state["others"])

    def apply(self, case: Case) -> list[Problem]:
        parser = Parser()
        day0 = case.day0_date
        out: list[AntibodyResult] = []
        for k in self.keys:
            status = self.status[k].currentText()
            if status == NOT_RECORDED:
                if self.locator[k].text().strip() or self.quote[k].text().strip():
                    parser.at(Section.ANTIBODIES, k).error(
                        fact_sources.LOCATOR, fact_sources.LOCATOR_TITLE,
                        "choose the result this source gives, or clear the source")
                continue
            p = parser.at(Section.ANTIBODIES, k)
            day, precision = p.day(*self.day[k].state(), "day", "Day", day0)
            values = dict(
                antibody=k,
                status=AntibodyStatus(status),
                titre=p.call(
                    "titre", parse_titre, self.titre[k].currentText(), "Titre", default=""
                ),
                pattern=self.pattern.currentText().strip() if k == "ANA" else "",
                day=day,
                precision=precision,
            )
            orig = self._orig.get(k)
            typed = {fact_sources.LOCATOR: self.locator[k].text(),
                     fact_sources.QUOTE: self.quote[k].text()}
            values["source"] = fact_sources.parse(
                typed, orig.source if orig is not None else None, case.citation, p)
            out.append(revised(orig, AntibodyResult, **values))
        for i, row in enumerate(self.others.rows(), 1):
            p = parser.at(Section.OTHER_ANTIBODIES, i)
            typed = str(row["antibody"]).strip()
            if not typed:
                p.error("antibody", "Antibody", "name the antibody, e.g. anti-PM-Scl75")
                continue
            name = antibody_key(typed) or typed
            if name in self.status and self.status[name].currentText() != NOT_RECORDED:
                p.error("antibody", "Antibody", f"{name} is already recorded in the panel above")
            day, precision = DAY.parse(row, p, day0)
            values = dict(
                antibody=name,
                status=AntibodyStatus(str(row["status"])),
                titre=p.call("titre", parse_titre, str(row["titre"]), "Titre", default=""),
                day=day,
                precision=precision,
                source=fact_sources.parse(
                    row, row["_orig"].source if row["_orig"] is not None else None,
                    case.citation, p),
            )
            out.append(revised(row["_orig"], AntibodyResult, **values))
        n = len(self._stored_order)
        out.sort(key=lambda a: self._stored_order.get(a.antibody, n))
        case.antibodies = out
        return parser.problems

    def show_problems(self, problems: list[Problem]) -> None:
        """Panel problems beside their antibody, others' in their table; a problem check_case
        names by an antibody typed in the others table marks that row."""
        typed = (str(r["antibody"]).strip() for r in self.others.rows())
        others_rows = {antibody_key(t) or t: i for i, t in enumerate(typed, 1)}
        panel: dict[str, list[Problem]] = {k: [] for k in self.keys}
        others, general = [], []
        for q in problems:
            if q.section == Section.OTHER_ANTIBODIES:
                others.append(q)
            elif q.row in panel:
                panel[q.row].append(q)
            elif q.row in others_rows:
                others.append(replace(q, section=Section.OTHER_ANTIBODIES, row=others_rows[q.row]))
            else:
                general.append(q)
        mark_rows(self.others, others)
        self.others_editor.messages.show_messages(*split_problems(others))
        for k, label in self.row_messages.items():
            label.show_messages(*split_problems(panel[k]))
        self.general.show_messages(*split_problems(general))
