"""Two windows on one file: conflicting edits are refused, a locked file means
"busy, retrying" and then a plain StoreBusy, never a traceback or a silent overwrite."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from storage.db import BUSY_ATTEMPTS, StoreBusy, busy_message, connect, open_db
from storage.repository import CaseRepository, ConflictError
from tests.conftest import ROOT
from tests.test_storage import full_case


@pytest.fixture
def two_windows(db_path):
    """Two repositories on one file, as two app instances have."""
    first = CaseRepository(open_db(db_path), user="window-1")
    second = CaseRepository(open_db(db_path), user="window-2")
    yield first, second
    first.db.close()
    second.db.close()


def dump(db) -> list[str]:
    return list(db.conn.iterdump())


def test_the_second_saver_of_a_case_is_told_it_changed(two_windows):
    first, second = two_windows
    case = full_case()
    first.save(case)
    mine, theirs = first.get(case.id), second.get(case.id)
    theirs.label = "theirs"
    second.save(theirs)
    mine.notes = "mine"
    before = dump(first.db)
    with pytest.raises(ConflictError, match="changed elsewhere since you opened it"):
        first.save(mine)
    assert dump(first.db) == before  # nothing written, not even an audit entry
    stored = first.get(case.id)
    assert (stored.label, stored.notes, stored.version) == ("theirs", "full case", 2)
    assert (mine.version, mine.notes) == (1, "mine")  # the user's edit is still in hand


CHILD_EDIT = """
import sys
sys.path.insert(0, {root!r})
from storage.db import open_db
from storage.repository import CaseRepository
repo = CaseRepository(open_db({path!r}), user="colleague")
case = repo.get({case_id})
case.label = "edited in the other app"
repo.save(case)
print(case.version)
"""


def test_an_edit_saved_by_another_process_is_not_overwritten(db_path):
    repo = CaseRepository(open_db(db_path))
    case = full_case()
    repo.save(case)
    mine = repo.get(case.id)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD_EDIT.format(root=str(ROOT), path=str(db_path), case_id=case.id),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "2"
    mine.label = "mine"
    with pytest.raises(ConflictError):
        repo.save(mine)
    assert repo.get(case.id).label == "edited in the other app"
    assert [e.user for e in repo.history(case.id) if e.field == "label"][-1] == "colleague"


def test_a_writer_finding_the_file_locked_hears_busy_and_retries(db_path):
    repo = CaseRepository(open_db(db_path))
    holder = connect(db_path)  # another window in the middle of its save
    holder.execute("BEGIN IMMEDIATE")
    heard = []

    def on_busy(message):
        heard.append(message)
        holder.execute("COMMIT")  # the other window finishes

    repo.on_busy = on_busy
    case = full_case()
    repo.save(case)
    assert heard == [busy_message(1, BUSY_ATTEMPTS)]
    assert "busy" in heard[0] and "Retrying (1 of 3)" in heard[0]
    assert repo.get(case.id) == case
    holder.close()


def test_readers_are_not_blocked_by_a_writer(db_path):
    repo = CaseRepository(open_db(db_path))
    holder = connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM findings")
    assert repo.count() == 17 and repo.get(17).findings  # the last committed state
    holder.execute("ROLLBACK")
    holder.close()


def test_a_lock_that_is_never_released_ends_in_a_plain_store_busy(db_path):
    repo = CaseRepository(open_db(db_path))
    repo.db.execute("PRAGMA busy_timeout=50")  # this test only: do not wait 3 x 5 s
    holder = connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    heard = []
    repo.on_busy = heard.append
    before = dump(repo.db)
    case = full_case()
    with pytest.raises(StoreBusy) as e:
        repo.save(case)
    assert len(heard) == BUSY_ATTEMPTS
    assert isinstance(e.value, sqlite3.OperationalError)  # code catching db errors shows it
    assert "stayed busy" in str(e.value) and "nothing was saved" in str(e.value)
    assert "Traceback" not in str(e.value) and "sqlite" not in str(e.value).lower()
    assert case.id is None and not repo.db.conn.in_transaction
    holder.execute("ROLLBACK")
    assert dump(repo.db) == before
    assert repo.db.execute("PRAGMA busy_timeout").fetchone()[0] == 50  # restored after the try
    holder.close()


CHILD_LOCK = """
import sys
sys.path.insert(0, {root!r})
from storage.db import connect
db = connect({path!r})
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE cases SET notes = 'other app' WHERE id = 1")
print("locked", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
print("released", flush=True)
"""


def test_another_process_holding_the_lock_means_busy_then_success(db_path):
    repo = CaseRepository(open_db(db_path))
    with subprocess.Popen(
        [sys.executable, "-c", CHILD_LOCK.format(root=str(ROOT), path=str(db_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout.readline() == "locked\n"
        heard = []

        def on_busy(message):
            heard.append(message)
            other.stdin.write("go\n")
            other.stdin.flush()

        repo.on_busy = on_busy
        case = repo.get(2)
        case.notes = "this app"
        repo.save(case, check_version=False)
        assert other.stdout.readline() == "released\n"
    assert len(heard) == 1
    assert repo.get(1).notes == "other app" and repo.get(2).notes == "this app"
