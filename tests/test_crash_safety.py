"""Crash safety: the data-safety pragmas on every connection, and saves that fail at any
statement leave the file exactly as it was."""

from __future__ import annotations

import ast
import sqlite3
from datetime import date

import pytest

from domain.model import Cycle, LabResult, Precision
from storage import backup
from storage.db import MODE_PRAGMAS, StoreError, check_file, open_db
from storage.repository import CaseRepository
from tests.conftest import ROOT
from tests.connection_spy import first_other_statement, spy_connections
from tests.test_backup import version_1_file
from tests.test_storage import full_case

EXPECTED = {
    "casebook": {"journal_mode": "wal", "query_only": 0},
    "backup": {"journal_mode": "delete", "query_only": 0},
    "readonly": {"query_only": 1},
    "scratch": {"journal_mode": "off", "synchronous": 0},
}
COMMON = {"synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000, "trusted_schema": 0}


def _mode(o) -> str:
    if o.readonly:
        return "readonly"
    if "PRAGMA journal_mode=OFF" in o.conn.statements:
        return "scratch"  # a temporary file of the app's own (e.g. a staged bulk batch)
    return "backup" if o.target.endswith(".partial") else "casebook"


def test_every_connection_the_app_opens_has_the_safety_pragmas(tmp_path, monkeypatch, capsys):
    opened = spy_connections(monkeypatch)
    # everything the app does with files: create, seed, save, delete, reopen, upgrade an
    # older file, back up (daily, manual), verify, restore, open a copy, refuse a file,
    # and the headless commands
    path = tmp_path / "c.sqlite"
    db = open_db(path)
    repo = CaseRepository(db)
    case = full_case()
    repo.save(case)
    repo.delete(case.id)
    backup.daily_backup(path, source=db, today=date(2026, 1, 1))
    manual = backup.make_backup(path, "manual")
    backup.verify_backup(manual)
    backup.restore(path, manual)
    backup.copy_of_backup(manual, path)
    db.close()
    open_db(path).close()
    old = tmp_path / "old.sqlite"
    version_1_file(old)
    open_db(old).close()
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    opened.pop()  # that one was the test's own, made to be refused
    with pytest.raises(StoreError):
        check_file(other)
    import main

    assert main.main(["--db", str(path), "cases"]) == 0
    capsys.readouterr()

    modes = {_mode(o) for o in opened}
    assert modes == {"casebook", "backup", "readonly"} and len(opened) > 15
    for o in opened:
        assert o.caller == str(ROOT / "storage" / "db.py"), o  # all through storage.db.connect
        mode = _mode(o)
        head = o.conn.statements[: first_other_statement(o.conn.statements)]
        for name, value in MODE_PRAGMAS[mode]:
            assert f"PRAGMA {name}={value}" in head, (o.target, head)
        try:
            values = o.conn.read_pragmas()
        except sqlite3.ProgrammingError:
            values = o.conn.pragmas
        assert values is not None, o.target
        expected = COMMON | EXPECTED[mode]
        assert {k: values[k] for k in expected} == expected, o.target


def _calls(tree: ast.AST) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                out.append(f"{f.value.id}.{f.attr}")
            elif isinstance(f, ast.Name):
                out.append(f.id)
    return out


def test_no_module_but_storage_db_opens_a_connection():
    sources = [ROOT / "main.py"] + [
        p for pkg in ("domain", "storage", "gui", "cli") for p in (ROOT / pkg).rglob("*.py")
    ]
    for p in sources:
        calls = _calls(ast.parse(p.read_text(encoding="utf-8")))
        bad = [c for c in calls if c in ("sqlite3.connect", "sqlite_utils.Database", "Database")]
        if p != ROOT / "storage" / "db.py":
            assert not bad, (
                f"{p.relative_to(ROOT)} opens a connection itself ({bad}); use "
                "storage.db.connect(path, mode=...), which sets the data-safety pragmas"
            )


# ---- failure injection ------------------------------------------------------------------
def dump(db) -> list[str]:
    return list(db.conn.iterdump())


def edited(case):
    case.label = "edited"
    case.labs.pop(0)
    case.labs.append(LabResult("CK", 300, "IU/L", day=60))
    case.regimens[0].cycles.append(Cycle(3, 57, Precision.EXACT))
    case.antibodies[1].titre = "1:320"
    return case


OPS = {
    "create": lambda repo, existing: repo.save(full_case()),
    "update": lambda repo, existing: repo.save(edited(repo.get(existing.id))),
    "delete": lambda repo, existing: repo.delete(existing.id),
}


def _setup(path):
    db = open_db(path, seed=False)
    repo = CaseRepository(db)
    existing = full_case()
    repo.save(existing)
    return db, repo, existing


@pytest.mark.parametrize("op", OPS)
def test_each_statement_of_a_save_failing_in_turn_leaves_the_file_unchanged(tmp_path, op):
    db, repo, existing = _setup(tmp_path / "count.sqlite")
    statements: list[str] = []
    with db.tracer(lambda sql, params: statements.append(sql)):
        OPS[op](repo, existing)
    db.close()
    assert "BEGIN IMMEDIATE" in statements and statements[-1] == "COMMIT"
    assert any("audit_changes" in s for s in statements)
    for n in range(len(statements)):
        db, repo, existing = _setup(tmp_path / f"{op}-{n}.sqlite")
        before = dump(db)
        seen = []

        def fail_nth(sql, params, n=n, seen=seen):
            seen.append(sql)
            if len(seen) == n + 1:
                raise sqlite3.OperationalError(f"injected failure at: {sql[:40]}")

        with db.tracer(fail_nth), pytest.raises(sqlite3.OperationalError, match="injected"):
            OPS[op](repo, existing)
        assert seen[-1] == statements[n]  # the same statement sequence, cut at n
        assert not db.conn.in_transaction
        assert dump(db) == before, f"statement {n} ({statements[n][:60]}) left a change"
        # the connection is still usable: the same operation now succeeds
        OPS[op](repo, existing)
        db.close()
    assert len(statements) > 15


def test_a_failed_save_leaves_the_case_object_as_the_user_had_it(repo, db):
    existing = full_case()
    repo.save(existing)
    new = full_case()
    db.execute(
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON findings "
        "BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        repo.save(new)
    assert (new.id, new.version) == (None, 0)
    existing.label = "edited"
    with pytest.raises(sqlite3.IntegrityError):
        repo.save(existing)
    assert (existing.version, existing.label) == (1, "edited")  # still the user's values
