"""Importing the app's own tidy CSV export (a folder, its cases.csv, or the .zip of an
export) into the casebook.

Every cell is checked as a typed value would be (domain/import_rows.py), then every case
as a save checks it (check_case). The report names each problem's file, row, column, what
is wrong and what is allowed. Nothing is written unless no row has a problem (and never
on a dry run); then every case is saved, each with its audit entry, all in one
transaction, so a failure or a cancel part-way leaves the casebook as it was. A case whose
uuid (or, for a preloaded paper case, whose seed key) is already in the casebook is
recognised: skipped, or updated when asked, never duplicated.
"""

from __future__ import annotations

import csv
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from domain import fields as spec
from domain.checks import check_case
from domain.import_rows import ImportProblem, ParsedRow, TableReader, build_case
from domain.model import Case

from .db import SQLITE_HEADER, StoreError, connect, copy_into, open_db, write_transaction
from .repository import CaseRepository
from .safe_write import FORMULA_START

ON_EXISTING = ("skip", "update")


class DataImportError(Exception):
    """The import could not be made; nothing was written. One line for the user."""


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # labels
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # cases with a problem (labels)
    written: bool = False
    blocked: bool = False  # problems keep every case out

    def summary(self) -> str:
        n = len(self.problems)
        if self.problems and (self.blocked or not self.written and not self.invalid):
            return f"nothing imported: {n} problem{'s' if n != 1 else ''} (listed above)"
        verb = "imported" if self.written else "would import (dry run, nothing written)"
        left = f", {len(self.invalid)} with problems left out" if self.invalid else ""
        return (f"{verb}: {len(self.new)} new, {len(self.updated)} updated, "
                f"{len(self.skipped)} already in the casebook and skipped{left}")


def _plain(cell: str) -> str:
    """A cell as exported before neutralisation (a leading apostrophe guards = + - @)."""
    if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def _redcap_records(path: Path) -> Path | None:
    """The REDCap records file to import: the file given, or the one in the folder given
    when the folder holds no tidy cases.csv."""
    from .redcap_import import RECORDS

    if path.is_file() and path.name == RECORDS:
        return path
    if path.is_dir() and not (path / "cases.csv").exists() and (path / RECORDS).is_file():
        return path / RECORDS
    return None


def _is_template(path: Path) -> bool:
    """A filled-in spreadsheet template (its sheet case_template), not an export."""
    from openpyxl import load_workbook

    from .xlsx_template import TEMPLATE_SHEET

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not readable: the workbook import says so, in one line
        return False
    try:
        return TEMPLATE_SHEET in book.sheetnames
    finally:
        book.close()


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _casebook_export(path: Path, scratch: Path) -> Path:
    """Another casebook file (a site sends its file), as a tidy export to import: copied
    with SQLite's backup API, the copy brought to this app's schema, exported (identified)
    in the scratch folder. The file itself is only read."""
    from .data_export import export_data
    from .migrations import APPLICATION_ID, SCHEMA_VERSION

    try:
        source = connect(path, mode="readonly")
        try:
            app_id = source.execute("PRAGMA application_id").fetchone()[0]
            version = source.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DataImportError(f"{path}: an SQLite file of another application, not a "
                                      "casebook")
            if version > SCHEMA_VERSION:
                raise DataImportError(f"{path}: written by a newer DM Casebook; update the "
                                      "app to import it")
            copy_into(source, scratch / "casebook.sqlite", mode="scratch")
        finally:
            source.close()
        db = open_db(scratch / "casebook.sqlite", seed=False)
        try:
            return export_data(db, scratch / "export", ["csv"], "identified").folder
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        raise DataImportError(f"{path}: damaged or unreadable ({e})") from None
    except StoreError as e:
        raise DataImportError(str(e)) from None


def _folder(path: Path) -> Path:
    if path.is_dir():
        folder = path
    elif path.is_file() and path.name == "cases.csv":
        folder = path.parent
    elif path.exists():
        raise DataImportError(f"{path}: not an export of this app; give its folder or its "
                           "cases.csv")
    else:
        raise DataImportError(f"{path}: no such file or folder")
    if not (folder / "cases.csv").is_file():
        raise DataImportError(f"{folder}: no cases.csv; give the folder of a tidy CSV export "
                           "(made by `export --format csv --profile identified`)")
    return folder


