"""Test isolation: every test gets its own casebook file and settings; no real dialogs."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAPER = ROOT / "resources" / "paper" / "takashima2017_intern_med.txt"


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    """The default casebook and Qt settings point into the test's own folder."""
    monkeypatch.setenv("DM_CASEBOOK_DB", str(tmp_path / "default.sqlite"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "casebook.sqlite"


@pytest.fixture(scope="session")
def template_casebook(tmp_path_factory) -> Path:
    """A casebook made once per session as open_db makes one (the paper's 17 cases seeded,
    each with its audit entry); tests that only need such a file get a copy of it."""
    from storage.db import open_db

    path = tmp_path_factory.mktemp("template") / "casebook.sqlite"
    database = open_db(path)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


def copy_casebook(template: Path, to: Path) -> Path:
    """A private copy of a closed casebook (0600, as open_db creates one)."""
    shutil.copyfile(template, to)
    os.chmod(to, 0o600)
    return to


@pytest.fixture
def db(db_path, template_casebook):
    from storage.db import open_db

    database = open_db(copy_casebook(template_casebook, db_path))
    yield database
    database.close()


@pytest.fixture
def repo(db):
    from storage.repository import CaseRepository

    return CaseRepository(db)
