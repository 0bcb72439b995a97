"""Opening an up-to-date casebook, listing and reading its cases needs no sqlite-utils (it
and numpy cost ~0.25 s at start-up); anything else brings it in, and behaves as before."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from storage.db import Casebook, connect, open_db
from storage.migrations import migrations
from tests.conftest import ROOT, copy_casebook

CHILD = r"""
import json, sys
from storage.db import open_db
from storage.case_index import list_cases, positive_antibodies
from storage.repository import CaseRepository
db = open_db(sys.argv[1])
repo = CaseRepository(db)
cases = list_cases(db)
positive_antibodies(db)
label = repo.get(cases[-1].id).label
seen = {"cases": len(cases), "read": "sqlite_utils" in sys.modules or "numpy" in sys.modules}
case = repo.get(cases[-1].id)
case.notes += " (edited)"
repo.save(case)
seen["after_save"] = "sqlite_utils" in sys.modules
print(json.dumps(seen))
"""


def test_reading_needs_no_sqlite_utils_and_a_save_brings_it(template_casebook, tmp_path):
    db = copy_casebook(template_casebook, tmp_path / "c.sqlite")
    run = subprocess.run([sys.executable, "-c", CHILD, str(db)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"cases": 17, "read": False, "after_save": True}


def test_up_to_date_reads_the_migrations_record(tmp_path):
    fresh = open_db(tmp_path / "new.sqlite", seed=False)
    assert migrations.up_to_date(fresh) and not migrations.pending(fresh)
    fresh.close()
    empty = connect(tmp_path / "old.sqlite")
    assert not migrations.up_to_date(empty)  # no record at all yet
    migrations.apply(empty, stop_before="m003_case_ids_never_reused")
    assert not migrations.up_to_date(empty)
    assert [m.name for m in migrations.pending(empty)][0] == "m003_case_ids_never_reused"
    empty.close()
    reopened = open_db(tmp_path / "old.sqlite", seed=False)  # open_db migrates what is behind
    assert migrations.up_to_date(reopened)
    reopened.close()


def test_a_write_before_sqlite_utils_is_made_commits_as_sqlite_utils_does(db_path, template_casebook):
    copy_casebook(template_casebook, db_path)
    db = connect(db_path)
    assert isinstance(db, Casebook) and db._full is None
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ["probe", "1"])
    assert db._full is not None and not db.conn.in_transaction  # committed, not left open
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone() == ("1",)
    other.close()
    statements = []
    with db.tracer(lambda sql, params: statements.append(sql)):  # the tracer sees reads too
        db.execute("SELECT count(*) FROM cases").fetchone()
    assert statements == ["SELECT count(*) FROM cases"]
    db.close()
