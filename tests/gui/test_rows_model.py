"""The editable rows model behind the editor's tables, checked without a view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.editor.labs_form import LabsForm
from gui.widgets.rows_model import ERROR_BACKGROUND, Column, RowsModel


def make_model() -> RowsModel:
    def on_edit(row, key):
        if key == "a":
            row["b"] = row["a"].upper()

    return RowsModel(
        [
            Column("a", "A"),
            Column("b", "B", choices=("x", "y"), free=False),
            Column("sum", "A+B", computed=lambda r: f"{r['a']}{r['b']}"),
        ],
        lambda: {"a": "", "b": "x"},
        on_edit=on_edit,
    )


def test_model_contract(qtmodeltester):
    model = make_model()
    model.set_rows([{"a": "1", "b": "y"}, {"a": "2", "b": "x"}])
    qtmodeltester.check(model)
    model.add_row({"a": "3"})
    model.remove_rows([0])
    model.sort_rows(lambda r: r["a"])
    qtmodeltester.check(model)


def test_labs_model_contract(qtmodeltester, repo, qtbot):
    form = LabsForm(lambda: "2016-03-01")
    qtbot.addWidget(form)
    form.load(repo.get(repo.resolve("Takashima 2017 (index case)")))
    qtmodeltester.check(form.model)


def test_edits_computed_cells_and_signals(qtbot):
    model = make_model()
    model.set_rows([{"a": "1", "b": "y"}])
    with qtbot.waitSignal(model.edited) as blocker:
        assert model.setData(model.index(0, 0), "q")
    assert blocker.args == ["0:a"]
    assert model.row(0) == {"a": "q", "b": "Q"}  # on_edit filled the other cell
    assert model.index(0, 2).data() == "qQ"
    assert not model.setData(model.index(0, 2), "z")  # computed cells are read-only
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 0), "q")  # no change, no edit
    rows = model.rows()
    rows[0]["a"] = "changed"
    assert model.row(0)["a"] == "q"  # rows() is a copy (undo snapshots)


def test_problems_mark_cells_and_rows():
    model = make_model()
    model.set_rows([{"a": "1", "b": "x"}, {"a": "2", "b": "x"}])
    model.set_problems({(0, "a"): "bad a"}, {1: "bad row"})
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "bad a"
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "bad row"
    model.set_problems({}, {})
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_lab_date_column_and_flag(qtbot, repo):
    form = LabsForm(lambda: "2016-03-01")
    qtbot.addWidget(form)
    form.load(repo.get(repo.resolve("Takashima 2017 (index case)")))
    m = form.model
    assert m.index(0, 1).data() == "2016-03-01"  # Date of day 0
    flag = next(i for i, c in enumerate(m.columns) if c.key == "flag")
    assert m.index(0, flag).data() == "H"  # CK 15242 above 248
    m.setData(m.index(0, 0), "2016-03-15")  # a date typed in the Day column
    assert m.row(0)["day"] == "14"
    m.setData(m.index(0, 4), "<5")
    assert m.index(0, flag).data() == ""
