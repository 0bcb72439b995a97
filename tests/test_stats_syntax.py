"""The SPSS syntax run in GNU PSPP as a statistician would run it (from the export
folder), and the Stata and R scripts checked against the CSV files they read."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest

from devtools.synth import synthetic_case
from storage.data_export import export_data


@pytest.fixture
def folder(repo, tmp_path):
    for n in (1, 2, 3):
        repo.save(synthetic_case(n, seed=11))
    return export_data(repo.db, tmp_path / "out", ["spss", "stata", "r"], "identified").folder


def headers(folder) -> dict[str, list[str]]:
    out = {}
    for path in sorted(folder.glob("*.csv")):
        if not path.name.startswith("codebook"):
            with open(path, encoding="utf-8") as f:
                out[path.stem] = next(csv.reader(f))
    return out


def pspp(folder, syntax: str) -> str:
    assert shutil.which("pspp"), "GNU PSPP is not installed; run scripts/system-deps.sh as root"
    (folder / "check.sps").write_text(syntax, encoding="utf-8")
    out = folder / "check.txt"
    r = subprocess.run(["pspp", "-o", str(out), "check.sps"], cwd=folder,
                       capture_output=True, text=True, timeout=120)
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    assert r.returncode == 0, r.stdout + r.stderr + text
    assert not re.search(r"\b(error|warning)\b", text + r.stdout, re.I), text + r.stdout
    return text


def test_pspp_reads_every_file_with_labels_and_value_labels(folder, repo):
    pspp(folder, (folder / "dm_casebook.sps").read_text())
    assert {p.stem for p in folder.glob("*.sav")} == set(headers(folder))
    out = pspp(folder, "GET FILE='cases.sav'.\nFREQUENCIES /VARIABLES=sex_code.\n"
               "DISPLAY DICTIONARY /VARIABLES=age sex_code.\n"
               "GET FILE='lab_results.sav'.\nDISPLAY DICTIONARY /VARIABLES=day_precision_code.\n"
               "DESCRIPTIVES /VARIABLES=value_canonical.\n")
    assert re.search(r"Total\s*\|\s*" + str(repo.count()) + r"\b", out), out
    for label in ("male (M)", "female (F)", "not specified", "Sex (coded)", "Age", "exact",
                  "approximate"):
        assert label in out
    assert re.search(r"\b3\[a\]\s*\|not specified", out), out  # declared missing


def test_stata_and_r_label_every_column_of_every_file(folder):
    do = (folder / "dm_casebook.do").read_text()
    r_code = (folder / "dm_casebook.R").read_text()
    for table, columns in headers(folder).items():
        assert f'import delimited using "{table}.csv"' in do
        assert f'save "{table}.dta", replace' in do
        assert f'dm${table} <- read.csv("{table}.csv"' in r_code
        for c in columns:
            assert re.search(rf"^label variable {c} \"", do, re.M), (table, c)
            assert f'attr(dm${table}${c}, "label")' in r_code, (table, c)
    assert 'label define l_sex 1 "male (M)" 2 "female (F)" 3 "not specified", replace' in do
    assert 'replace sex_code = 2 if sex == "F"' in do
    assert ('dm$cases$sex <- factor(dm$cases$sex, levels = c("M", "F", "not specified"), '
            'labels = c("male (M)", "female (F)", "not specified"))') in r_code


def test_r_reads_every_file_with_factors_and_labels(folder, repo):
    assert shutil.which("Rscript"), "R is not installed; run scripts/system-deps.sh as root"
    (folder / "check.R").write_text(
        'source("dm_casebook.R")\n'
        'cat(nrow(dm$cases), nrow(dm$lab_results), "\\n")\n'
        'cat(levels(dm$cases$sex), sep = "|"); cat("\\n")\n'
        'cat(attr(dm$cases$age, "label"), class(dm$lab_results$value),\n'
        '    class(dm$cases$reference_number), class(dm$cases_wide$ab_tif1_gamma), "\\n")\n'
        'cat(sum(dm$lab_results$day_precision == "exact", na.rm = TRUE), "\\n")\n',
        encoding="utf-8")
    r = subprocess.run(["Rscript", "check.R"], cwd=folder, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    counts, levels, classes, exact = r.stdout.splitlines()[-4:]
    labs = sum(len(repo.get(c.id).labs) for c in repo.headers())
    assert counts.split() == [str(repo.count()), str(labs)]
    assert levels == "male (M)|female (F)|not specified"
    assert classes.split() == ["Age", "numeric", "character", "factor"]
    with open(folder / "lab_results.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert int(exact) == sum(r["day_precision"] == "exact" for r in rows)
