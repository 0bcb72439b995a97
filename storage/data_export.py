"""Data exports: one folder (or one .zip) per export, written all or nothing, and logged.

export_data reads the casebook once, case by case (storage/export_source.py), and hands
each case to the writer of every format asked for: the tidy CSV files (csv, and beside
them the SPSS, Stata and R syntax), the Excel workbook, the REDCap records and the FHIR
Bundle. What each file holds comes from the export's plan (domain/export_plan.py), which
reads the field spec. The folder also holds README.txt: what it contains, which profile
made it and what that profile removed.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from domain import export_plan as plan
from domain import fields as spec
from domain.codebook import CODEBOOK_COLUMNS

from . import audit
from .export_log import ExportEvent, record_export
from .export_source import StoredCase, counts, iter_cases, scores_of
from .safe_write import FORMULA_START, safe_cell, write_folder_atomically

FORMATS = ("csv", "xlsx", "redcap", "spss", "stata", "r", "fhir")
TIDY_FORMATS = {"csv", "spss", "stata", "r"}  # the syntax files read the tidy CSVs
TABLES = tuple(e for e in spec.ENTITIES)
WIDE = "cases_wide"


class ExportError(Exception):
    """The export could not be made; nothing was written. One line for the user."""


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""

    keep_type = True  # passed through write_folder_atomically as it is


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: tuple[str, ...]
    cases: int
    profile: str


Progress = Callable[[int, int], bool]  # (cases done, of total) -> False to cancel


class TidyWriter:
    """One CSV per table (long format) and the one-row-per-case file, streamed; keeps the
    widest text of each column for the SPSS syntax."""

    def __init__(self, folder: Path, profile: plan.Profile, bom: bool):
        self.profile = profile
        encoding = "utf-8-sig" if bom else "utf-8"
        self.files, self.writers = {}, {}
        self.cols = {e.table: plan.columns(profile, e) for e in TABLES}
        self.cols[WIDE] = plan.wide_columns(profile)
        self.readers = {t: plan.row_reader(c) for t, c in self.cols.items() if t != WIDE}
        self.widths = {t: [1] * len(c) for t, c in self.cols.items()}
        self.text = {t: [i for i, c in enumerate(cs) if c.type not in ("integer", "number")]
                     for t, cs in self.cols.items()}
        for table, cols in self.cols.items():
            f = open(folder / f"{table}.csv", "w", encoding=encoding, newline="")
            self.files[table] = f
            self.writers[table] = csv.writer(f, lineterminator="\n")
            self.writers[table].writerow([c.name for c in cols])

    def _write(self, table: str, values: list) -> None:
        widths = self.widths[table]
        for i in self.text[table]:
            v = values[i]
            if v and v.__class__ is str:
                if v[0] in FORMULA_START:
                    v = values[i] = safe_cell(v)
                n = len(v) if v.isascii() else len(v.encode())  # SPSS widths are bytes
                if n > widths[i]:
                    widths[i] = n
        self.writers[table].writerow(values)

    def add(self, case: StoredCase) -> None:
        self._write("cases", self.readers["cases"](case.row))
        for table, rows in case.children.items():
            read, write = self.readers[table], self._write
            for r in rows:
                write(table, read(r))
        summary = plan.wide_summary(case.row, case.children, scores_of(case))
        self._write(WIDE, plan.tidy_values(self.cols[WIDE], summary))

    def close(self) -> None:
        for f in self.files.values():
            f.close()

    def finish(self, folder: Path) -> list[str]:
        self.close()
        rows = plan.codebook(self.profile)
        with open(folder / "codebook.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(CODEBOOK_COLUMNS)
            w.writerows([safe_cell(r[c]) for c in CODEBOOK_COLUMNS] for r in rows)
        (folder / "codebook.md").write_text(codebook_markdown(rows), encoding="utf-8")
        return [f"{t}.csv" for t in self.cols] + ["codebook.csv", "codebook.md"]


def codebook_markdown(rows: list[dict[str, str]]) -> str:
    shown = ("variable", "label", "type", "unit", "allowed_values", "codes", "identifying",
             "note")
    out, current = ["# DM Casebook export: codebook"], None
    for row in rows:
        if row["table"] != current:
            current = row["table"]
            out += ["", f"## {current}.csv", "", "| " + " | ".join(shown) + " |",
                    "|" + "---|" * len(shown)]
        out.append("| " + " | ".join(row[c].replace("|", "\\|") for c in shown) + " |")
    return "\n".join(out) + "\n"


def _writers(formats: set[str], folder: Path, profile: plan.Profile, bom: bool) -> list:
    out: list = []
    if formats & TIDY_FORMATS:
        out.append(TidyWriter(folder, profile, bom))
    if "xlsx" in formats:
        from .xlsx_export import WorkbookWriter

        out.append(WorkbookWriter(profile))
    if "redcap" in formats:
        from .redcap_export import RedcapWriter

        out.append(RedcapWriter(folder, profile, bom))
    if "fhir" in formats:
        from .fhir_export import FhirWriter

        out.append(FhirWriter(folder, profile))
    return out


def _syntax_files(formats: set[str], folder: Path, profile: plan.Profile,
                  tidy: TidyWriter | None) -> list[str]:
    if tidy is None or not formats & {"spss", "stata", "r"}:
        return []
    from domain import stats_syntax

    written = []
    for fmt, name, make in (("spss", "dm_casebook.sps", stats_syntax.spss),
                            ("stata", "dm_casebook.do", stats_syntax.stata),
                            ("r", "dm_casebook.R", stats_syntax.r_script)):
        if fmt in formats:
            (folder / name).write_text(make(tidy.cols, tidy.widths), encoding="utf-8")
            written.append(name)
    return written


def parse_formats(text: str) -> list[str]:
    """'csv,spss' -> ['csv', 'spss']; 'all' is every format. ExportError names a bad one."""
    names = [t.strip().lower() for t in text.split(",") if t.strip()]
    if names == ["all"]:
        return list(FORMATS)
    bad = [n for n in names if n not in FORMATS]
    if "template" in bad:
        raise ExportError("--format: template goes alone (it writes an empty spreadsheet "
                          "to fill in, no case): --format template --out NEW_DIR")
    if bad or not names:
        raise ExportError(f"--format: {', '.join(bad) or 'nothing given'} is not a format; "
                          f"allowed: {', '.join(FORMATS)} (several with commas), or all; "
                          "or template alone (a spreadsheet to fill in)")
    return names


def export_data(
    db: sqlite_utils.Database,
    out: Path | str,
    formats: Sequence[str],
    profile: str,
    *,
    bom: bool = False,
    progress: Progress | None = None,
    user: str | None = None,
) -> ExportResult:
    """Write the export folder out (which must not exist yet, or be empty) and log it;
    or, when out ends in .zip, one new .zip file holding the same files
    (storage/export_zip.py): written beside it, checked, then renamed into place."""
    if profile not in plan.PROFILES:
        raise ExportError(f"--profile: {profile!r} is not a profile; allowed: "
                          f"{', '.join(plan.PROFILES)}")
    chosen, prof = set(formats), plan.PROFILES[profile]
    out = Path(out)
    n = counts(db)
    ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id").fetchall()]
    keys = dict(zip(ids, ids, strict=True))
    if prof is plan.SAFE_HARBOR:  # random, non-derived export ids (kept nowhere)
        shuffled = list(range(1, len(ids) + 1))
        random.SystemRandom().shuffle(shuffled)
        keys = dict(zip(ids, shuffled, strict=True))
    at = audit.now()
    files: list[str] = []

    def _stream(writers: list) -> None:
        ranks = keys if prof is plan.SAFE_HARBOR else None
        for done, case in enumerate(iter_cases(db, ranks), 1):
            key = keys[case.row["id"]]
            case.row["case_id"] = key
            for rows in case.children.values():
                for r in rows:
                    r["case_id"] = key
            for w in writers:
                w.add(case)
            if progress is not None and (done == 1 or done % 20 == 0) and not progress(
                done, len(ids)
            ):
                raise ExportCancelled

    def write(folder: Path) -> None:
        writers = _writers(chosen, folder, prof, bom)
        try:
            _stream(writers)
        except BaseException:  # a cancel or a failure: release the files, then say so
            for w in writers:
                w.close()
            raise
        for w in writers:
            files.extend(w.finish(folder))
        tidy = next((w for w in writers if isinstance(w, TidyWriter)), None)
        files.extend(_syntax_files(chosen, folder, prof, tidy))
        files.insert(0, "README.txt")
        (folder / "README.txt").write_text(
            readme(prof, [f for f in FORMATS if f in chosen], at, len(ids), n, files),
            encoding="utf-8")

    from .export_zip import is_zip_target, write_zip_atomically
    from .safe_write import SafeWriteError

    try:
        (write_zip_atomically if is_zip_target(out) else write_folder_atomically)(out, write)
    except SafeWriteError as e:
        raise ExportError(str(e)) from None
    if progress is not None:
        progress(len(ids), len(ids))
    record_export(db, ExportEvent(0, at, user or audit.default_user(), profile,
                                  ",".join(f for f in FORMATS if f in chosen), str(out),
                                  len(ids), tuple(files)))
    return ExportResult(out, tuple(files), len(ids), profile)


FILE_NOTES = {
    "cases_wide.csv": "one row per case: the case's fields and the Table-1 variables",
    "codebook.csv": "every column of every file: label, type, unit, allowed values, codes",
    "codebook.md": "the same codebook, to read",
    "dm_casebook.sps": "SPSS / GNU PSPP syntax reading the CSV files with labels",
    "dm_casebook.do": "Stata do-file reading the CSV files with labels",
    "dm_casebook.R": "R script reading the CSV files with factor labels",
    "dm_casebook.xlsx": "Excel workbook: a sheet per table and the codebook",
    "redcap_data_dictionary.csv": "REDCap data dictionary (Project Setup > Data Dictionary)",
    "redcap_records.csv": "REDCap records (Data Import Tool, CSV, rows = records)",
    "fhir_bundle.json": "FHIR R4 transaction Bundle (POST it to a FHIR server's base URL)",
}


def readme(profile: plan.Profile, formats: list[str], at: str, cases: int,
           n: dict[str, int], files: list[str]) -> str:
    lines = [
        "DM Casebook data export", "",
        f"Made: {at} (UTC)", f"Profile: {profile.name} - {profile.title}",
        f"Formats: {', '.join(formats)}", f"Cases: {cases}", "",
        "What the profile did:",
        *[f"- {r}" for r in profile.rules], "",
        "Files:",
    ]
    for f in files:
        table = f.removesuffix(".csv")
        note = FILE_NOTES.get(f) or (
            f"{n[table]} rows, long format; join on case_id" if table in n else "")
        lines.append(f"- {f}" + (f": {note}" if note else ""))
    lines += [
        "",
        "Text is UTF-8. Empty cells are values the casebook does not hold (unknown);",
        "'not specified' is written where the source said it leaves a fact open.",
        "Cells that a spreadsheet would run as a formula begin with an apostrophe.",
        "Days are whole days from each case's day 0; *_precision says whether a day is",
        "exact, approximate or not specified.",
    ]
    return "\n".join(lines) + "\n"
