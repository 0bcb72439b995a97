"""Issue 12 item 8: labels hold no control or text-direction characters and have a limit;
what a terminal is sent is cleaned (a label stored before the rule may still hold them)."""

from __future__ import annotations

import io
import sqlite3
import sys

import pytest

import main
from domain.checks import check_case
from domain.text import BIDI_CONTROLS, LABEL_MAX, for_terminal, shown
from storage.repository import InvalidCase
from tests.conftest import copy_casebook
from tests.test_storage import full_case

UNSAFE = ["\x1b", "\x07", "\x00", "\t", "\n", "\r", "\x7f", "\x85", *sorted(BIDI_CONTROLS)]


@pytest.mark.parametrize("ch", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_a_label_with_a_control_or_bidi_character_is_refused_and_not_written(repo, ch):
    case = full_case()
    case.label = f"Clinic{ch}2026"
    [problem] = [p for p in check_case(case) if p.field == "label"]
    assert f"U+{ord(ch):04X}" in problem.message and "plain text" in problem.message
    n = repo.count()
    with pytest.raises(InvalidCase, match="Label: no control or text-direction"):
        repo.save(case)
    assert repo.count() == n


def test_a_label_has_a_length_limit_with_a_message(repo):
    case = full_case()
    case.label = "A" * LABEL_MAX
    assert not [p for p in check_case(case) if p.field == "label"]
    case.label = "A" * 100_000
    with pytest.raises(InvalidCase, match=f"at most {LABEL_MAX} characters .this one has 100000"):
        repo.save(case)


def test_shown_values_are_one_line_clean_and_cut():
    assert shown("a\x1b[31mb\nc\u202ed") == "a[31mb cd"
    long = shown("x" * 100_000)
    assert len(long) < 100 and long.endswith("(100000 characters)")
    assert for_terminal("ok\u202e\x1b") == "ok"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_output_to_a_terminal_is_cleaned_and_to_a_pipe_kept(
    db_path, template_casebook, monkeypatch, capsys
):
    copy_casebook(template_casebook, db_path)
    conn = sqlite3.connect(db_path)  # stored before the rule, or by another program
    conn.execute("UPDATE cases SET label = 'Evil\x1b]0;pwned\x07\u202e case' WHERE id = 1")
    conn.commit()
    conn.close()
    assert main.main(["--db", str(db_path), "cases"]) == 0
    assert "\x1b]0;pwned\x07" in capsys.readouterr().out  # a file gets the data as stored
    out, err = Terminal(), Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main.main(["--db", str(db_path), "cases"]) == 0
    assert "Evil]0;pwned case" in out.getvalue()
    assert not any(c in out.getvalue() for c in ("\x1b", "\x07", "\u202e"))
    assert main.main(["--db", str(db_path), "course", "\x1b[31mred\u202e"]) == 2
    assert err.getvalue() == "error: no case '[31mred'; `cases` lists the ids\n"

