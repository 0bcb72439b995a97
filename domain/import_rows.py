"""Reading the app's own tidy tables back into cases, cell by cell, as the field spec types
them: every problem names the file, the row, the column, what is wrong and what is
allowed. Nothing here writes; storage/data_import.py saves the cases when none has a
problem.

A file's columns are the export's (identified profile): its keys, the fields of the spec
and the source columns. Derived and added columns (flag, LOINC, prednisolone equivalent,
canonical values) are recomputed when a case is saved, so they are read past; a column the
casebook does not know is a problem.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import export_plan as plan
from . import field_rows
from . import fields as spec
from .fields import CHOICE, DATE, INTEGER, JSON, NUMBER, Entity, Field
from .model import Case, Source
from .validation import ValidationError, parse_date

# a machine-written number: digits, a point, an exponent (as Python and R write them)
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
_KEYS = ("case_id", "position", "regimen_position")


@dataclass(frozen=True)
class ImportProblem:
    file: str
    row: int  # the line in the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = (f"{self.file} header" if self.row == 1 else
                 f"{self.file} row {self.row}" if self.row else self.file)
        return f"{where}, {self.column}: {self.message}" if self.column else (
            f"{where}: {self.message}")


def _limits(f: Field) -> str:
    if f.minimum is None and f.maximum is None:
        return ""
    return f" from {f.minimum:g} to {f.maximum:g}"


def _number(text: str, f: Field) -> float | int:
    if not _NUMBER.fullmatch(text):
        kind = "a whole number" if f.type == INTEGER else "a number"
        raise ValidationError(f.name, f"'{text}' is not {kind}; allowed: {kind}{_limits(f)}")
    value = float(text)
    if not math.isfinite(value):
        raise ValidationError(f.name, f"'{text}' is not a finite number")
    if f.type == INTEGER:
        if value != int(value):
            raise ValidationError(f.name, f"'{text}' must be a whole number{_limits(f)}")
        value = int(value)
    if (f.minimum is not None and value < f.minimum) or (
            f.maximum is not None and value > f.maximum):
        raise ValidationError(f.name, f"{text} is out of range; allowed{_limits(f)}")
    return value


def _empty(entity: Entity, f: Field) -> object:
    """What an empty cell stores: None for a number, and for text the model holds as None
    by default (a seed key, a source); '' for other text (the model's 'nothing typed')."""
    if f.type in (INTEGER, NUMBER) or f.name in spec.SOURCE_COLUMNS:
        return None
    owner = entity.model
    for part in f.path[:-1]:
        owner = {x.name: x for x in dataclasses.fields(owner)}[part].default_factory
    if not dataclasses.is_dataclass(owner):
        return ""
    field = {x.name: x for x in dataclasses.fields(owner)}.get(f.path[-1])
    return None if field is not None and field.default is None else ""


def parse_cell(entity: Entity, f: Field, text: str) -> object:
    """The stored value of a cell; raises ValidationError naming what is allowed."""
    if text == "":
        if f.type == CHOICE and "" not in {c for c, _l in f.allowed}:
            if f.required:
                raise ValidationError(f.name, "is empty; allowed: " + _choices(f))
            return None
        if f.required and f.type != CHOICE:
            what = {INTEGER: "a whole number", NUMBER: "a number"}.get(f.type, "a value")
            raise ValidationError(f.name, f"is empty; required: {what}{_limits(f)}")
        if f.type == JSON:
            return "[]"
        return _empty(entity, f)
    if f.type in (INTEGER, NUMBER):
        return _number(text, f)
    if f.type == CHOICE:
        if text not in {c for c, _l in f.allowed}:
            raise ValidationError(f.name, f"'{text}' is not allowed; allowed: {_choices(f)}")
        return text
    if f.type == DATE:
        return parse_date(text, f.name)
    if f.type == JSON:
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if not isinstance(value, list):
            raise ValidationError(f.name, "is not a JSON list; allowed: a list such as "
                                  '["heliotrope rash"]')
        return json.dumps(value, ensure_ascii=False)
    return text


def _choices(f: Field) -> str:
    return ", ".join(repr(c) for c, _l in f.allowed)


def _readable(entity: Entity) -> tuple[dict[str, Field], set[str]]:
    """(column -> field read back, columns read past) of an entity's tidy file."""
    cols = plan.columns(plan.IDENTIFIED, entity)
    fields = {c.name: c.field for c in cols
              if c.field is not None and c.field.derived is None}
    skipped = {c.name for c in cols if c.name not in fields}
    return fields, skipped


@dataclass
class ParsedRow:
    line: int
    keys: dict[str, int]
    values: dict[str, object]


def parse_table(entity: Entity, file: str, header: list[str], rows: Iterable[list[str]],
                problems: list[ImportProblem]) -> list[ParsedRow]:
    fields, skipped = _readable(entity)
    unknown = [h for h in header if h not in fields and h not in skipped]
    for h in unknown:
        problems.append(ImportProblem(file, 1, h, "is not a column of this table; allowed: "
                                      + ", ".join(c.name for c in plan.columns(
                                          plan.IDENTIFIED, entity))))
    keys = [c.name for c in plan.columns(plan.IDENTIFIED, entity) if c.name in _KEYS]
    for name in [*keys, *(n for n, f in fields.items() if f.required)]:
        if name not in header:
            problems.append(ImportProblem(file, 1, name, "required column is missing"))
    if unknown or any(p.file == file and p.row == 1 for p in problems):
        return []
    out = []
    for line, cells in enumerate(rows, 2):
        if len(cells) != len(header):
            problems.append(ImportProblem(file, line, "", f"has {len(cells)} cells; the "
                                          f"header has {len(header)}"))
            continue
        row = dict(zip(header, cells, strict=True))
        parsed, ok = ParsedRow(line, {}, {}), True
        for k in keys:
            if not re.fullmatch(r"[0-9]{1,9}", row[k]):
                problems.append(ImportProblem(file, line, k, f"'{row[k]}' is not a row key; "
                                              "allowed: a whole number from 1"))
                ok = False
            else:
                parsed.keys[k] = int(row[k])
        for name, f in fields.items():
            if name not in row:
                continue
            try:
                parsed.values[name] = parse_cell(entity, f, row[name])
            except ValidationError as e:
                problems.append(ImportProblem(file, line, name, e.message))
                ok = False
        if ok:
            out.append(parsed)
    return out


def assemble(tables: dict[str, list[ParsedRow]], file_of: dict[str, str],
             problems: list[ImportProblem]) -> list[tuple[int, Case]]:
    """(line in cases.csv, Case) of every case, its child rows joined on case_id."""
    by_case: dict[str, dict[int, list[ParsedRow]]] = {
        t: defaultdict(list) for t in tables if t != "cases"}
    known: set[int] = set()
    for r in tables.get("cases", ()):
        if r.keys["case_id"] in known:
            problems.append(ImportProblem(file_of["cases"], r.line, "case_id",
                                          f"{r.keys['case_id']} is given to two cases"))
        known.add(r.keys["case_id"])
    for table, rows in tables.items():
        if table == "cases":
            continue
        for r in rows:
            if r.keys["case_id"] not in known:
                problems.append(ImportProblem(file_of[table], r.line, "case_id",
                                              f"{r.keys['case_id']} is not a case_id of "
                                              "cases.csv"))
            by_case[table][r.keys["case_id"]].append(r)
    out = []
    for r in tables.get("cases", ()):
        case = field_rows.from_row(spec.CASE, r.values)
        key = r.keys["case_id"]
        for e in spec.CHILDREN:
            rows = sorted(by_case.get(e.table, {}).get(key, ()),
                          key=lambda x: x.keys.get("position", x.line))
            if e is spec.CASE_SOURCES:
                case.sources = {x.values["field"]: Source(x.values["reference"],
                                x.values["locator"], x.values["quote"]) for x in rows}
                continue
            items = [field_rows.from_row(e, {**x.values, **_source(x)}) for x in rows]
            setattr(case, e.case_attr, items)
        cycles = by_case.get(spec.REGIMEN_CYCLES.table, {}).get(key, ())
        for c in cycles:
            n = c.keys["regimen_position"]
            if not 1 <= n <= len(case.regimens):
                problems.append(ImportProblem(file_of["regimen_cycles"], c.line,
                                              "regimen_position", f"{n}: the case has "
                                              f"{len(case.regimens)} regimens"))
                continue
            case.regimens[n - 1].cycles.append(
                field_rows.from_row(spec.REGIMEN_CYCLES, {**c.values, **_source(c)}))
        for regimen in case.regimens:
            regimen.cycles.sort(key=lambda c: c.number)
        out.append((r.line, case))
    return out


def _source(row: ParsedRow) -> dict:
    """source_* columns: all three empty means no source (None)."""
    values = {k: row.values.get(k) for k in spec.SOURCE_COLUMNS}
    if not any(values.values()):
        return dict.fromkeys(spec.SOURCE_COLUMNS)
    return values