class _File:
    """One tidy file, read row by row (cells un-neutralised)."""

    def __init__(self, folder: Path, entity, problems: list[ImportProblem]):
        self.name = f"{entity.table}.csv"
        self.handle = open(folder / self.name, encoding="utf-8-sig", newline="")
        self.rows = enumerate(csv.reader(self.handle), 1)
        try:
            _line, header = next(self.rows, (1, []))
        except BaseException:
            self.handle.close()
            raise
        self.reader = TableReader(entity, self.name, header, problems)
        self.pending: ParsedRow | None = None
        self.done = False

    def next_row(self) -> ParsedRow | None:
        """The next row without errors (rows with errors are noted and passed over)."""
        for line, cells in self.rows:
            parsed = self.reader.parse(line, [_plain(c) for c in cells])
            if parsed is not None:
                return parsed
        self.done = True
        return None

    def rows_of(self, case_id: int) -> list[ParsedRow]:
        """The rows of case_id, which must come next (files are in the order of cases.csv)."""
        out = []
        if self.pending is None and not self.done:
            self.pending = self.next_row()
        while self.pending is not None and self.pending.keys["case_id"] == case_id:
            out.append(self.pending)
            self.pending = self.next_row()
        return out


def _cases(folder: Path, problems: list[ImportProblem], state: dict
           ) -> Iterator[tuple[int, Case | None, str]]:
    """(line in cases.csv, Case, '') of every case, reading one case's rows at a time; a
    case with a problem in one of its rows comes as (line, None or the Case, its label).
    state["unplaced"] is set when a problem belongs to no case (the import cannot
    then go on with the valid cases only).

    Child files must list each case's rows together and in the order of cases.csv, as an
    export writes them; a row left over names its line and how to fix the file."""
    files = {}
    try:
        for entity in spec.ENTITIES:
            if (folder / f"{entity.table}.csv").is_file():
                files[entity.table] = _File(folder, entity, problems)
        if any(not f.reader.ok for f in files.values()):
            state["unplaced"] = True
            return
        cases = files["cases"]
        children = [f for table, f in files.items() if table != "cases"]
        seen: set[int] = set()
        while (row := cases.next_row()) is not None:
            key = row.keys["case_id"]
            if key in seen:
                problems.append(ImportProblem(cases.name, row.line, "case_id",
                                              f"{key} is given to two cases"))
                state["unplaced"] = True
            seen.add(key)
            rows = {f.reader.entity.table: f.rows_of(key) for f in children}
            valid = row.valid and all(r.valid for rs in rows.values() for r in rs)
            if not valid:
                yield row.line, None, row.values.get("label") or f"case_id {key}"
                continue
            before = len(problems)
            case = build_case(row, rows, problems)
            yield row.line, case, "" if len(problems) == before else case.label
        for f in children:
            left = f.pending or (None if f.done else f.next_row())
            if left is not None:
                state["unplaced"] = True
                problems.append(ImportProblem(
                    f.name, left.line, "case_id", f"{left.keys['case_id']} is not a case of "
                    "cases.csv, or the file is not in the order of cases.csv (sort both by "
                    "case_id)"))
    except (UnicodeDecodeError, csv.Error) as e:
        state["unplaced"] = True
        problems.append(ImportProblem(folder.name, 0, "", "cannot be read as UTF-8 CSV "
                                      f"({e.__class__.__name__}: {e})"))
    finally:
        state["unplaced"] = state.get("unplaced", False) or any(
            f.reader.unplaced for f in files.values())
        for f in files.values():
            f.handle.close()


