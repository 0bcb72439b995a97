"""`python main.py synth`, run as a user runs it."""

from __future__ import annotations

import re

import pytest

from tests.test_cli import _one_line_error, run


def _labels(db_path) -> list[str]:
    lines = run("--db", db_path, "cases").stdout.splitlines()[1:]
    return [line.split("\t")[1] for line in lines]


def test_synth_writes_n_cases_and_appends_on_a_second_run(db_path):
    out = run("synth", "--cases", 30, "--db", db_path, "--seed", 4)
    assert re.match(
        r"wrote 30 synthetic cases \(Synthetic 00001 to Synthetic 00030, seed 4\)", out.stdout
    )
    assert "the file holds 47 cases" in out.stdout
    labels = _labels(db_path)
    assert len(labels) == 47
    assert [x for x in labels if x.startswith("Synthetic")] == [
        f"Synthetic {n:05d}" for n in range(1, 31)
    ]
    # --db may also come before the command; numbering continues
    run("--db", db_path, "synth", "--cases", 5, "--seed", 4, "--workers", 0)
    assert _labels(db_path)[-1] == "Synthetic 00035"


@pytest.mark.parametrize(
    "cases", [40, pytest.param(1500, marks=pytest.mark.slow)], ids=["one-batch", "two-batches"]
)
def test_the_same_seed_writes_the_same_cases_whatever_the_workers(tmp_path, cases):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    # built by worker processes or in this one; 1,500 cases make two batches of the writer
    run("synth", "--cases", cases, "--db", a, "--seed", 11, "--workers", 2)
    run("synth", "--cases", cases, "--db", b, "--seed", 11, "--workers", 0)
    for label in ("Synthetic 00001", f"Synthetic {cases // 2 + 1:05d}", f"Synthetic {cases:05d}"):
        course_a = run("--db", a, "course", label).stdout
        assert course_a.count("\n") > 20
        assert course_a == run("--db", b, "course", label).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cases", "0"], r"--cases: 0 is out of range; allowed 1 to 1,000,000"),
        (["--cases", "-5"], r"--cases: -5 is out of range"),
        (["--cases", "ten"], r"--cases: 'ten' is not a whole number"),
        (["--cases", "1e3"], r"--cases: '1e3' is not a whole number"),
        (["--cases", "2000000"], r"--cases: 2000000 is out of range"),
        ([], r"--cases: give a whole number from 1 to 1,000,000"),
        (["--cases", "5", "--seed", "x"], r"--seed: 'x' is not a whole number"),
        (["--cases", "5", "--seed", "1.5"], r"--seed: '1.5' is not a whole number"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(db_path, args, message):
    out = run("synth", "--db", db_path, *args, check=False)
    _one_line_error(out, message)
    assert not db_path.exists()


def test_a_file_is_required_and_never_the_default_casebook(tmp_path, monkeypatch):
    _one_line_error(run("synth", "--cases", "5", check=False), r"--db: give the casebook file")
    default = tmp_path / "default.sqlite"  # DM_CASEBOOK_DB in tests/conftest.py
    out = run("synth", "--cases", "5", "--db", default, check=False)
    _one_line_error(out, r"is your default casebook")
    assert not default.exists()


def test_a_file_that_is_not_a_casebook_is_refused(tmp_path):
    p = tmp_path / "x.sqlite"
    p.write_bytes(b"hello, not a database")
    _one_line_error(run("synth", "--cases", "5", "--db", p, check=False), "not")
    assert p.read_bytes() == b"hello, not a database"
