"""The case editor: the forms in tabs, one undo history, and what is wrong right now.

Undo works on snapshots of what was typed (every form's `state()`), so a half-typed or
wrong value comes back exactly as it was. Typing in one field is one undo step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.checks import check_case
from domain.model import Case
from domain.problems import Problem, covered

from ..case_summary import CaseSummary
from ..widgets.fields import MessageLabel
from .antibodies_form import AntibodiesForm
from .assessments_form import AssessmentsForm
from .case_sources_form import CaseSourcesForm
from .core_set_form import CoreSetForm
from .criteria_form import CriteriaForm
from .fact_sources import follow_citation
from .findings_form import FindingsForm
from .form import Form
from .initial_treatments_form import InitialTreatmentsForm
from .labs_form import LabsForm
from .other_treatments_form import OtherTreatmentsForm
from .outcome_form import OutcomeForm
from .patient_form import PatientForm
from .regimens_form import RegimensForm
from .scores_view import ScoresView
from .sources_view import SourcesView
from .steroid_form import SteroidForm


class SnapshotCommand(QUndoCommand):
    """One edit: the editor's typed state before and after."""

    def __init__(self, editor: CaseEditor, before: dict, after: dict, key: str):
        super().__init__("edit")
        self.editor, self.before, self.after, self.key = editor, before, after, key
        self._done = True  # the edit has already happened when the command is pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.editor.restore(self.after)

    def undo(self) -> None:
        self.editor.restore(self.before)

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # keystrokes in the same field make one step
        if not isinstance(other, SnapshotCommand) or not self.key or other.key != self.key:
            return False
        self.after = other.after
        return True


