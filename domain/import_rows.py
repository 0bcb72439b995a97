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
from dataclasses import dataclass
from functools import cache

from . import export_plan as plan
from . import field_rows
from . import fields as spec
from .fields import CHOICE, DATE, INTEGER, JSON, NUMBER, TEXT, Entity, Field
from .model import NOT_SPECIFIED, Case, Source
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


@cache
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


@cache
def _codes(f: Field) -> frozenset[str]:
    return frozenset(c for c, _l in f.allowed)


def parse_cell(entity: Entity, f: Field, text: str) -> object:
    """The stored value of a cell; raises ValidationError naming what is allowed."""
    if text and f.type == TEXT:  # the commonest cell, first
        return text
    if text == "":
        if f.type == CHOICE and "" not in _codes(f):
            if f.required and NOT_SPECIFIED in _codes(f):
                return NOT_SPECIFIED  # an empty cell says nothing: the value for unknown
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
        if text not in _codes(f):
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
    valid: bool = True  # False: a cell has a problem (noted); the keys still place it


class TableReader:
    """Parses one tidy file's rows; its header is checked first (problems on line 1)."""

    def __init__(self, entity: Entity, file: str, header: list[str],
                 problems: list[ImportProblem]):
        self.entity, self.file, self.header, self.problems = entity, file, header, problems
        self.fields, skipped = _readable(entity)
        names = [c.name for c in plan.columns(plan.IDENTIFIED, entity)]
        unknown = [h for h in header if h not in self.fields and h not in skipped]
        for h in unknown:
            problems.append(ImportProblem(file, 1, h, "is not a column of this table; "
                                          "allowed: " + ", ".join(names)))
        self.keys = [n for n in names if n in _KEYS]
        missing = [n for n in (*self.keys, *(n for n, f in self.fields.items() if f.required))
                   if n not in header]
        for name in missing:
            problems.append(ImportProblem(file, 1, name, "required column is missing"))
        self.ok = not unknown and not missing
        self.unplaced = False  # a row whose keys could not be read: no case to blame
        self.present = [(n, f) for n, f in self.fields.items() if n in header]

    def parse(self, line: int, cells: list[str]) -> ParsedRow | None:
        """The row's keys and stored values (problems noted; valid False after one); None
        when its keys cannot be read, so that it belongs to no case."""
        if len(cells) != len(self.header):
            self.problems.append(ImportProblem(self.file, line, "", f"has {len(cells)} "
                                               f"cells; the header has {len(self.header)}"))
            self.unplaced = True
            return None
        row = dict(zip(self.header, cells, strict=True))
        parsed = ParsedRow(line, {}, {})
        for k in self.keys:
            if not re.fullmatch(r"[0-9]{1,9}", row[k]):
                self.problems.append(ImportProblem(self.file, line, k, f"'{row[k]}' is not a "
                                                   "row key; allowed: a whole number from 1"))
                self.unplaced = True
                return None
            parsed.keys[k] = int(row[k])
        for name, f in self.present:
            try:
                parsed.values[name] = parse_cell(self.entity, f, row[name])
            except ValidationError as e:
                self.problems.append(ImportProblem(self.file, line, name, e.message))
                parsed.valid = False
        return parsed


def build_case(case_row: ParsedRow, children: dict[str, list[ParsedRow]],
               problems: list[ImportProblem]) -> Case:
    """A Case from its cases.csv row and its child rows (each table's, in file order)."""
    case = field_rows.from_row(spec.CASE, case_row.values)
    for e in spec.CHILDREN:
        rows = sorted(children.get(e.table, ()), key=lambda x: x.keys.get("position", x.line))
        if e is spec.CASE_SOURCES:
            case.sources = {x.values["field"]: Source(x.values["reference"],
                            x.values["locator"], x.values["quote"]) for x in rows}
            continue
        setattr(case, e.case_attr,
                [field_rows.from_row(e, {**x.values, **_source(x)}) for x in rows])
    for c in children.get(spec.REGIMEN_CYCLES.table, ()):
        n = c.keys["regimen_position"]
        if not 1 <= n <= len(case.regimens):
            problems.append(ImportProblem(f"{spec.REGIMEN_CYCLES.table}.csv", c.line,
                                          "regimen_position", f"{n}: the case has "
                                          f"{len(case.regimens)} regimens"))
            continue
        case.regimens[n - 1].cycles.append(
            field_rows.from_row(spec.REGIMEN_CYCLES, {**c.values, **_source(c)}))
    for regimen in case.regimens:
        regimen.cycles.sort(key=lambda c: c.number)
    return case


def _source(row: ParsedRow) -> dict:
    """source_* columns: all three empty means no source (None)."""
    values = {k: row.values.get(k) for k in spec.SOURCE_COLUMNS}
    if not any(values.values()):
        return dict.fromkeys(spec.SOURCE_COLUMNS)
    return values
