"""The app's Excel export read back: each table's sheet written out as its tidy CSV (in a
scratch folder), so that it imports through the same checks; problems then name the
workbook's sheet and row."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from domain import fields as spec
from domain.import_rows import ImportProblem
from domain.model import format_number


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def sheets_to_csv(workbook: Path, scratch: Path, problems: list[ImportProblem]) -> Path:
    from openpyxl import load_workbook

    try:
        book = load_workbook(workbook, read_only=True, data_only=True)
    except Exception as e:  # not a workbook openpyxl can read: say so, in one line
        problems.append(ImportProblem(workbook.name, 0, "", f"cannot be read as an Excel "
                                      f"workbook ({e.__class__.__name__})"))
        return scratch
    try:
        if "cases" not in book.sheetnames:
            problems.append(ImportProblem(workbook.name, 0, "", "has no sheet 'cases'; give "
                                          "a workbook exported by this app"))
        for entity in spec.ENTITIES:
            if entity.table not in book.sheetnames:
                continue
            with open(scratch / f"{entity.table}.csv", "w", encoding="utf-8",
                      newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                width = 0
                for row in book[entity.table].iter_rows(values_only=True):
                    width = width or len(row)  # the header's; rows lose trailing blanks
                    cells = [_cell(v) for v in row]
                    w.writerow(cells + [""] * (width - len(cells)))
    finally:
        book.close()
    return scratch


def reword(workbook: Path, p: ImportProblem) -> ImportProblem:
    """A problem of a sheet's CSV, said of the workbook's sheet."""
    sheet = p.file.removesuffix(".csv")
    return ImportProblem(f"{workbook.name} sheet {sheet}", p.row, p.column, p.message)
