"""Table 1: denominators with data, unknown apart from no, canonical CK, grouped columns;
and the command's exports, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import io

import pytest

from domain.cohort_groups import variable
from domain.cohort_table1 import response_by_pattern, table1
from domain.model import (
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    InitialTreatmentsStatus,
    LabResult,
    Outcome,
    TreatmentKind,
)
from storage.cohort_read import all_cases
from tests.conftest import copy_casebook
from tests.test_cli import run


def cell(t, characteristic: str, category: str, column: int = 2) -> str:
    return next(r[column] for r in t.rows if r[0] == characteristic and r[1] == category)


@pytest.fixture
def paper(db):
    return all_cases(db)


def test_table1_of_the_papers_cases(paper):
    t = table1(paper)
    assert t.header == ["Characteristic", "Category", "All (n=17)"]
    assert cell(t, "Age, years", "median (IQR; range); n") == "60 (55-67; 44-79); 17/17"
    assert cell(t, "Sex", "male") == "12/17 (71%)"
    # 4 cases say nothing of the outcome: counted apart, not as alive or dead
    assert cell(t, "Final outcome", "Dead") == "9/13 (69%)"
    assert cell(t, "Final outcome", "not specified") == "4"
    assert cell(t, "Cutaneous response", "improved") == "11/11 (100%)"
    assert cell(t, "Cutaneous response", "not specified") == "6"
    assert cell(t, "Muscular response", "not improved") == "2/12 (17%)"
    # reference 22 says nothing of treatment: out of the denominator, counted apart
    assert cell(t, "Treatments given", "Steroid") == "10/16 (62%)"
    assert cell(t, "Treatments given", "not specified") == "1"
    assert cell(t, "Initial treatment pattern", "none") == "1/16 (6%)"
    assert cell(t, "Initial treatment pattern", "not specified") == "1"
    # only the index case was tested: denominators are the tested
    assert cell(t, "Antibody positive / tested", "TIF1-gamma") == (
        "1/1 (100%); 16 not tested or not known"
    )
    assert cell(t, "Peak CK, U/L", "median (IQR; range); n") == (
        "15,242 (15,242-15,242; 15,242-15,242); 1/17"
    )


def test_grouped_columns_add_up(paper):
    t = table1(paper, variable("initial-treatment"))
    assert len(t.header) == 3 + 7
    sizes = [int(h.rsplit("(n=", 1)[1].rstrip(")")) for h in t.header[3:]]
    assert sum(sizes) == 17
    assert t.header[3] == "Initial treatment pattern: tumour treatment (n=7)"
    assert cell(t, "Final outcome", "Dead", 3) == "5/6 (83%)"


def _ck(value, unit, ref_high=200.0):
    return LabResult("CK", value, unit, day=1, ref_high=ref_high)


def test_ck_converted_by_the_catalogue_and_an_unknown_unit_counted_apart():
    cases = [
        Case("a", labs=[_ck(1000, "IU/L"), _ck(3000, "U/L")]),
        Case("b", labs=[_ck(100, "ukat/L", ref_high=3.3)]),  # 6,000 U/L by the factor 60
        Case("c", labs=[_ck(50, "mg/dL")]),  # not a unit of CK: never converted
        Case("d"),
    ]
    t = table1(cases)
    peak = cell(t, "Peak CK, U/L", "median (IQR; range); n")
    assert peak.startswith("4,500 ") and "3,000-6,000" in peak and peak.endswith("; 2/4")
    assert cell(t, "Peak CK, x ULN", "median (IQR; range); n").endswith("; 3/4")
    assert cell(t, "Peak CK", "a CK in another unit, not converted") == "1"


def test_no_treatment_is_a_no_and_unrecorded_treatment_is_unknown():
    none = Case("none", initial_treatments=InitialTreatments(InitialTreatmentsStatus.NONE))
    unknown = Case("unknown")
    given = Case(
        "ivig",
        initial_treatments=InitialTreatments(
            InitialTreatmentsStatus.GIVEN, [[InitialTreatmentItem(TreatmentKind.IVIG)]]
        ),
        outcome=Outcome(response_muscular="No improvement"),
    )
    t = table1([none, unknown, given])
    assert cell(t, "Treatments given", "IVIg") == "1/2 (50%)"
    assert cell(t, "Treatments given", "Steroid") == "0/2 (0%)"
    assert cell(t, "Treatments given", "not specified") == "1"
    header, rows = response_by_pattern([none, unknown, given])
    assert header[:2] == ["Initial treatment pattern", "n"]
    ivig = next(r for r in rows if r[0] == "IVIg alone")
    assert ivig[1:] == ["1", "0", "0", "1", "0", "1", "0"]


def test_the_command_writes_table1_as_csv_a_spreadsheet_reads(template_casebook, tmp_path):
    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    out = tmp_path / "table1.csv"
    run("--db", path, "cohort", "--show", "table1", "--group", "outcome",
        "--format", "csv", "--out", out)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Characteristic", "Category", "All (n=17)",
                       "Final outcome: Alive (n=4)", "Final outcome: Dead (n=9)",
                       "Final outcome: not specified (n=4)"]
    sex = next(r for r in rows if r[:2] == ["Sex", "female"])
    assert sex[2] == "5/17 (29%)"
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_the_command_prints_the_papers_table_and_km_for_a_selection(template_casebook,
                                                                    tmp_path):
    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    table = run("--db", path, "cohort", "--show", "table", "--format", "csv",
                "--where", "pattern=corticosteroids before chemotherapy").stdout
    rows = list(csv.reader(io.StringIO(table)))
    assert [r[0] for r in rows[1:]] == ["33", "34", "35", "Our case"]
    assert rows[1][3] == "PSL→chemotherapy"
    km = run("--db", path, "cohort", "--show", "km").stdout.splitlines()
    assert km[1].split("\t")[:5] == ["All", "median", "1", "0", "not reached"]
    assert km[2].split("\t")[:3] == ["All", "left out (no follow-up, outcome or origin)", "16"]
    # from the start of chemotherapy: the index case (alive, censored) still counts, the
    # 16 literature cases are still left out
    km = run("--db", path, "cohort", "--show", "km", "--origin", "chemotherapy").stdout
    assert [line.split("\t")[:3] for line in km.splitlines()[1:]] == [
        ["All", "median", "1"], ["All", "left out (no follow-up, outcome or origin)", "16"]]


def test_the_command_draws_the_plots_headless(template_casebook, tmp_path):
    from xml.etree import ElementTree

    path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    svg = tmp_path / "km.svg"
    out = run("--db", path, "cohort", "--plot", "km", "--out", svg)
    assert out.stdout.strip() == f"wrote {svg}" and out.stderr == ""
    root = ElementTree.parse(svg).getroot()
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Overall survival from day 0", "All", "1"} <= texts  # title, group, at risk
    assert "Days from day 0" in "".join(root.itertext())
    pdf = tmp_path / "swimmer.pdf"
    run("--db", path, "cohort", "--plot", "swimmer", "--out", pdf, "--size", "900x500")
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = run("--db", path, "cohort", "--plot", "km", "--out", tmp_path / "km.gif",
              check=False)
    assert bad.returncode == 2 and "--plot needs --out FILE ending in .png" in bad.stderr
    assert not (tmp_path / "km.gif").exists()
