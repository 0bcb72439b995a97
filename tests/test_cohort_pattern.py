"""The initial treatment pattern, derived from the stored facts, reproduces the paper's
Discussion: its counts and its reference lists, read from the paper's own text."""

from __future__ import annotations

import csv
import io
import re

import pytest

from domain.cohort_groups import group_rows, variable
from domain.cohort_pattern import Pattern, immunotherapy_partners, initial_pattern
from domain.model import (
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    InitialTreatmentsStatus,
    TreatmentKind,
)
from storage.cohort_read import all_cases
from tests.conftest import PAPER, copy_casebook
from tests.test_cli import run

K = TreatmentKind


def _refs(text: str) -> set[str]:
    """'21, 23, 25-29' -> {'21', '23', '25', ..., '29'}."""
    out: set[str] = set()
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        out |= {str(n) for n in range(int(lo), int(hi or lo) + 1)}
    return out


def discussion_groups() -> dict[str, set[str]]:
    """The Discussion's sentence on the 16 cases, parsed: group -> reference numbers."""
    text = " ".join(PAPER.read_text(encoding="utf-8").split())
    m = re.search(
        r"Seven cases had been treated with chemotherapy, radiotherapy, and/or surgery for "
        r"an existing tumor \(([\d, -]+)\)\. Another four cases had been treated with "
        r"corticosteroids alone or corticosteroids prior to chemotherapy \(([\d, -]+)\), "
        r"one case with corticosteroids and azathioprine \((\d+)\), one case with "
        r"intravenous immunoglobulin \(IVIg\) alone \((\d+)\), and one case with "
        r"corticosteroids and IVIg \((\d+)\)\. No information about treatment was "
        r"available for the remaining two reports\.",
        text,
    )
    assert m, "the Discussion's sentence is not in the paper's text"
    groups = {
        "tumour": _refs(m[1]),
        "steroid alone or before chemo": _refs(m[2]),
        "steroid and azathioprine": _refs(m[3]),
        "IVIg alone": _refs(m[4]),
        "steroid and IVIg": _refs(m[5]),
    }
    table = re.search(r"\((\d+)-(\d+)\)", text[text.index("identifying 16 cases") :])
    all_refs = _refs(f"{table[1]}-{table[2]}")
    assert len(all_refs) == 16
    groups["no information"] = all_refs - set().union(*groups.values())
    return groups


@pytest.fixture(scope="module")
def paper_cases(template_casebook, tmp_path_factory):
    from storage.db import open_db

    db = open_db(copy_casebook(template_casebook, tmp_path_factory.mktemp("p") / "c.sqlite"))
    cases = all_cases(db)
    db.close()
    return {c.reference_number: c for c in cases}


def test_the_pattern_reproduces_the_discussion_counts_and_members(paper_cases):
    expected = discussion_groups()
    assert {k: len(v) for k, v in expected.items()} == {
        "tumour": 7,
        "steroid alone or before chemo": 4,
        "steroid and azathioprine": 1,
        "IVIg alone": 1,
        "steroid and IVIg": 1,
        "no information": 2,
    }
    by_pattern: dict[Pattern, set[str]] = {}
    for ref, case in paper_cases.items():
        if ref.isdigit():  # the 16 literature cases, not "Our case"
            by_pattern.setdefault(initial_pattern(case), set()).add(ref)
    assert by_pattern[Pattern.TUMOUR_TREATMENT] == expected["tumour"]
    assert (
        by_pattern[Pattern.STEROID_ALONE] | by_pattern[Pattern.STEROID_BEFORE_CHEMO]
        == expected["steroid alone or before chemo"]
    )
    assert by_pattern[Pattern.STEROID_ALONE] == {"32"}
    assert by_pattern[Pattern.STEROID_BEFORE_CHEMO] == {"33", "34", "35"}
    immuno = {ref: immunotherapy_partners(paper_cases[ref]) for ref in by_pattern[
        Pattern.STEROID_WITH_IMMUNO]}
    assert immuno == {
        next(iter(expected["steroid and azathioprine"])): ["azathioprine"],
        next(iter(expected["steroid and IVIg"])): ["IVIg"],
    }
    assert by_pattern[Pattern.IVIG_ALONE] == expected["IVIg alone"]
    # "no information": the Table's "None" (20) and "N.S." (22), kept apart here
    assert by_pattern[Pattern.NONE] | by_pattern[Pattern.NOT_SPECIFIED] == expected[
        "no information"
    ]
    assert by_pattern[Pattern.NONE] == {"20"} and by_pattern[Pattern.NOT_SPECIFIED] == {"22"}
    assert Pattern.OTHER not in by_pattern
    assert initial_pattern(paper_cases["Our case"]) == Pattern.STEROID_BEFORE_CHEMO


