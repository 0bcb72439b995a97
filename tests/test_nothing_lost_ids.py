"""Issue 12 item 1: a stale save never overwrites another case; ids are never reused."""

from __future__ import annotations

import pytest

from domain.model import Case
from storage.db import connect, open_db
from storage.migrations import SCHEMA_VERSION, migrations
from storage.repository import CaseNotFound, CaseRepository
from tests.old_schema import insert_case
from tests.test_storage import full_case


def _case(label: str) -> Case:
    c = full_case()
    c.label = label
    return c


def test_a_stale_save_of_a_deleted_case_does_not_overwrite_the_new_one(tmp_path):
    path = tmp_path / "c.sqlite"
    db_a, db_b = open_db(path, seed=False), open_db(path, seed=False)
    a, b = CaseRepository(db_a), CaseRepository(db_b)
    a.save(_case("first"))
    x_id = a.save(_case("X, the highest id"))
    window_a = a.get(x_id)  # window A holds X
    b.delete(x_id)
    new_id = b.save(_case("new case saved elsewhere"))
    assert new_id != x_id  # the id of the deleted case is not given again
    window_a.notes = "A's stale edit"
    with pytest.raises(CaseNotFound):
        a.save(window_a)
    assert b.get(new_id).label == "new case saved elsewhere"
    assert b.get(new_id).notes != "A's stale edit"


def test_the_uuid_is_checked_even_when_an_id_is_taken_by_another_case(repo):
    """E.g. after a restore put another case at the id a window still holds."""
    case_id = repo.save(_case("mine"))
    held = repo.get(case_id)
    held.uuid = "00000000-0000-4000-8000-000000000000"
    held.notes = "should not land"
    with pytest.raises(CaseNotFound, match="now another case"):
        repo.save(held)
    assert repo.get(case_id).notes != "should not land"


def _version_2_file(path) -> tuple[int, int, int]:
    """A file at schema 2 with three cases, the highest one deleted; their ids.

    Written straight as rows (the live repository writes the newest trail), the delete
    with its entry in the trail as the app of that version wrote it.
    """
    db = connect(path)
    migrations.apply(db, stop_before="m003_case_ids_never_reused")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    ids = [insert_case(db, _case(f"case {n}"), record=False) for n in range(3)]
    # the highest case deleted: its id is left only in the audit trail
    db.execute(
        "INSERT INTO audit_events (at, user_name, action, case_id, case_uuid, case_label, "
        "version) SELECT 'x', 'someone', 'delete', id, uuid, label, version FROM cases "
        "WHERE id = ?",
        [ids[2]],
    )
    db.execute("DELETE FROM cases WHERE id = ?", [ids[2]])
    db.conn.commit()
    db.close()
    return tuple(ids)


def test_migration_3_keeps_every_case_and_never_reuses_a_deleted_id(tmp_path):
    path = tmp_path / "v2.sqlite"
    first, second, deleted = _version_2_file(path)
    db = connect(path)
    before = {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in db.table_names()
        # the trail only grows: a later step records the fields it adds (m006)
        if not t.startswith(("_sqlite", "sqlite", "audit_"))
    }
    db.close()

    db = open_db(path, seed=False)
    repo = CaseRepository(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    after = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before  # no child row lost to a cascade
    assert repo.get(first).labs == full_case().labs
    assert [c.label for c in repo.headers()] == ["case 0", "case 1"]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    new_id = repo.save(_case("after the upgrade"))
    assert new_id > deleted
    repo.delete(second)  # children still cascade with their case
    assert (
        db.execute("SELECT count(*) FROM lab_results WHERE case_id = ?", [second]).fetchone()[0]
        == 0
    )
    db.close()
    # opening again changes nothing (the step is recorded, and harmless if run again)
    db = open_db(path, seed=False)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_rows_written_straight_keep_their_ids(tmp_path):
    """The rebuilt table holds the same ids, so child rows still point at their case."""
    path = tmp_path / "v2b.sqlite"
    db = open_db(path, seed=False)
    db.close()
    path.unlink()
    db = connect(path)
    migrations.apply(db, stop_before="m003_case_ids_never_reused")
    insert_case(db, full_case(), case_id=41, record=False)
    db.close()
    db = open_db(path, seed=False)
    assert CaseRepository(db).get(41).labs == full_case().labs
    assert CaseRepository(db).save(_case("next")) == 42
