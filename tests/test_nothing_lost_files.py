"""Issue 12 items 5, 11 and 12: files that cannot be opened are left exactly as they were
(no -wal/-shm made beside them), odd paths and inputs give one line and exit 2, and the
messages say what happened (a full disk or a read-only folder is not "damaged")."""

from __future__ import annotations

import os
import sqlite3

import pytest

import main
import storage.db
from storage.db import EmptyCasebook, StoreError, open_db
from storage.migrations import SCHEMA_VERSION
from tests.conftest import copy_casebook
from tests.gui.test_nothing_lost_exports import disk_full_after
from tests.test_backup import damaged_copy


def companions(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f"{path.name}-"))


def deny_writes(monkeypatch, *paths) -> None:
    """os.access as a non-root user sees a 0400 file or a 0500 folder (root may write)."""
    real = os.access
    denied = {str(p) for p in paths}
    monkeypatch.setattr(
        storage.db.os,
        "access",
        lambda f, mode: False if (mode & os.W_OK and str(f) in denied) else real(f, mode),
    )


def read_only(p, template, monkeypatch):
    copy_casebook(template, p)
    p.chmod(0o400)
    deny_writes(monkeypatch, p)


def newer(p, template, monkeypatch):
    copy_casebook(template, p)
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert companions(p) == []


def damaged(p, template, monkeypatch):
    damaged_copy(template, p)


def truncated(p, template, monkeypatch):
    data = template.read_bytes()
    p.write_bytes(data[: len(data) // 3])


REFUSED = {read_only: "read-only", newer: "newer", damaged: "damaged", truncated: "damaged"}


@pytest.mark.parametrize("make", REFUSED, ids=lambda f: f.__name__)
def test_a_refused_file_gets_no_wal_or_shm_and_keeps_its_bytes_and_mode(
    db_path, template_casebook, monkeypatch, make
):
    make(db_path, template_casebook, monkeypatch)
    before, mode = db_path.read_bytes(), db_path.stat().st_mode
    with pytest.raises(StoreError, match=REFUSED[make]) as e:
        open_db(db_path)
    assert "\n" not in str(e.value)
    assert companions(db_path) == []
    assert (db_path.read_bytes(), db_path.stat().st_mode) == (before, mode)


def test_after_a_refusal_and_chmod_the_casebook_saves(db_path, template_casebook, monkeypatch):
    read_only(db_path, template_casebook, monkeypatch)
    with pytest.raises(StoreError):
        open_db(db_path)
    monkeypatch.undo()
    db_path.chmod(0o600)
    from storage.repository import CaseRepository

    repo = CaseRepository(open_db(db_path))
    case = repo.get(1)
    case.notes = "saved after chmod 600"
    repo.save(case)
    assert repo.get(1).notes == "saved after chmod 600"
    repo.db.close()


def cli(capsys, *args) -> tuple[int, str]:
    code = main.main([str(a) for a in args])
    err = capsys.readouterr().err
    return code, err


def one_line_error(code: int, err: str) -> str:
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_a_dangling_symlink_as_db_is_one_line(tmp_path, capsys):
    link = tmp_path / "link.sqlite"
    link.symlink_to(tmp_path / "gone.sqlite")
    err = one_line_error(*cli(capsys, "--db", link, "cases"))
    assert "symbolic link" in err and "does not exist" in err
    assert link.is_symlink() and not (tmp_path / "gone.sqlite").exists()


def test_a_named_pipe_is_refused_without_reading_it(tmp_path, capsys):
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    err = one_line_error(*cli(capsys, "--db", fifo, "cases"))
    assert "not an ordinary file" in err


@pytest.mark.parametrize("ref", ["99999999999999999999999", "-1", "٣"])
def test_a_case_number_too_large_for_sqlite_is_no_such_case(db_path, capsys, ref):
    open_db(db_path).close()
    err = one_line_error(*cli(capsys, "--db", db_path, "course", ref))
    assert "no case" in err


def test_svg_export_on_a_full_disk_is_one_line_and_keeps_the_old_file(
    db_path, template_casebook, tmp_path, capsys
):
    copy_casebook(template_casebook, db_path)
    out = tmp_path / "chart.svg"
    assert cli(capsys, "--db", db_path, "export-chart", "17", "--out", out)[0] == 0
    before = out.read_bytes()
    open_db(db_path).close()  # -wal/-shm exist: the open needs no room
    with disk_full_after(len(before) // 3):
        err = one_line_error(*cli(capsys, "--db", db_path, "export-chart", "17", "--out", out))
    assert "not written" in err and "is the disk full" in err and out.read_bytes() == before


def test_a_full_disk_at_open_is_not_called_damaged(db_path, template_casebook, capsys):
    copy_casebook(template_casebook, db_path)  # no -shm yet: opening must write one
    with disk_full_after(1000):
        err = one_line_error(*cli(capsys, "--db", db_path, "cases"))
    assert "damaged" not in err and "disk" in err


def test_a_full_disk_by_free_space_is_said_so(db_path, template_casebook, capsys, monkeypatch):
    copy_casebook(template_casebook, db_path)
    usage = type("usage", (), {"free": 0})
    monkeypatch.setattr(storage.db.shutil, "disk_usage", lambda p: usage)
    with disk_full_after(1000):
        err = one_line_error(*cli(capsys, "--db", db_path, "cases"))
    assert "the disk is full" in err and "local disk" not in err


def test_a_read_only_folder_is_not_called_damaged(db_path, template_casebook, monkeypatch):
    copy_casebook(template_casebook, db_path)
    deny_writes(monkeypatch, db_path.parent)
    with pytest.raises(StoreError) as e:
        open_db(db_path)
    message = str(e.value)
    assert "read-only folder" in message and "damaged" not in message
    assert "local disk" not in message and companions(db_path) == []


def test_a_new_file_that_fails_to_open_leaves_no_empty_file(db_path, capsys):
    with disk_full_after(0):
        one_line_error(*cli(capsys, "--db", db_path, "cases"))
    assert not db_path.exists() and companions(db_path) == []


def test_an_empty_file_is_refused_by_the_cli_and_kept_as_it_is(db_path, capsys):
    db_path.touch()
    db_path.chmod(0o640)
    err = one_line_error(*cli(capsys, "--db", db_path, "cases"))
    assert "empty file (0 bytes)" in err
    assert db_path.stat().st_size == 0 and db_path.stat().st_mode & 0o777 == 0o640
    assert companions(db_path) == []


def test_an_empty_file_becomes_a_casebook_only_when_allowed_and_keeps_its_mode(db_path):
    db_path.touch()
    db_path.chmod(0o640)
    with pytest.raises(EmptyCasebook):
        open_db(db_path)
    db = open_db(db_path, allow_empty=True)
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 17
    db.close()
    assert db_path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "args",
    [
        ["course", "x" * 100_000],
        ["export-chart", "17", "--out", "c.png", "--dpi", "9" * 100_000],
        ["export-chart", "17", "--out", "c.png", "--mm", "y" * 100_000],
    ],
    ids=["case", "dpi", "mm"],
)
def test_values_echoed_in_messages_are_cut_to_a_readable_length(db_path, capsys, args):
    open_db(db_path).close()
    err = one_line_error(*cli(capsys, "--db", db_path, *args))
    assert len(err) < 200 and "(100000 characters)" in err
