"""The one-row-per-case spreadsheet template (openpyxl, imported only for it), and the
reading of a filled-in one.

The template's first sheet, `case_template` (its name is the marker the import looks for),
has a column per case-level field of the field spec (domain/export_plan.template_columns:
the case's fields, without the derived ones and the app's record-keeping ones) and one row
per case to fill in: a frozen header of the variable names, each with a comment giving its
label, type, unit and what is allowed; columns formatted for their type (whole numbers,
numbers, dates, text); a data-validation list for every choice field (the lists on the
`choices` sheet) and whole-number / number / date checks with the spec's limits. The
second sheet is the codebook of those columns. The repeated facts of a case (labs,
antibodies, treatments, ...) are not in the template: a fixed number of repeated columns
would cap what a case holds; they import from the tidy CSV or workbook export.

Reading one back (template_to_csv) writes the sheet as a tidy cases.csv in a scratch folder
so that it imports through the same checks as every other import; problems are then said
of the sheet's row and column. A row without a uuid gets one derived from its label, so
that importing the same sheet again recognises its cases (skip or update), never
duplicates them.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

from domain import export_plan as plan
from domain.codebook import CODEBOOK_COLUMNS
from domain.fields import DATE, INTEGER, NUMBER
from domain.import_rows import ImportProblem

TEMPLATE_SHEET = "case_template"  # the marker of a template workbook
TEMPLATE_FILE = "dm_casebook_template.xlsx"
CHOICES_SHEET = "choices"
# rows 2.. of the sheet carry the validations (Excel's last row)
LAST_ROW = 1_048_576
_UUID_NAMESPACE = uuid.UUID("6f1d4c2e-8b1a-5d3e-9c4f-0a7b2e5d1c93")
_FORMATS = {INTEGER: "0", NUMBER: "General", DATE: "yyyy-mm-dd"}


def label_uuid(label: str) -> str:
    """The uuid of a template row that gives none: the same label, the same case."""
    return str(uuid.uuid5(_UUID_NAMESPACE, label.strip()))


def _comment(c: plan.Column) -> str:
    parts = [c.label, f"type: {c.type}" + (f" ({c.unit})" if c.unit else "")]
    if c.allowed:
        parts.append("allowed: " + ", ".join(code for code, _l in c.allowed if code))
    if c.field is not None and (c.field.minimum is not None or c.field.maximum is not None):
        parts.append(f"from {c.field.minimum:g} to {c.field.maximum:g}")
    if c.field is not None and c.field.required:
        parts.append("required")
    if c.note:
        parts.append(c.note)
    return "\n".join(parts)


def _validation(c: plan.Column, choices: dict[str, str]):
    from openpyxl.worksheet.datavalidation import DataValidation

    f = c.field
    said = {"allow_blank": True, "showErrorMessage": True, "errorTitle": c.name[:32],
            "error": _comment(c).replace("\n", "; ")[:255]}
    if c.name in choices:
        return DataValidation(type="list", formula1=choices[c.name], **said)
    if c.type in (INTEGER, NUMBER):
        kind = "whole" if c.type == INTEGER else "decimal"
        low = f.minimum if f is not None and f.minimum is not None else -1e15
        high = f.maximum if f is not None and f.maximum is not None else 1e15
        return DataValidation(type=kind, operator="between", formula1=f"{low:g}",
                              formula2=f"{high:g}", **said)
    if c.type == DATE:
        return DataValidation(type="date", operator="greaterThan", formula1="1", **said)
    return None


def write_template(folder: Path) -> list[str]:
    """The template workbook and its README.txt written into folder; their names."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    cols = plan.template_columns()
    book = Workbook()
    sheet = book.active
    sheet.title = TEMPLATE_SHEET
    sheet.freeze_panes = "A2"
    lists = book.create_sheet(CHOICES_SHEET, 2)
    choices: dict[str, str] = {}
    for i, c in enumerate(cols, 1):
        letter = get_column_letter(i)
        cell = sheet.cell(row=1, column=i, value=c.name)
        cell.font = Font(bold=True)
        cell.comment = Comment(_comment(c), "DM Casebook", width=320, height=160)
        sheet.column_dimensions[letter].number_format = _FORMATS.get(c.type, "@")
        sheet.column_dimensions[letter].width = max(12, min(len(c.name) + 4, 30))
        codes = [code for code, _l in c.allowed if code]
        if codes:
            n = len(choices) + 1
            lists.cell(row=1, column=n, value=c.name).font = Font(bold=True)
            for r, code in enumerate(codes, 2):
                lists.cell(row=r, column=n, value=code).number_format = "@"
            col = get_column_letter(n)
            choices[c.name] = f"{CHOICES_SHEET}!${col}$2:${col}${len(codes) + 1}"
        dv = _validation(c, choices)
        if dv is not None:
            sheet.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
    codebook = book.create_sheet("codebook", 1)
    codebook.freeze_panes = "A2"
    codebook.append(list(CODEBOOK_COLUMNS))
    names = {c.name for c in cols}
    for row in plan.codebook(plan.IDENTIFIED):
        if row["table"] == "cases" and row["variable"] in names:
            codebook.append([row[k] for k in CODEBOOK_COLUMNS])
    for c in codebook[1]:
        c.font = Font(bold=True)
    book.properties.title = "DM Casebook case template"
    book.save(folder / TEMPLATE_FILE)
    (folder / "README.txt").write_text(README, encoding="utf-8")
    return ["README.txt", TEMPLATE_FILE]