def _case(*steps, status=InitialTreatmentsStatus.GIVEN) -> Case:
    return Case(
        "x",
        initial_treatments=InitialTreatments(
            status, [[InitialTreatmentItem(k) for k in step] for step in steps]
        ),
    )


@pytest.mark.parametrize(
    ("steps", "pattern"),
    [
        (([K.STEROID], [K.CHEMOTHERAPY]), Pattern.STEROID_BEFORE_CHEMO),
        (([K.STEROID, K.IVIG], [K.CHEMOTHERAPY, K.RADIOTHERAPY]), Pattern.STEROID_BEFORE_CHEMO),
        (([K.STEROID, K.CHEMOTHERAPY],), Pattern.TUMOUR_TREATMENT),
        (([K.STEROID], [K.SURGERY]), Pattern.TUMOUR_TREATMENT),  # surgery, not chemotherapy
        (([K.CHEMOTHERAPY], [K.STEROID]), Pattern.TUMOUR_TREATMENT),
        (([K.STEROID], [K.STEROID]), Pattern.STEROID_ALONE),
        (([K.STEROID], [K.IMMUNOSUPPRESSANT]), Pattern.STEROID_WITH_IMMUNO),
        (([K.IVIG],), Pattern.IVIG_ALONE),
        (([K.IMMUNOSUPPRESSANT],), Pattern.OTHER),
        (([K.STEROID, K.OTHER],), Pattern.OTHER),
    ],
)
def test_patterns_of_step_lists(steps, pattern):
    assert initial_pattern(_case(*steps)) == pattern


def test_none_and_not_specified_stay_apart():
    assert initial_pattern(_case(status=InitialTreatmentsStatus.NONE)) == Pattern.NONE
    assert initial_pattern(_case()) == Pattern.NOT_SPECIFIED  # "given" with no steps
    assert (
        initial_pattern(_case(status=InitialTreatmentsStatus.NOT_SPECIFIED))
        == Pattern.NOT_SPECIFIED
    )


def test_grouping_rows_count_outcomes(paper_cases):
    header, rows = group_rows(list(paper_cases.values()), variable("initial-treatment"))
    assert header[:3] == ["Initial treatment pattern", "n", "Cases"]
    assert [r[1] for r in rows][-1] == "17"
    assert sum(int(r[1]) for r in rows[:-1]) == 17


def test_cohort_command_lists_the_papers_groups(template_casebook, tmp_path):
    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    out = run("--db", path, "cohort", "--group", "initial-treatment", "--format", "csv")
    rows = {r[0]: r for r in csv.reader(io.StringIO(out.stdout))}
    assert rows["tumour treatment"][1:3] == ["7", "21, 23, 25, 26, 27, 28, 29"]
    assert rows["corticosteroids before chemotherapy"][1:3] == ["4", "33, 34, 35, Our case"]
    assert rows["corticosteroids with another immunotherapy"][2] == (
        "24 (azathioprine), 31 (IVIg)"
    )
    assert rows["tumour treatment"][5] == "Dead 5, Alive 1, not specified 1"
    assert rows["All"][1] == "17"
    literature = run(
        "--db", path, "cohort", "--where", "text=ref", "--where", "pattern=none,not specified"
    )
    lines = literature.stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines[1:3]] == [
        ["none", "1", "20"],
        ["not specified", "1", "22"],
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--where", "outcome=maybe"], "--where outcome: 'maybe' is not allowed"),
        (["--where", "colour=red"], "--where 'colour': unknown filter"),
        (["--where", "year=19x0"], "is not a year"),
        (["--group", "height"], "--group 'height': use initial-treatment"),
    ],
)
def test_cohort_command_refuses_bad_filters_in_one_line(template_casebook, tmp_path, args,
                                                        message):
    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    out = run("--db", path, "cohort", *args, check=False)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and message in out.stderr


def test_the_bulk_read_builds_every_case_as_get_does(repo):
    from tests.test_storage import full_case

    repo.save(full_case())
    cases = all_cases(repo.db)
    assert len(cases) == repo.count() == 18
    for case in cases:
        assert case == repo.get(case.id)


def test_the_cohort_read_keeps_ck_and_leaves_assessments_and_findings_out(repo):
    from storage.cohort_read import cohort_cases
    from tests.test_storage import full_case

    case_id = repo.save(full_case())
    whole = repo.get(case_id)
    part = next(c for c in cohort_cases(repo.db) if c.id == case_id)
    assert part.labs == [r for r in whole.labs if r.analyte == "CK"]
    assert part.assessments == [] and part.findings == []
    assert (part.antibodies, part.steroid_steps, part.regimens, part.treatments) == (
        whole.antibodies, whole.steroid_steps, whole.regimens, whole.treatments)
    assert part.outcome == whole.outcome and part.sources == whole.sources
