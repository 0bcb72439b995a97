"""A case's objects to and from plain rows, as the field spec (domain/fields.py) describes
them: the one mechanism the storage mapping and the dict form of a case share."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache

from .field_types import JSON, SOURCE_COLUMNS, Entity, Field
from .model import Source


# ---- building model objects from plain values ------------------------------------------
@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _identity(value: object) -> object:
    return value


@cache
def converter(tp: object) -> Callable[[object], object]:
    """A function turning a plain value (from JSON or a row) into the model type tp.

    Enums, dataclasses, lists and dicts are converted; None stays None. Compiled once per
    type, as the case list builds thousands of cases through it.
    """
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return converter(inner[0]) if len(inner) == 1 else _identity
    if origin is list:
        item = converter(args[0])
        if item is _identity:
            return lambda v: None if v is None else list(v)
        return lambda v: None if v is None else [item(x) for x in v]
    if origin is dict:
        item = converter(args[1])
        return lambda v: None if v is None else {k: item(x) for k, x in v.items()}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return lambda v: None if v is None else tp(v)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return lambda v: build(tp, v) if isinstance(v, dict) else v
    return _identity


def build(cls: type, values: dict) -> object:
    """cls(**values) with every value converted to the type the model declares.

    Unknown keys are refused, so that a misspelt field in a seed file is an error, not a
    silently dropped fact.
    """
    hints = _hints(cls)
    unknown = set(values) - set(hints)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return cls(**{k: converter(hints[k])(v) for k, v in values.items()})


# ---- a field's value in a model object, and as a stored value ----------------------------
def get(obj: object, f: Field) -> object:
    for part in f.path:
        obj = getattr(obj, part)
    return obj


def to_db(f: Field, obj: object) -> object:
    """The stored value of field f of obj (derived fields computed)."""
    if f.derived is not None:
        return f.derived(obj)
    value = get(obj, f)
    if f.type == JSON:
        return json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, Enum):
        return value.value
    return value


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _field_type(cls: type, f: Field) -> object:
    owner = cls
    for part in f.path[:-1]:
        owner = _hints(owner)[part]
    return _hints(owner)[f.path[-1]]


@cache
def _decoder(entity: Entity, f: Field) -> Callable[[object], object]:
    convert = converter(_field_type(entity.model, f))
    if f.type == JSON:
        return lambda v: None if v is None else convert(json.loads(v))
    return convert


@cache
def _plan(entity: Entity, names: frozenset[str]) -> tuple[list, dict[str, list]]:
    """(top-level (column, attr, decoder)), {part: [(column, attr, decoder)]} for a row."""
    top, nested = [], {}
    for f in entity.fields:
        if f.derived is not None or f.name not in names:
            continue
        step = (f.name, f.path[-1], _decoder(entity, f))
        if len(f.path) == 1:
            top.append(step)
        else:
            nested.setdefault(f.path[0], []).append(step)
    return top, nested


def from_row(entity: Entity, row: dict, **extra: object) -> object:
    """A model object from a stored row; fields absent from the row keep their defaults.

    Nested parts (Case.tumour, ...) are built from their dotted fields; derived fields and
    columns the spec does not know are ignored.
    """
    top, nested = _plan(entity, frozenset(row))
    values: dict[str, object] = dict(extra)
    for column, attr, decode in top:
        values[attr] = decode(row[column])
    hints = _hints(entity.model)
    for part, steps in nested.items():
        values[part] = hints[part](**{attr: decode(row[c]) for c, attr, decode in steps})
    if entity.has_source:
        ref = row.get("source_reference")
        values["source"] = (
            None if ref is None else Source(ref, row["source_locator"], row["source_quote"])
        )
    return entity.model(**values)


def source_values(source: object) -> dict[str, object]:
    """The source_* columns of a row's Source (all None without one)."""
    if source is None:
        return dict.fromkeys(SOURCE_COLUMNS)
    return {
        "source_reference": source.reference,
        "source_locator": source.locator,
        "source_quote": source.quote,
    }


def to_row(entity: Entity, obj: object) -> dict[str, object]:
    """The value columns of one row (no keys, no position)."""
    row = {f.name: to_db(f, obj) for f in entity.fields}
    if entity.has_source:
        row.update(source_values(obj.source))
    return row