class CaseEditor(QWidget):
    """Edits one case; `state_changed` whenever unsaved-ness or problems may have changed."""

    state_changed = Signal()
    # the stored case now shown (after opening or saving it), None when none: for views
    # such as the course chart that follow the open case
    case_loaded = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.patient = PatientForm()
        day0 = self.patient.day0_date
        self.labs = LabsForm(day0)
        self.antibodies = AntibodiesForm()
        self.findings = FindingsForm(day0)
        self.steroids = SteroidForm(day0)
        self.regimens = RegimensForm(day0)
        self.others = OtherTreatmentsForm(day0)
        self.initial = InitialTreatmentsForm()
        self.assessments = AssessmentsForm(day0)
        self.outcome = OutcomeForm(day0)
        self.criteria = CriteriaForm()
        self.core_set = CoreSetForm(day0)
        self.case_sources = CaseSourcesForm()
        # the order forms are applied in: day 0's date (patient) comes first
        self.forms: dict[str, Form] = {
            "patient": self.patient,
            "labs": self.labs,
            "antibodies": self.antibodies,
            "findings": self.findings,
            "steroids": self.steroids,
            "regimens": self.regimens,
            "others": self.others,
            "initial": self.initial,
            "assessments": self.assessments,
            "outcome": self.outcome,
            "criteria": self.criteria,
            "core_set": self.core_set,
            "case_sources": self.case_sources,  # after every form: it reads the citation
        }
        self.treatments = QTabWidget()
        self.treatments.setDocumentMode(True)
        self.treatments.addTab(self.steroids, "Steroid course")
        self.treatments.addTab(self.regimens, "Chemotherapy")
        self.treatments.addTab(self.others, "IVIg, immunosuppressants, other")
        self.treatments.addTab(self.initial, "Order of initial treatments")
        self.scores_view = ScoresView()
        self.scores = QTabWidget()
        self.scores.setDocumentMode(True)
        self.scores.addTab(self.scores_view, "Results")
        self.scores.addTab(self.criteria, "Criteria")
        self.scores.addTab(self.core_set, "Core-set visits")
        # the tabs holding tabs of forms (a problem marks both)
        self.nested = (self.treatments, self.scores)
        self.sources = SourcesView()
        # the Sources tab: the case details' sources to edit above, every source as saved
        self.sources_tab = QSplitter(Qt.Orientation.Vertical)
        self.sources_tab.addWidget(self.case_sources)
        self.sources_tab.addWidget(self.sources)
        self.sources_tab.setStretchFactor(1, 2)
        self.summary = CaseSummary()
        self.tabs = QTabWidget()
        for widget, title in (
            (self.patient, "Patient && diagnosis"),
            (self.labs, "Labs"),
            (self.antibodies, "Antibodies"),
            (self.findings, "Investigations"),
            (self.treatments, "Treatments"),
            (self.assessments, "Assessments"),
            (self.outcome, "Outcome"),
            (self.scores, "Scores"),
            (self.sources_tab, "Sources"),
            (self.summary, "Summary"),
        ):
            self.tabs.addTab(widget, title)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        # a new title must not resize the window's layout (that repaints everything)
        for label, lines in ((self.title, 1), (self.subtitle, 2)):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            label.setFixedHeight(label.fontMetrics().lineSpacing() * lines + 4)
        self.banner = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)

        self.undo_stack = QUndoStack(self)
        self.base_case: Case | None = None
        self._loaded_citation = ""  # the citation when the forms were loaded
        self._clean: dict | None = None
        self._last: dict | None = None
        self._restoring = False
        self._problems: list[Problem] = []
        self._views_stale = False
        self._built: Case | None = None  # the case as edited, at the last check
        self.tabs.currentChanged.connect(self._refresh_views)
        self.tabs.currentChanged.connect(self._refresh_scores)
        self.scores.currentChanged.connect(self._refresh_scores)
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for form in self.forms.values():
            form.changed.connect(self._on_changed)
        # boxes come and go with loading, undo and Add: each new one gets the Ctrl+Z filter
        self.regimens.box_added.connect(self._catch_undo_keys)
        self._catch_undo_keys(self)
        self.clear()

    # ---- seams for the main window ----------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str, index: int = -1) -> int:
        """Add a tab (e.g. the course chart) to the editor; returns its index."""
        return (
            self.tabs.insertTab(index, widget, title)
            if index >= 0
            else self.tabs.addTab(widget, title)
        )

    def focus_label(self) -> None:
        self.tabs.setCurrentWidget(self.patient)
        self.patient.edits["label"].setFocus()

    # ---- loading ----------------------------------------------------------------------------
    def set_case(self, case: Case) -> None:
        """Show a case as stored; edits start from here and the undo history is cleared."""
        self.base_case = case
        self._loaded_citation = case.citation
        self._restoring = True
        try:
            for form in self.forms.values():
                form.load(case)
        finally:
            self._restoring = False
        self._clean = self._last = self.state()
        self.undo_stack.clear()
        self._views_stale = True
        self._refresh_views()
        self.setEnabled(True)
        self._revalidate()
        self.case_loaded.emit(case)

    def mark_saved(self, case: Case) -> None:
        """The edited case was written as `case`: keep the forms (and undo) as they are."""
        self.base_case = case
        self._clean = self._last
        self._views_stale = True
        self._refresh_views()
        self._show_header()
        self.state_changed.emit()
        self.case_loaded.emit(case)

    def _refresh_scores(self, *_args) -> None:
        """The Results tab follows the edited case while it is shown (else on showing)."""
        if (
            self._built is not None
            and self.tabs.currentWidget() is self.scores
            and self.scores.currentWidget() is self.scores_view
        ):
            self.scores_view.show_case(self._built)

    def _refresh_views(self, *_args) -> None:
        """Fill the read-only tabs (sources, summary) when shown: a switch stays fast."""
        current = self.tabs.currentWidget()
        if not self._views_stale or current not in (self.sources_tab, self.summary):
            return
        case = self.base_case
        if case is not None:
            self.sources.show_case(case)
            self.summary.show_case(case if case.id is not None else None)
        self._views_stale = False

    def clear(self) -> None:
        """No case open."""
        self.base_case = None
        self._clean = self._last = None
        self.undo_stack.clear()
        self.title.setText("No case selected")
        self.subtitle.setText("Choose a case in the list, or File > New case (Ctrl+N).")
        self.banner.show_messages([])
        self.setEnabled(False)
        self.state_changed.emit()
        self.case_loaded.emit(None)

    def state(self) -> dict:
        return {name: form.state() for name, form in self.forms.items()}

    def restore(self, state: dict) -> None:
        """Put a snapshot back into the forms (undo / redo)."""
        self._restoring = True
        try:
            for name, form in self.forms.items():
                form.set_state(state[name])
        finally:
            self._restoring = False
        self._last = state
        self._revalidate()

    # ---- what the user did ------------------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        if self._restoring or self.base_case is None:
            return
        new = self.state()
        if new != self._last:
            self.undo_stack.push(SnapshotCommand(self, self._last, new, key))
            self._last = new
        if key == "day0_date":
            self.labs.refresh_dates()
        self._revalidate()

    def is_dirty(self) -> bool:
        return self.base_case is not None and self._last != self._clean

    def current_label(self) -> str:
        return self.patient.edits["label"].text().strip()

    def case_id(self) -> int | None:
        return self.base_case.id if self.base_case is not None else None

    # ---- building and checking --------------------------------------------------------------
    def build(self) -> tuple[Case, list[Problem]]:
        """The edited case (provenance, ids and version kept) and everything wrong with it."""
        assert self.base_case is not None
        b = self.base_case
        case = replace(b, sources=dict(b.sources))
        parsed: list[Problem] = []
        for form in self.forms.values():
            parsed += form.apply(case)
        # the forms hold the items as loaded: their sources name the citation of then
        follow_citation(case, self._loaded_citation, case.citation)
        # a field that did not parse is reported once, by the parser
        checked = [p for p in check_case(case) if not covered(p, parsed)]
        return case, parsed + checked

    def errors(self) -> list[Problem]:
        return [p for p in self._problems if p.severity == "error"]

    def can_save(self) -> bool:
        return self.is_dirty() and not self.errors()

    def form_of(self, problem: Problem) -> Form:
        """The form that shows a problem (by its section); the Patient tab shows the rest."""
        for form in self.forms.values():
            if form.owns(problem):
                return form
        return self.patient

    def _revalidate(self) -> None:
        # building also refreshes what the forms derive (pack-years, flags, equivalents)
        self._built, self._problems = self.build()
        self.criteria.show_derived(self._built)
        self.initial.show_proposal(self._built)
        self._refresh_scores()
        routed: dict[int, list[Problem]] = {id(f): [] for f in self.forms.values()}
        for p in self._problems:
            routed[id(self.form_of(p))].append(p)
        for form in self.forms.values():
            form.show_problems(routed[id(form)])
        self._mark_tabs()
        self._show_header()
        errors = self.errors()
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.banner.show_messages(
                [f"Cannot save yet: {errors[0]}{more}. The tabs marked ⚠ show where."]
            )
        else:
            unusual = [str(p) for p in self._problems if p.severity != "error"]
            self.banner.show_messages([], [f"Save will ask you to confirm: {u}" for u in unusual])
        self.state_changed.emit()

    def _mark_tabs(self) -> None:
        bad = {id(self._tab_of(self.form_of(p))) for p in self.errors()}
        for nest in self.nested:
            for i in range(nest.count()):
                wrong = id(nest.widget(i)) in bad
                nest.setTabIcon(i, self._warning_icon if wrong else _NO_ICON)
                if wrong:
                    bad.add(id(nest))
        for i in range(self.tabs.count()):
            wrong = id(self.tabs.widget(i)) in bad
            self.tabs.setTabIcon(i, self._warning_icon if wrong else _NO_ICON)

    def _tab_of(self, form: Form) -> QWidget:
        """The widget that is a tab for a form (the case sources sit in the Sources tab)."""
        return self.sources_tab if form is self.case_sources else form

    def show_first_problem(self, problems: list[Problem] | None = None) -> None:
        """Bring the tab of the first problem to the front."""
        problems = problems if problems is not None else self.errors()
        if not problems:
            return
        form = self._tab_of(self.form_of(problems[0]))
        for nest in self.nested:
            if nest.indexOf(form) >= 0:
                nest.setCurrentWidget(form)
                form = nest
        self.tabs.setCurrentWidget(form)

    def _show_header(self) -> None:
        case = self.base_case
        if case is None:
            return
        label = self.current_label() or "New case"
        if case.id is None:
            label += "  (not saved yet)"
        elif self.is_dirty():
            label += "  (unsaved changes)"
        self.title.setText(label)
        if case.seed_key:
            self.subtitle.setText(
                "Preloaded from Takashima et al., Intern Med 2017;56:719-724. "
                "Each fact keeps its source when you edit it (see Sources)."
            )
        elif case.id is None:
            self.subtitle.setText(
                "Fields marked * are required. Nothing is written until you save."
            )
        else:
            self.subtitle.setText(case.citation or "Entered by hand.")

    # ---- keyboard ---------------------------------------------------------------------------
    def _catch_undo_keys(self, root: QWidget) -> None:
        """Ctrl+Z in a text field undoes through the case's history, not the field's own."""
        for w in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit):
            if not w.property("undo_filtered"):
                w.installEventFilter(self)
                w.setProperty("undo_filtered", True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        ):
            return True  # not taken by the field: the window's Undo/Redo shortcut fires
        return super().eventFilter(obj, event)


_NO_ICON = QIcon()
