"""Importing the app's own tidy CSV export (a folder, or its cases.csv) into the casebook.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from domain import fields as spec
from domain.checks import check_case
from domain.import_rows import ImportProblem, ParsedRow, assemble, parse_table

from .db import write_transaction
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
    written: bool = False

    def summary(self) -> str:
        if self.problems:
            return (f"nothing imported: {len(self.problems)} problem"
                    f"{'s' if len(self.problems) != 1 else ''} (listed above)")
        verb = "imported" if self.written else "would import (dry run, nothing written)"
        return (f"{verb}: {len(self.new)} new, {len(self.updated)} updated, "
                f"{len(self.skipped)} already in the casebook and skipped")


def _plain(cell: str) -> str:
    """A cell as exported before neutralisation (a leading apostrophe guards = + - @)."""
    if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


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


def read_tables(folder: Path, problems: list[ImportProblem]
                ) -> tuple[dict[str, list[ParsedRow]], dict[str, str]]:
    tables, file_of = {}, {}
    for entity in spec.ENTITIES:
        path = folder / f"{entity.table}.csv"
        if not path.is_file():
            continue
        file_of[entity.table] = path.name
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                reader = csv.reader(f)
                header = next(reader, [])
                rows = ([_plain(c) for c in r] for r in reader)
                tables[entity.table] = parse_table(entity, path.name, header, rows, problems)
        except (UnicodeDecodeError, csv.Error) as e:
            problems.append(ImportProblem(path.name, 0, "", f"cannot be read as UTF-8 CSV "
                                          f"({e.__class__.__name__})"))
    return tables, file_of


def import_data(
    db: sqlite_utils.Database,
    path: Path | str,
    *,
    dry_run: bool = False,
    on_existing: str = "skip",
    user: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportReport:
    if on_existing not in ON_EXISTING:
        raise DataImportError(f"--existing: {on_existing!r}; allowed: skip, update")
    folder = _folder(Path(path))
    report = ImportReport()
    tables, file_of = read_tables(folder, report.problems)
    if report.problems:  # rows of a table that could not be read would only add noise
        return report
    cases = assemble(tables, file_of, report.problems)
    for line, case in cases:
        for p in check_case(case):
            if p.severity == "error":
                report.problems.append(ImportProblem(
                    "cases.csv", line, p.field or p.section, f"case '{case.label}': {p}"))
    if report.problems:
        return report
    stored = {u: (i, u) for i, u in db.execute("SELECT id, uuid FROM cases").fetchall()}
    seeded = {k: (i, u) for i, u, k in db.execute(
        "SELECT id, uuid, seed_key FROM cases WHERE seed_key IS NOT NULL").fetchall()}
    plan = []
    for _line, case in cases:
        # the same case: its uuid, or the same preloaded paper case (its seed key)
        same = stored.get(case.uuid) or (seeded.get(case.seed_key) if case.seed_key else None)
        if same is not None:
            if on_existing == "skip":
                report.skipped.append(case.label)
                continue
            case.id, case.uuid = same  # the casebook's own identity of the case stays
            report.updated.append(case.label)
        else:
            report.new.append(case.label)
        plan.append(case)
    if dry_run:
        return report
    repo = CaseRepository(db, user=user)
    try:
        with write_transaction(db):
            for done, case in enumerate(plan, 1):
                repo.save(case, check_version=False, reason=f"imported from {folder.name}")
                if progress is not None and not progress(done, len(plan)):
                    raise ImportCancelled
    except sqlite3.IntegrityError as e:
        raise DataImportError(f"nothing imported: the casebook refused a case ({e})") from None
    report.written = True
    return report
