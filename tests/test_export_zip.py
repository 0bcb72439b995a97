"""An export as one .zip file (`export --out FILE.zip`): its contents and README, the
round trip through `import FILE.zip`, and that a failed or cancelled export leaves no
file (the zip is written beside the target, checked, then renamed)."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import pytest

from devtools.synth import synthetic_case
from storage.audit import entries
from storage.data_export import ExportCancelled, ExportError, export_data
from storage.data_import import DataImportError, import_data
from storage.db import open_db
from storage.export_log import export_events
from tests.test_cli import run


def unwritable(folder: Path, monkeypatch) -> None:
    """Make folder read-only (0500). Root may write anywhere, so for root the process is
    also told what the system tells any other user there: creating a file or a folder in
    it fails with EACCES (os.open with O_CREAT, os.mkdir: what tempfile calls)."""
    folder.chmod(0o500)
    if os.geteuid() != 0:
        return
    real_open, real_mkdir = os.open, os.mkdir

    def inside(path) -> bool:
        return Path(os.fsdecode(path)).parent == folder

    def open_(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", mkdir)


@pytest.fixture
def place(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def without_made(readme: bytes) -> list[bytes]:
    """README.txt without its time of making (the only line two exports differ in)."""
    return [line for line in readme.splitlines() if not line.startswith(b"Made: ")]


def test_an_out_ending_in_zip_writes_one_checked_private_zip_and_logs_its_path(db, place):
    result = export_data(db, place / "share.zip", ["csv", "xlsx", "r"], "limited",
                         user="dr_zip")
    target = place / "share.zip"
    assert result.folder == target and sorted(os.listdir(place)) == ["share.zip"]
    assert target.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        names = z.namelist()
        readme = z.read("README.txt").decode()
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
    assert sorted(names) == sorted(result.files)
    assert {"README.txt", "cases.csv", "dm_casebook.xlsx", "dm_casebook.R"} <= set(names)
    assert "Profile: limited" in readme and "Cases: 17" in readme
    assert "- dm_casebook.xlsx: Excel workbook" in readme
    event = export_events(db)[0]
    assert (event.destination, event.user, event.profile) == (str(target), "dr_zip", "limited")
    assert event.formats == "csv,xlsx,r" and event.case_count == 17
    assert sorted(event.files) == sorted(names)


def test_zip_round_trip_export_import_export_gives_the_same_files(repo, db_path, tmp_path):
    for n in range(1, 6):
        repo.save(synthetic_case(n, seed=13))
    first = tmp_path / "first.zip"
    r = run("--db", db_path, "export",
            "--format", "csv", "--profile", "identified", "--out", first)
    assert r.returncode == 0 and f"22 cases exported (identified) to {first}" in r.stdout
    seeded = tmp_path / "seeded.sqlite"  # the command's new casebook has the paper's cases
    r = run("--db", seeded, "import", first)
    assert "imported: 5 new, 0 updated, 17 already in the casebook" in r.stdout, r.stdout
    new = tmp_path / "new.sqlite"
    empty = open_db(new, seed=False)  # an empty casebook
    try:
        report = import_data(empty, first, user="importer")
        assert report.written and len(report.new) == 22 and not report.problems
        again = export_data(empty, tmp_path / "again", ["csv"], "identified").folder
        reasons = {e.reason for e in entries(empty) if e.user == "importer"}
    finally:
        empty.close()
    with zipfile.ZipFile(first) as z:
        contents = {name: z.read(name) for name in z.namelist()}
    assert sorted(contents) == sorted(p.name for p in again.iterdir())
    for name, data in contents.items():
        theirs = (again / name).read_bytes()
        if name == "README.txt":
            assert without_made(data) == without_made(theirs)
        else:
            assert data == theirs, name
    assert reasons == {"imported from first.zip"}


def test_a_zip_is_imported_whatever_export_it_holds(repo, tmp_path):
    repo.save(synthetic_case(1, seed=5))
    workbook = export_data(repo.db, tmp_path / "book.zip", ["xlsx"], "identified").folder
    redcap = export_data(repo.db, tmp_path / "redcap.zip", ["redcap"], "identified").folder
    folder = export_data(repo.db, tmp_path / "folder", ["csv"], "identified").folder
    nested = tmp_path / "nested.zip"  # a folder zipped again by another program
    with zipfile.ZipFile(nested, "w") as z:
        for p in folder.iterdir():
            z.write(p, f"site-export/{p.name}")
    for path, reason in ((workbook, "book.zip"), (redcap, "redcap.zip"),
                         (nested, "nested.zip")):
        target = open_db(tmp_path / f"{path.stem}.sqlite", seed=False)
        try:
            report = import_data(target, path)
            assert report.written and len(report.new) == 18 and not report.problems, (
                path, report.problems)
            assert {e.reason for e in entries(target)} == {f"imported from {reason}"}
        finally:
            target.close()


def test_a_zip_that_is_no_export_is_refused_in_one_line_and_nothing_is_unpacked_outside(
        db, tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_text("not a zip")
    with pytest.raises(DataImportError, match="fake.zip: not a readable zip file"):
        import_data(db, fake)
    empty = tmp_path / "notes.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(DataImportError, match="notes.zip: holds no cases.csv"):
        import_data(db, empty)
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("cases.csv", "case_id\n")
        z.writestr("../escaped.csv", "x")
    with pytest.raises(DataImportError, match="points outside the zip"):
        import_data(db, evil)
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as z:
        info = zipfile.ZipInfo("cases.csv")
        info.external_attr = (0o120777 << 16)  # a symbolic link
        z.writestr(info, "/etc/passwd")
    with pytest.raises(DataImportError, match="link or a special file"):
        import_data(db, link)
    assert not (tmp_path.parent / "escaped.csv").exists()
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 17


def test_a_cancelled_zip_export_leaves_no_file(db, place):
    with pytest.raises(ExportCancelled):
        export_data(db, place / "c.zip", ["csv"], "identified", progress=lambda d, t: False)
    assert list(place.iterdir()) == [] and export_events(db) == []


def test_a_folder_that_cannot_be_written_leaves_no_file(db, place, monkeypatch):
    unwritable(place, monkeypatch)
    try:
        with pytest.raises(ExportError, match="cannot write there .Permission denied"):
            export_data(db, place / "x.zip", ["csv"], "identified")
    finally:
        monkeypatch.undo()
        place.chmod(0o700)
    assert list(place.iterdir()) == [] and export_events(db) == []


def test_a_full_disk_while_zipping_or_a_zip_that_does_not_read_back_leaves_no_file(
        db, place, monkeypatch):
    real_write, written = zipfile.ZipFile.write, []

    def write(self, filename, arcname=None, *args, **kwargs):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(arcname)
        return real_write(self, filename, arcname, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "write", write)
    with pytest.raises(ExportError, match="x.zip: not written .the disk is full"):
        export_data(db, place / "x.zip", ["csv"], "identified")
    assert list(place.iterdir()) == [] and export_events(db) == []
    monkeypatch.undo()
    monkeypatch.setattr(zipfile.ZipFile, "testzip", lambda self: "lab_results.csv")
    with pytest.raises(ExportError, match="came out incomplete .lab_results.csv did not read"):
        export_data(db, place / "y.zip", ["csv"], "identified")
    assert list(place.iterdir()) == [] and export_events(db) == []


def test_the_command_refuses_an_existing_zip_and_a_template_zip_in_one_line(db_path,
                                                                            tmp_path):
    existing = tmp_path / "old.zip"
    existing.write_bytes(b"mine")
    for argv, says in (
        (["--profile", "limited", "--out", existing], "old.zip: already exists"),
        (["--profile", "limited", "--out", tmp_path / "no" / "x.zip"], "no such folder"),
        (["--format", "template", "--out", tmp_path / "t.zip"], "not a .zip"),
    ):
        r = run("--db", db_path, "export", *argv, check=False)
        assert r.returncode == 2 and says in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert existing.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.glob("*.zip")] == ["old.zip"]
    assert list(tmp_path.glob(".*.part")) == []
    assert not (tmp_path / "t.zip").exists() and not (tmp_path / "no").exists()
    r = run("export", "--help")
    assert ".zip" in r.stdout
    r = run("import", "--help")
    assert ".zip" in r.stdout
