"""`scores` and `tis` run as a user runs them, their output read back as another program
would (csv with tabs, json)."""

from __future__ import annotations

import csv
import io
import json

from domain.model import CoreSetVisit
from storage.db import open_db
from storage.repository import CaseRepository
from tests.conftest import copy_casebook
from tests.test_cli import run

INDEX = "Takashima 2017 (index case)"
WORKED = ["--physician", "6", "3", "--patient", "7", "5", "--mmt", "110", "125",
          "--mmt-max", "150", "--haq", "1.5", "1.125", "--enzyme", "4000", "600",
          "--extramuscular", "4", "2"]


def _tsv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def test_scores_of_the_index_case_tsv(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    rows = _tsv(run("--db", db, "scores", INDEX).stdout)
    results = {r["instrument"]: (r["label"], r["value"]) for r in rows if r["line"] == "result"}
    assert results == {
        "Bohan & Peter 1975": ("probable DM", "probable DM"),
        "EULAR/ACR 2017": ("definite IIM", "12.0"),
        "IMACS 2023 cancer screening": ("high risk", "high"),
    }
    bp_missing = [r["value"] for r in rows
                  if r["instrument"] == "Bohan & Peter 1975" and r["line"] == "if missing"]
    assert bp_missing == ["definite DM reachable only if the muscle biopsy or the EMG were "
                          "positive"]
    ck = next(r for r in rows if r["label"].startswith("Raised CK, LDH"))
    assert ck["points"] == "1.3" and "CK 15242 IU/L above its upper limit 248" in ck["where"]
    assert any(r["line"] == "suggestion" and r["value"].startswith("IMACS 2023 suggests")
               for r in rows)
    assert any(r["line"] == "unconfirmed" and r["instrument"] == "EULAR/ACR 2017" for r in rows)


def test_scores_json_has_the_subgroup_and_the_rules_version(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    body = json.loads(run("--db", db, "scores", INDEX, "--format", "json").stdout)
    by_name = {s["instrument"]: s for s in body["scores"]}
    assert by_name["EULAR/ACR 2017"]["extra"]["subgroup"] == "DM"
    assert by_name["IMACS 2023 cancer screening"]["extra"]["rules_version"].startswith(
        "imacs2023-rules")


def test_tis_worked_example_from_the_command_line():
    rows = _tsv(run("tis", *WORKED).stdout)
    assert (rows[0]["label"], rows[0]["value"]) == ("moderate improvement", "57.5")
    assert [r["points"] for r in rows if r["line"] == "input"] == [
        "17.5", "5", "10", "5", "7.5", "12.5"]
    body = json.loads(run("tis", *WORKED, "--juvenile", "--format", "json").stdout)
    assert (body["value"], body["category"], body["extra"]["thresholds"]) == (
        "57.5", "moderate improvement", "juvenile")


def test_tis_from_a_case_with_two_visits(template_casebook, tmp_path):
    db_path = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    db = open_db(db_path)
    repo = CaseRepository(db)
    case = repo.get(repo.resolve(INDEX))
    case.core_set_visits = [CoreSetVisit(day=0, physician_global=6),
                            CoreSetVisit(day=29, physician_global=2)]
    repo.save(case)
    db.close()
    rows = _tsv(run("--db", db_path, "tis", "--case", INDEX).stdout)
    # physician 40% -> 17.5; CK 15242 -> 54 (the most abnormal enzyme that day) -> 7.5
    assert (rows[0]["value"], rows[0]["label"]) == ("25.0", "minimal improvement")


def test_tis_refuses_bad_input_in_one_line():
    for args, message in (
        (["--physician", "6", "abc"], "--physician: 'abc' is not a number"),
        (["--physician", "11", "3"], "--physician: 11 is out of range; allowed from 0 to 10"),
        (["--mmt", "60", "70"], "--mmt needs --mmt-max"),
        (["--mmt", "60", "90", "--mmt-max", "80"], "--mmt: 90 is above --mmt-max 80"),
        ([], "give at least one measure"),
    ):
        out = run("tis", *args, check=False)
        assert out.returncode == 2, args
        assert out.stderr.startswith(f"error: {message}"), out.stderr
        assert len(out.stderr.splitlines()) == 1 and out.stdout == ""


def test_scores_of_an_unknown_case_is_one_line(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    out = run("--db", db, "scores", "no such case", check=False)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1


def test_scores_all_is_a_cohort_table_read_back_as_csv(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    rows = list(csv.DictReader(io.StringIO(run("--db", db, "scores", "--all",
                                                "--format", "csv").stdout)))
    assert len(rows) == 17
    index = next(r for r in rows if r["case"] == INDEX)
    assert {k: index[k] for k in ("bohan_peter", "bohan_peter_reachable", "eular_acr_score",
                                  "eular_acr_category", "eular_acr_subgroup",
                                  "imacs2023_risk")} == {
        "bohan_peter": "probable DM", "bohan_peter_reachable": "definite",
        "eular_acr_score": "12.0", "eular_acr_category": "definite IIM",
        "eular_acr_subgroup": "DM", "imacs2023_risk": "high"}
    literature = rows[0]  # the Table gives age and sex only: a lower bound, much missing
    assert literature["bohan_peter"] == "none (PM, the rash not recorded)"
    assert int(literature["inputs_missing"]) > 20
    for args, message in ((["scores"], "give a CASE (id or label), or --all"),
                          (["scores", INDEX, "--all"], "give a CASE (id or label) or --all, "
                           "not both"),
                          (["scores", INDEX, "--format", "csv"], "--format csv is for --all")):
        out = run("--db", db, *args, check=False)
        assert out.returncode == 2
        assert out.stderr.startswith(f"error: {message}") and len(out.stderr.splitlines()) == 1
