"""The main window: the case list beside the selected case's editor, menus, settings."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QSplitter

from domain.model import AntibodyStatus, Case
from storage.case_index import list_rows, positive_antibodies
from storage.repository import CaseRepository

from .backup.actions import DataActions
from .case_list.model import CASE_ID_ROLE, CaseListModel
from .case_list.panel import CaseListPanel
from .case_list.score_column import ScoreColumnActions
from .cohort.action import CohortAction
from .data_io.actions import DataIoActions
from .editor import prompts
from .editor.case_editor import CaseEditor
from .editor.session import CaseSession
from .events import CasebookEvents
from .plots.actions import ChartActions

PAPER = (
    "Takashima R, Takamatsu K, Shinkawa Y, Yagita M, Fukui M, Fujita M. "
    "Dermatomyositis Associated with Lung Neuroendocrine Carcinoma. "
    "Intern Med 56: 719-724, 2017. doi:10.2169/internalmedicine.56.7768"
)


def short_label(label: str, most: int = 40) -> str:
    """A case's label for a title or a menu: cut to `most` characters with an ellipsis."""
    return label if len(label) <= most else label[: most - 1] + "…"


class MainWindow(QMainWindow):
    def __init__(self, repo: CaseRepository, db_path: str = "", settings: QSettings | None = None):
        super().__init__()
        self.repo = repo
        self.db_path = db_path
        self.quick_check = None  # gui.backup.quick_check.QuickCheck, once the window is up
        self.settings = settings if settings is not None else QSettings()
        self._app_title = f"DM Casebook — {Path(db_path).name}" if db_path else "DM Casebook"
        self.setWindowTitle(f"{self._app_title}[*]")
        self.model = CaseListModel(self)
        self.case_list = CaseListPanel(self.model)
        self.table = self.case_list.view
        self.editor = CaseEditor()
        self.events = CasebookEvents(self)
        self.session = CaseSession(repo, self.editor, self.events, self)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 900])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_menus()
        self.charts = ChartActions(self)  # before a case opens, so the chart follows it
        self.cohort = CohortAction(self)
        self.score_column = ScoreColumnActions(self)  # View > Case list column (lazy)
        self.data = DataActions(self)
        self.data_io = DataIoActions(self)
        self.case_list.case_chosen.connect(self._on_case_chosen)
        self.events.saved.connect(self._on_saved)
        self.events.deleted.connect(self._on_deleted)
        self.events.replaced.connect(self._on_replaced)
        self.session.message.connect(self.show_status)
        self.editor.state_changed.connect(self._update_actions)
        self.statusBar().showMessage(f"Casebook: {db_path}" if db_path else "")
        self.resize(1440, 880)
        self.reload()
        self._restore_settings()

    # ---- actions and menus ------------------------------------------------------------------
    def make_action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self.make_action("&New case", self.new_case, K.New, "Start a new, empty case")
        self.duplicate_action = self.make_action(
            "D&uplicate case", self.duplicate_case, "Ctrl+D", "Save a copy of this case"
        )
        self.save_action = self.make_action("&Save", self.save_case, K.Save, "Write this case")
        self.revert_action = self.make_action(
            "&Revert...", self.revert_case, "Ctrl+R", "Discard unsaved edits (asks first)"
        )
        self.delete_action = self.make_action(
            "&Delete case...", self.delete_case, K.Delete, "Delete this case"
        )
        # Delete acts on the case only from the list; in a field it deletes text
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.quit_action = self.make_action("&Quit", self.close, "Ctrl+Q")
        self.undo_action = self.editor.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.editor.undo_stack.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(K.Redo)]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self.find_action = self.make_action("&Find case", self.focus_filter, K.Find)
        self.about_action = self.make_action("&About DM Casebook", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        self.file_menu = self._build_file_menu()
        edit = self.menuBar().addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.find_action)
        self.view_menu = self.menuBar().addMenu("&View")
        self.show_list_action = QAction("Case &list", self, checkable=True, checked=True)
        self.show_list_action.setShortcut(QKeySequence("Ctrl+L"))
        self.show_list_action.toggled.connect(self.case_list.setVisible)
        self.view_menu.addAction(self.show_list_action)
        self.view_menu.addSeparator()
        self._add_tab_actions()
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_file_menu(self) -> QMenu:
        """The File menu in one place; add_file_action() inserts before Quit."""
        menu = self.menuBar().addMenu("&File")
        for a in (self.new_action, self.duplicate_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.revert_action)
        menu.addSeparator()
        self._export_anchor = menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        return menu

    def add_file_action(self, action: QAction) -> None:
        """A File menu entry (e.g. Export chart...), placed above Delete and Quit."""
        self.file_menu.insertAction(self._export_anchor, action)

    def add_editor_tab(self, widget, title: str, index: int = -1) -> int:
        """A tab beside the case's forms (e.g. the course chart); returns its index."""
        index = self.editor.add_tab(widget, title, index)
        self._add_tab_actions()
        return index

    def _add_tab_actions(self) -> None:
        for a in getattr(self, "_tab_actions", []):
            self.view_menu.removeAction(a)
        self._tab_actions = []
        for i in range(self.editor.tabs.count()):
            title = self.editor.tabs.tabText(i).replace("&&", "&")
            a = QAction(title.replace("&", "&&"), self)
            if i < 9:
                a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, i=i: self.editor.tabs.setCurrentIndex(i))
            self.view_menu.addAction(a)
            self._tab_actions.append(a)

    def show_status(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 5000)
        self.statusBar().repaint()  # seen even while a save waits on another program's lock

    def _update_actions(self) -> None:
        has_case = self.editor.base_case is not None
        stored = has_case and self.editor.case_id() is not None
        dirty = self.editor.is_dirty()
        self.save_action.setEnabled(self.editor.can_save())
        self.revert_action.setEnabled(dirty)
        self.delete_action.setEnabled(stored)
        self.duplicate_action.setEnabled(stored)
        self.setWindowModified(dirty)
        self._name_the_case()

    def _name_the_case(self) -> None:
        """The window title and the File actions on "the case" name the one in the editor."""
        base = self.editor.base_case
        shown = short_label(self.editor.current_label() or "New case") if base else ""
        self.setWindowTitle(f"{shown} — {self._app_title}[*]" if shown else f"{self._app_title}[*]")
        stored = short_label(base.label).replace("&", "&&") if base and base.id else ""
        named = f" '{stored}'" if stored else ""
        self.delete_action.setText(f"&Delete case{named}...")
        self.duplicate_action.setText(f"D&uplicate case{named}")
        self.revert_action.setText(f"&Revert{named}...")

    # ---- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Fill the list from the casebook (list fields only: a case loads on selection)."""
        # building ~10 objects per case sets off the cyclic GC over and over, each pass
        # scanning everything built so far (a third of the time at 10,000 cases); these
        # objects hold no cycles, so collection waits until the list is built
        paused = gc.isenabled()
        gc.disable()
        try:
            db = self.repo.db
            self.model.set_rows(list_rows(db), lambda: positive_antibodies(db))
        finally:
            if paused:
                gc.enable()

    def select_row(self, row: int) -> None:
        """Open the case shown in a row of the list, as a click would."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def current_case_id(self) -> int | None:
        return self.editor.case_id()

    def focus_filter(self) -> None:
        self.case_list.filter.setFocus()
        self.case_list.filter.selectAll()

    def _on_case_chosen(self, case_id: int) -> None:
        if case_id == self.editor.case_id():
            return
        if self.session.resolve_unsaved() and self.session.open(case_id):
            self.case_list.show_case(case_id)
        else:
            self.case_list.show_case(self.editor.case_id())  # stay on the case being edited

    def open_case(self, case_id: int) -> bool:
        """Open a case by id (asks about unsaved edits first)."""
        if not self.session.resolve_unsaved() or not self.session.open(case_id):
            return False
        self.case_list.show_case(case_id)
        return True

    def _on_saved(self, case: Case) -> None:
        positives = [a.antibody for a in case.antibodies if a.status == AntibodyStatus.POSITIVE]
        self.model.upsert_case(case, positives)
        if case.id == self.editor.case_id():
            self.case_list.show_case(case.id)

    def _on_deleted(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        self.model.remove_case(case_id)
        if self.model.rowCount():
            row = min(row if row is not None else 0, self.model.rowCount() - 1)
            next_id = self.model.index(row, 0).data(CASE_ID_ROLE)
            if self.session.open(next_id):
                self.case_list.show_case(next_id, alone=True)

    def _on_replaced(self, _backup: str) -> None:
        """A restore replaced the content: reread the list, reopen the case if it is there."""
        case_id = self.editor.case_id()
        self.editor.clear()
        self.reload()
        if case_id is None or self.model.row_of(case_id) is None or not self.open_case(case_id):
            if self.model.rowCount():
                self.select_row(0)

    # ---- File menu --------------------------------------------------------------------------
    def new_case(self) -> None:
        if self.session.resolve_unsaved():
            self.session.new()
            self.case_list.show_case(None)

    def save_case(self) -> bool:
        return self.session.save()

    def revert_case(self) -> None:
        """File > Revert: asks, naming the case, before the edits are thrown away."""
        if self.editor.is_dirty() and prompts.confirm_revert(self, self.editor.current_label()):
            self.session.revert()

    def duplicate_case(self) -> None:
        self.session.duplicate()

    def delete_case(self) -> None:
        self.session.delete()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About DM Casebook",
            "<p><b>DM Casebook</b>: an offline casebook for dermatomyositis and the cancers "
            "that come with it.</p>"
            "<p>The preloaded cases (the index case and the 16 published cases of its Table) "
            f"come from:<br><i>{PAPER}</i></p>"
            f"<p>Casebook file: {self.db_path or 'in memory'}</p>",
        )

    # ---- settings ---------------------------------------------------------------------------
    def _last_case_key(self) -> str:
        digest = hashlib.sha1(str(Path(self.db_path).resolve()).encode()).hexdigest()[:16]
        return f"lastCase/{digest}"

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = s.value(self._last_case_key()) if self.db_path else None
        case_id = self.model.id_of_uuid(str(last)) if last else None
        if case_id is None and self.model.rowCount():
            case_id = self.model.index(0, 0).data(CASE_ID_ROLE)
        if case_id is not None and self.session.open(case_id):
            self.case_list.show_case(case_id)

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        base = self.editor.base_case
        if self.db_path and base is not None and base.id is not None:
            s.setValue(self._last_case_key(), base.uuid)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.resolve_unsaved():
            event.ignore()
            return
        self._save_settings()
        event.accept()
