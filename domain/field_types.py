"""The parts the field spec (domain/fields.py) is declared with: Field, Entity, the field
types, the source columns, and the helpers for day and precision fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from .model import Precision

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
NAME_MAX = 26

# field types: what a value is, for storage, validation and a data dictionary
TEXT, INTEGER, NUMBER, CHOICE, DATE, JSON = "text", "integer", "number", "choice", "date", "json"


# eq=False: compared and hashed by identity (each is declared once; caches key on them)
@dataclass(frozen=True, eq=False)
class Field:
    name: str
    label: str
    type: str = TEXT
    attr: str = ""  # the model attribute (dotted for a nested part); "" = name
    unit: str = ""  # UCUM code of the stored value ("a" years, "d" days, "mg/d")
    enum: type[Enum] | None = None  # the model's enum for a choice field
    choices: tuple[tuple[str, str], ...] = ()  # (code, label); from enum when empty
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    identifying: bool = False  # can identify a person (a name, a date, an occupation)
    free_text: bool = False
    codes: str = ""  # the code system its values map to, e.g. "LOINC (analyte catalogue)"
    section: str = ""  # the form section (editor tab) it is entered in
    derived: Callable[[object], object] | None = None  # computed on write, never read back
    note: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        return tuple((self.attr or self.name).split("."))

    @property
    def allowed(self) -> tuple[tuple[str, str], ...]:
        """(code, label) of every allowed value of a choice field."""
        if self.choices:
            return self.choices
        if self.enum is not None:
            return tuple((m.value, m.value) for m in self.enum)
        return ()


@dataclass(frozen=True, eq=False)
class Entity:
    table: str
    label: str  # one row, for people: "Lab result"
    model: type
    fields: tuple[Field, ...]
    section: str
    case_attr: str = ""  # the Case attribute holding the rows ("" for the case itself)
    parent_key: str = "case_id"
    ordered_by: str = "position"  # "position" (list order) or a field name
    has_source: bool = True  # source_reference / source_locator / source_quote columns
    name_fields: tuple[str, ...] = ()  # what names a row in the History ("CK")
    parent: str = "cases"
    # the REDCap instrument, and the prefix its variables carry (REDCap wants every
    # variable name unique in a project; the case's own fields carry none)
    form: str = ""
    prefix: str = ""

    def __post_init__(self) -> None:
        # a field's section is its table's unless it names another (frozen: set once here)
        for f in self.fields:
            if not f.section:
                object.__setattr__(f, "section", self.section)

    def field(self, name: str) -> Field:
        return {f.name: f for f in self.fields}[name]

    @property
    def columns(self) -> tuple[str, ...]:
        """The value columns of a row, in order (keys and position excluded)."""
        return tuple(f.name for f in self.fields) + (SOURCE_COLUMNS if self.has_source else ())


SOURCE_COLUMNS = ("source_reference", "source_locator", "source_quote")
SOURCE_FIELDS = (
    Field("source_reference", "Source: reference", free_text=True, section="sources"),
    Field("source_locator", "Source: where in it (page, Table cell)", free_text=True,
          section="sources"),
    Field("source_quote", "Source: the source's own words", free_text=True, section="sources"),
)


def _precision(name: str, label: str, attr: str = "", section: str = "") -> Field:
    return Field(name, label, CHOICE, attr=attr, enum=Precision, required=True, section=section)


def _day(name: str, label: str, attr: str = "", section: str = "") -> Field:
    return Field(name, label, INTEGER, attr=attr, unit="d", minimum=-36500, maximum=36500,
                 section=section, note="days from the case's day 0")
