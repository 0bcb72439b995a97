"""REDCap flat records (as this app exports them, or as REDCap exports that project) turned
into the app's tidy tables, so that they import through the same checks.

Each row goes to the table of its instrument (redcap_repeat_instrument; empty = the
case), its variables back to the field spec's names (spec.variable) and its choice codes
back to the stored values (the dictionary's numbering, codebook.redcap_codes). Each tidy
row remembers the REDCap line it came from, so the report names redcap_records.csv, the
line and the REDCap variable.
"""

from __future__ import annotations

import csv
from pathlib import Path

from domain import export_plan as plan
from domain import fields as spec
from domain.codebook import RECORD_ID, redcap_codes
from domain.fields import CHOICE
from domain.import_rows import ImportProblem

RECORDS = "redcap_records.csv"
INSTRUMENT, INSTANCE = "redcap_repeat_instrument", "redcap_repeat_instance"
ENTITY_OF_FORM = {e.form: e for e in spec.ENTITIES}


class RedcapTables:
    """The tidy files written from a records file, and where each row came from."""

    def __init__(self, records: Path, scratch: Path, problems: list[ImportProblem]):
        self.folder = scratch
        self.origin: dict[tuple[str, int], int] = {}  # (tidy file, line) -> REDCap line
        self.variable: dict[tuple[str, str], str] = {}  # (tidy file, column) -> variable
        rows: dict[str, list[tuple[int, list[str]]]] = {e.table: [] for e in spec.ENTITIES}
        records_seen: dict[str, int] = {}
        with open(records, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            if header[:1] != [RECORD_ID]:
                problems.append(ImportProblem(RECORDS, 1, RECORD_ID,
                                              "must be the first column"))
                return
            where = {name: i for i, name in enumerate(header)}
            for line, cells in enumerate(reader, 2):
                row = dict(zip(header, cells, strict=False))
                form = row.get(INSTRUMENT, "") or "case"
                entity = ENTITY_OF_FORM.get(form)
                if entity is None:
                    problems.append(ImportProblem(RECORDS, line, INSTRUMENT,
                                                  f"'{form}' is not an instrument; allowed: "
                                                  + ", ".join(ENTITY_OF_FORM)))
                    continue
                record = records_seen.setdefault(row[RECORD_ID], len(records_seen) + 1)
                rows[entity.table].append((line, self._tidy(entity, row, where, record)))
        for entity in spec.ENTITIES:  # each table in record order, as the import reads it
            self._write(entity, sorted(rows[entity.table], key=lambda r: int(r[1][0])))

    def _tidy(self, entity, row: dict, where: dict, record: int) -> list[str]:
        out = []
        for c in plan.columns(plan.IDENTIFIED, entity):
            if c.name == "case_id":
                out.append(str(record))
            elif c.name == "position":
                out.append(row.get(INSTANCE, ""))
            elif c.name == "regimen_position":
                out.append(row.get(f"{entity.prefix}_regimen", ""))
            elif c.field is None or c.field.derived is not None:
                out.append("")
            else:
                variable = spec.variable(entity, c.field)
                self.variable[(f"{entity.table}.csv", c.name)] = variable
                value = row.get(variable, "") if variable in where else ""
                if c.field.type == CHOICE:
                    codes = {code: stored for code, _l, stored in redcap_codes(c.field)}
                    value = codes.get(value, value)
                out.append(value)
        return out

    def _write(self, entity, rows: list[tuple[int, list[str]]]) -> None:
        name = f"{entity.table}.csv"
        with open(self.folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([c.name for c in plan.columns(plan.IDENTIFIED, entity)])
            for tidy_line, (line, values) in enumerate(rows, 2):
                self.origin[(name, tidy_line)] = line
                w.writerow(values)

    def reword(self, p: ImportProblem) -> ImportProblem:
        """A problem found in a tidy file, said of the REDCap file's line and variable."""
        line = self.origin.get((p.file, p.row), p.row if p.file == RECORDS else 0)
        column = self.variable.get((p.file, p.column), p.column)
        return ImportProblem(RECORDS, line, column, p.message)
