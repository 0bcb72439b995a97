"""View > Case list column: one instrument's result as the list's last column, computed
only when chosen, once per case, recomputed for a saved case."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from gui.case_list.model import HEADERS

INDEX = "Takashima 2017 (index case)"


def cells(w, column: int = len(HEADERS)) -> dict[str, str]:
    m = w.model
    return {m.index(r, 0).data(): m.index(r, column).data() for r in range(m.rowCount())}


def test_a_score_column_is_computed_only_when_chosen(open_window, monkeypatch, tmp_path,
                                                     qtbot):
    import domain.scores.summary as summary

    w = open_window()
    sc = w.score_column
    assert w.model.columnCount() == len(HEADERS) and sc._scores is None  # nothing computed
    assert [a.text() for a in sc.menu.actions()] == [
        "&No score column", "&Bohan && Peter 1975", "&EULAR/ACR 2017", "&IMACS 2023 risk"]
    sc.actions["bp"].trigger()  # View > Case list column > Bohan & Peter 1975
    assert w.model.columnCount() == len(HEADERS) + 1  # at once, filled when computed
    qtbot.waitUntil(lambda: not sc.busy())  # on a thread of its own
    assert w.model.headerData(len(HEADERS), Qt.Orientation.Horizontal) == "Bohan & Peter"
    got = cells(w)
    assert got[INDEX] == "probable DM"
    assert got["Lee 2012 (ref 28)"] == "not computable"  # never a default
    row = next(r for r in range(17) if w.model.index(r, 0).data() == INDEX)
    tip = w.model.index(row, len(HEADERS)).data(Qt.ItemDataRole.ToolTipRole)
    assert "highest reachable: definite" in tip and "not recorded: Exclusion" in tip
    assert "Scores of 17 cases computed in" in w.statusBar().currentMessage()
    computed = []
    real = summary.summarize
    monkeypatch.setattr(summary, "summarize", lambda c: computed.append(c.label) or real(c))
    sc.actions["ea"].trigger()  # another instrument: the results computed once are reused
    assert w.table.horizontalHeader().logicalIndex(1) == len(HEADERS)
    assert cells(w)[INDEX] == "12.0 definite IIM" and computed == []
    w.table.sortByColumn(len(HEADERS), Qt.SortOrder.AscendingOrder)  # highest score first
    assert w.model.index(0, 0).data() == INDEX
    sc.actions["imacs"].trigger()
    assert cells(w)[INDEX] == "high risk"
    assert cells(w)["Lee 2012 (ref 28)"] == "moderate risk"
    header = w.table.horizontalHeader()
    assert header.logicalIndex(1) == len(HEADERS)  # shown beside the label
    w.grab().save(str(tmp_path / "list_imacs.png"))
    sc.actions["none"].trigger()
    assert w.model.columnCount() == len(HEADERS)


def test_a_saved_case_is_recomputed_alone(open_window, monkeypatch, qtbot):
    import domain.scores.summary as summary
    from domain.model import Presence

    w = open_window()
    w.score_column.actions["bp"].trigger()
    qtbot.waitUntil(lambda: not w.score_column.busy())
    computed = []
    real = summary.summarize
    monkeypatch.setattr(summary, "summarize", lambda c: computed.append(c.label) or real(c))
    case = w.repo.get(w.repo.resolve("Lee 2012 (ref 28)"))
    case.criteria = replace(case.criteria, heliotrope=Presence.PRESENT,
                            weak_prox_upper=Presence.PRESENT, enzymes_raised=Presence.PRESENT)
    w.repo.save(case)
    w.events.saved.emit(case)  # as the window announces every save
    assert computed == ["Lee 2012 (ref 28)"]
    assert cells(w)["Lee 2012 (ref 28)"] == "probable DM"
    w.repo.delete(case.id)
    w.events.deleted.emit(case.id)
    assert "Lee 2012 (ref 28)" not in cells(w)


def test_a_save_while_the_scores_are_computed_is_kept(open_window, qtbot, monkeypatch):
    """A case saved while the thread computes is shown with the facts saved."""
    import threading

    from domain.model import Case, CriteriaFacts, Presence
    from gui.case_list import score_column

    w = open_window()
    gate = threading.Event()
    real = score_column.compute
    monkeypatch.setattr(score_column, "compute",
                        lambda path, db: gate.wait(10) and real(path, db))
    sc = w.score_column
    sc.actions["bp"].trigger()
    assert sc.busy()
    case = Case("Own, definite", age=50, criteria=CriteriaFacts(
        heliotrope=Presence.PRESENT, weak_prox_upper=Presence.PRESENT,
        enzymes_raised=Presence.PRESENT, emg_myopathic=Presence.PRESENT,
        muscle_biopsy=Presence.PRESENT))
    w.repo.save(case)
    w.events.saved.emit(case)
    gate.set()
    qtbot.waitUntil(lambda: not sc.busy())
    assert cells(w)["Own, definite"] == "definite DM"
    assert len(cells(w)) == 18