def import_data(
    db: sqlite_utils.Database,
    path: Path | str,
    *,
    dry_run: bool = False,
    on_existing: str = "skip",
    user: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
    reason: str = "",
    valid_only: bool = False,
) -> ImportReport:
    """Import an export folder (or its cases.csv, its .zip, its workbook, a filled-in
    spreadsheet template, REDCap records), or merge another casebook file; the
    audit entries give reason (default: "imported from FOLDER"). Nothing is written when
    a row has a problem, unless valid_only: then the cases without one are written (when
    every problem belongs to a case)."""
    if on_existing not in ON_EXISTING:
        raise DataImportError(f"--existing: {on_existing!r}; allowed: skip, update")
    path = Path(path)
    if path.is_file() and _is_sqlite(path):  # merge another casebook file
        with tempfile.TemporaryDirectory(prefix="dm-casebook-merge-") as scratch:
            return import_data(db, _casebook_export(path, Path(scratch)), dry_run=dry_run,
                               on_existing=on_existing, user=user, progress=progress,
                               reason=f"merged from {path.name}", valid_only=valid_only)
    if path.is_file() and path.suffix.lower() == ".zip":  # an export written as one .zip
        from .export_zip import ZipRefused, extract_export

        with tempfile.TemporaryDirectory(prefix="dm-casebook-zip-") as scratch:
            try:
                inner = extract_export(path, Path(scratch))
            except ZipRefused as e:
                raise DataImportError(str(e)) from None
            return import_data(db, inner, dry_run=dry_run, on_existing=on_existing,
                               user=user, progress=progress, valid_only=valid_only,
                               reason=reason or f"imported from {path.name}")
    if path.is_file() and path.suffix.lower() == ".xlsx" and _is_template(path):
        from . import xlsx_template

        with tempfile.TemporaryDirectory(prefix="dm-casebook-template-") as scratch:
            problems = []
            lines = xlsx_template.template_to_csv(path, Path(scratch), problems)
            if not (Path(scratch) / "cases.csv").is_file():
                return ImportReport(problems=problems, blocked=True)
            report = import_data(db, scratch, dry_run=dry_run or bool(problems),
                                 on_existing=on_existing, user=user, progress=progress,
                                 valid_only=valid_only,
                                 reason=reason or f"imported from {path.name}")
            report.problems = problems + [xlsx_template.reword(path, lines, p)
                                          for p in report.problems]
            report.blocked = report.blocked or bool(problems)  # formulas, a label twice
            return report
    if path.is_file() and path.suffix.lower() == ".xlsx":  # the app's Excel export
        from . import xlsx_import

        with tempfile.TemporaryDirectory(prefix="dm-casebook-xlsx-") as scratch:
            problems = []
            folder = xlsx_import.sheets_to_csv(path, Path(scratch), problems)
            if problems:
                return ImportReport(problems=problems, blocked=True)
            report = import_data(db, folder, dry_run=dry_run, on_existing=on_existing,
                                 user=user, progress=progress, valid_only=valid_only,
                                 reason=reason or f"imported from {path.name}")
            report.problems = [xlsx_import.reword(path, p) for p in report.problems]
            return report
    records = _redcap_records(path)
    if records is not None:
        from .redcap_import import RedcapTables

        with tempfile.TemporaryDirectory(prefix="dm-casebook-redcap-") as scratch:
            problems = []
            tables = RedcapTables(records, Path(scratch), problems)
            if problems:
                return ImportReport(problems=problems, blocked=True)
            report = import_data(db, tables.folder, dry_run=dry_run, on_existing=on_existing,
                                 user=user, progress=progress, valid_only=valid_only,
                                 reason=reason or
                                 f"imported from {records.parent.name}/{records.name}")
            report.problems = [tables.reword(p) for p in report.problems]
            return report
    folder = _folder(path)
    report = ImportReport()
    stored = {u: (i, u) for i, u in db.execute("SELECT id, uuid FROM cases").fetchall()}
    seeded = {k: (i, u) for i, u, k in db.execute(
        "SELECT id, uuid, seed_key FROM cases WHERE seed_key IS NOT NULL").fetchall()}

    def same(case: Case) -> tuple[int, str] | None:
        # the same case: its uuid, or the same preloaded paper case (its seed key)
        return stored.get(case.uuid) or (seeded.get(case.seed_key) if case.seed_key else None)

    # first pass: every row and every case checked, one case in memory at a time
    state: dict = {}
    invalid: set[int] = set()  # lines in cases.csv of the cases with a problem
    for line, case, bad in _cases(folder, report.problems, state):
        if case is not None:
            errors = [p for p in check_case(case) if p.severity == "error"]
            report.problems += [ImportProblem("cases.csv", line, p.field or p.section,
                                              f"case '{case.label}': {p}") for p in errors]
            bad = bad or (case.label if errors else "")
        if bad:
            invalid.add(line)
            report.invalid.append(bad)
        elif same(case) is None:
            report.new.append(case.label)
        elif on_existing == "skip":
            report.skipped.append(case.label)
        else:
            report.updated.append(case.label)
    report.blocked = bool(report.problems) and (not valid_only or state["unplaced"])
    if report.blocked or dry_run:
        return report
    # second pass: the same rows again, saved in one transaction
    repo = CaseRepository(db, user=user)
    total = len(report.new) + len(report.updated)
    done = 0
    try:
        with write_transaction(db):
            for line, case, _bad in _cases(folder, [], {}):
                if line in invalid:
                    continue
                known = same(case)
                if known is not None:
                    if on_existing == "skip":
                        continue
                    case.id, case.uuid = known  # the casebook's own identity of the case
                repo.save(case, check_version=False,
                          reason=reason or f"imported from {folder.name}")
                done += 1
                if progress is not None and not progress(done, total):
                    raise ImportCancelled
    except sqlite3.IntegrityError as e:
        raise DataImportError(f"nothing imported: the casebook refused a case ({e})") from None
    report.written = True
    return report
