"""Table 1's instrument rows: grades and categories computed from each case's facts, the
not computable counted apart, the cohort reader reading what the instruments need."""

from __future__ import annotations

from dataclasses import replace

from devtools.synth import synthetic_cases
from domain.cohort_groups import variable
from domain.cohort_table1 import table1
from domain.cohort_table1_scores import BP_ROW, EA_ROW, EA_SCORE_ROW, IMACS_ROW
from domain.model import Case, CriteriaFacts, Presence
from domain.scores.summary import NOT_COMPUTABLE, summarize
from storage.cohort_read import all_cases, cohort_cases, score_cases
from storage.repository import CaseRepository
from storage.seed import paper_cases
from tests.test_cli import run
from tests.test_cohort_table1 import cell

P, A, ND = Presence.PRESENT, Presence.ABSENT, Presence.NOT_DONE


def score_rows(t):
    return [r for r in t.rows if r[0] in (BP_ROW, EA_ROW, EA_SCORE_ROW, IMACS_ROW)]


def test_the_papers_cases_index_case_probable_and_the_table_cases_not_computable(db):
    t = table1(cohort_cases(db))
    assert cell(t, BP_ROW, "probable DM") == "1/1 (100%)"
    assert cell(t, BP_ROW, NOT_COMPUTABLE) == "16"  # the Table gives no criteria
    assert cell(t, BP_ROW, "a higher grade reachable with the inputs not recorded") == (
        "1/1 (100%)")  # definite with a biopsy or an EMG
    assert cell(t, EA_ROW, "definite IIM") == "1/1 (100%)"
    assert cell(t, EA_ROW, NOT_COMPUTABLE) == "16"
    assert cell(t, EA_SCORE_ROW, "median (IQR; range); n") == "12 (12-12; 12-12); 1/17"
    assert cell(t, IMACS_ROW, "high") == "1/17 (6%)"
    assert any("never stored" in n for n in t.notes)


def test_not_computable_is_apart_from_none_and_from_standard():
    empty = Case(label="nothing recorded")
    none_dm = Case(label="rash only, the rest absent", age=30, criteria=CriteriaFacts(
        heliotrope=P, weak_prox_upper=A, weak_prox_lower=A, muscle_biopsy=A,
        emg_myopathic=A, enzymes_raised=A, other_cause=A))
    assert summarize(empty).bp == NOT_COMPUTABLE
    assert summarize(empty).ea_score is None
    assert summarize(none_dm).bp == "none (DM)"  # every criterion known: a real none
    t = table1([empty, none_dm])
    assert cell(t, BP_ROW, "none (DM)") == "1/1 (100%)"
    assert cell(t, BP_ROW, NOT_COMPUTABLE) == "1"
    # EULAR/ACR: a score of items partly unknown below the cut-offs settles nothing
    assert cell(t, EA_ROW, NOT_COMPUTABLE) == "2"
    assert cell(t, EA_SCORE_ROW, "median (IQR; range); n") == "no data (0/2)"


def test_grouped_columns_count_each_group(db):
    t = table1(cohort_cases(db), variable("outcome"))
    row = next(r for r in t.rows if r[0] == BP_ROW and r[1] == NOT_COMPUTABLE)
    assert len(row) > 4 and row[2] == "16" and sum(map(int, row[3:])) == 16


def test_the_cohort_reader_gives_the_instruments_what_whole_cases_give(db_path):
    """cohort_cases and score_cases skip tables and read only some labs and assessments:
    the results must be those of the whole cases (synthetic cases carry enzymes and
    dysphagia)."""
    from storage.db import open_db

    database = open_db(db_path)
    repo = CaseRepository(database)
    for c in synthetic_cases(25, seed=11):
        c.criteria = replace(c.criteria, heliotrope=P, weak_prox_upper=P)
        repo.save(c)
    whole = {c.id: summarize(c) for c in all_cases(database)}
    part = {c.id: summarize(c) for c in cohort_cases(database)}
    assert part == whole
    # the case list's score column reads even less (no treatments, sources, ...)
    assert {c.id: summarize(c) for c in score_cases(database)} == whole
    assert any(s.ea_category != NOT_COMPUTABLE for s in whole.values())
    t_whole, t_part = table1(all_cases(database)), table1(cohort_cases(database))
    assert score_rows(t_part) == score_rows(t_whole)
    database.close()


def test_a_cached_scores_function_gives_the_same_table():
    cases = paper_cases()
    seen = []

    def cached(c):
        seen.append(c.label)
        return summarize(c)

    assert table1(cases, scores=cached).rows == table1(cases).rows
    assert len(seen) == len(cases)  # once per case, whatever the number of rows


def test_cohort_command_prints_the_instrument_rows(db_path, template_casebook):
    from tests.conftest import copy_casebook

    copy_casebook(template_casebook, db_path)
    out = run("--db", db_path, "cohort", "--show", "table1", "--group", "source").stdout
    lines = [line.split("\t") for line in out.splitlines()]
    assert [BP_ROW, "probable DM"] in [r[:2] for r in lines]
    assert [IMACS_ROW, "moderate"] in [r[:2] for r in lines]
