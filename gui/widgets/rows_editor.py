"""A table of rows with Add / Delete buttons, combo editors and its messages beneath."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .fields import MessageLabel
from .rows_model import RowsModel


class RowsDelegate(QStyledItemDelegate):
    """Combo boxes for columns with choices (typed text allowed where the column says)."""

    def createEditor(self, parent, option, index: QModelIndex):
        model = index.model()
        col = model.columns[index.column()]
        options = col.options(model.row(index.row()))
        if not options:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItems(options)
        combo.setMaxVisibleItems(20)
        if col.free:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        else:
            # a fixed choice is committed as soon as it is picked
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor, index: QModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.isEditable():
            editor.setCurrentText(text)
            editor.lineEdit().selectAll()  # typing replaces the value, as in a plain cell
        else:
            i = editor.findText(text)
            editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText().strip())
        else:
            model.setData(index, editor.text().strip())


class RowsEditor(QWidget):
    """The rows of one list (labs, steroid steps ...) and what is wrong with them."""

    def __init__(
        self,
        model: RowsModel,
        add_text: str = "Add row",
        delete_text: str = "Delete row",
        extra_buttons: Sequence[QPushButton] = (),
        min_rows_shown: int = 4,
        parent=None,
    ):
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setItemDelegate(RowsDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, col in enumerate(model.columns):
            self.view.setColumnWidth(i, col.width)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setMinimumHeight(
            self.view.horizontalHeader().sizeHint().height()
            + min_rows_shown * self.view.verticalHeader().defaultSectionSize()
            + 4
        )
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton(delete_text)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        for b in extra_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.messages = MessageLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.messages)

    def add_row(self) -> int:
        """Append a row and put the cursor in its first editable cell, ready to type."""
        r = self.model.add_row()
        first = next((i for i, c in enumerate(self.model.columns) if c.editable), 0)
        idx = self.model.index(r, first)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        self.view.setFocus()
        return r

    def delete_selected(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if rows:
            self.model.remove_rows(rows)

    def _update_buttons(self, *_args) -> None:
        self.delete_button.setEnabled(self.view.selectionModel().hasSelection())