def export_template(out: Path | str) -> Path:
    """A new folder out (which must not exist, or be empty) holding the template and its
    README.txt, written all or nothing. Raises ExportError in one line."""
    from .data_export import ExportError
    from .safe_write import SafeWriteError, write_folder_atomically

    try:
        return write_folder_atomically(Path(out), write_template)
    except SafeWriteError as e:
        raise ExportError(str(e)) from None


README = f"""DM Casebook: a one-row-per-case spreadsheet template

{TEMPLATE_FILE}: fill in one row per case on the sheet {TEMPLATE_SHEET} (keep its first
row, the variable names; each has a comment saying what it holds and what is allowed).
The sheet codebook describes every column; choice columns offer their values in a list.
Empty cells are unknown. Type values, not formulas. Leave uuid empty for a new case (the
import gives it one from its label, so importing the same sheet again recognises it).
Lab results, antibodies, treatments and the other repeated facts are not in the template.

Then: File > Import... (choose the workbook) or `main.py import {TEMPLATE_FILE}`
(--dry-run to check only). Every cell is checked as a typed value would be; problems are
named by the sheet's row and column, and nothing is written unless every row is valid
(or, by your choice, --valid-only: the valid cases only).
"""


def _text(value: object) -> str:
    from .xlsx_import import _cell

    text = _cell(value)
    return text.strip() if isinstance(value, str) else text


def template_to_csv(workbook: Path, scratch: Path,
                    problems: list[ImportProblem]) -> dict[int, int]:
    """The template sheet of the workbook written as scratch/cases.csv; returns the sheet's
    row of every line of the CSV (blank rows are passed over)."""
    from openpyxl import load_workbook

    where = f"{workbook.name} sheet {TEMPLATE_SHEET}"
    try:  # not read-only: a template is small, and its formulas are seen as such
        book = load_workbook(workbook)
    except Exception as e:  # not a workbook openpyxl can read: say so, in one line
        problems.append(ImportProblem(workbook.name, 0, "", "cannot be read as an Excel "
                                      f"workbook ({e.__class__.__name__})"))
        return {}
    try:
        return _write_cases(book[TEMPLATE_SHEET], where, scratch, problems)
    finally:
        book.close()


def _write_cases(sheet, where: str, scratch: Path,
                 problems: list[ImportProblem]) -> dict[int, int]:
    header = [_text(c.value) for c in next(sheet.iter_rows(max_row=1), ())]
    while header and header[-1] == "":
        header.pop()
    lines: dict[int, int] = {1: 1}
    if "label" not in header:
        problems.append(ImportProblem(where, 1, "label", "required column is missing"))
        return lines
    at_label = header.index("label")
    at_uuid = header.index("uuid") if "uuid" in header else -1
    labels: dict[str, int] = {}
    with open(scratch / "cases.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case_id", *header] + (["uuid"] if at_uuid < 0 else []))
        line = 1
        for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(header)), 2):
            values, formulas = [], 0
            for name, c in zip(header, cells, strict=False):
                if c.data_type == "f":  # a formula: its value is not stored in the file
                    problems.append(ImportProblem(where, number, name, "is a formula; "
                                                  "allowed: a typed value"))
                    formulas += 1
                values.append("" if c.data_type == "f" else _text(c.value))
            values += [""] * (len(header) - len(values))
            if not any(values) and not formulas:
                continue  # a blank row
            line += 1
            lines[line] = number
            label = values[at_label]
            given = values[at_uuid] if at_uuid >= 0 else ""
            if not given and label:
                if label in labels:
                    problems.append(ImportProblem(
                        where, number, "label", f"'{label}' is also the label of row "
                        f"{labels[label]}; give each case its own label, or a uuid"))
                labels.setdefault(label, number)
            made = given or (label_uuid(label) if label else str(uuid.uuid4()))
            if at_uuid >= 0:
                values[at_uuid] = made
            w.writerow([line, *values] + ([made] if at_uuid < 0 else []))
    return lines


def reword(workbook: Path, lines: dict[int, int], p: ImportProblem) -> ImportProblem:
    """A problem of the scratch cases.csv, said of the template sheet's row."""
    if p.file.startswith(workbook.name):
        return p
    return ImportProblem(f"{workbook.name} sheet {TEMPLATE_SHEET}", lines.get(p.row, p.row),
                         p.column, p.message)
