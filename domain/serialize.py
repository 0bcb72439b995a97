"""A case as plain JSON-ready dicts and back (seed files, duplicates, property tests).

The dict form is the model's own (dataclasses.asdict); reading it back goes through the
field spec's one builder (domain.fields.build), which types every value as the model
declares it and refuses unknown keys.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import asdict

from .field_rows import build
from .model import Case


def case_to_dict(case: Case) -> dict:
    return asdict(case)


def case_from_dict(d: dict) -> Case:
    d = copy.deepcopy(d)
    # a seed file may give only the status of the initial treatments
    it = d.get("initial_treatments")
    if isinstance(it, dict):
        it.setdefault("status", "not specified")
        it.setdefault("steps", [])
    return build(Case, d)


def duplicate(case: Case, label: str) -> Case:
    """A new, unsaved copy of a case under another label (provenance kept)."""
    c = case_from_dict(case_to_dict(case))
    c.id, c.seed_key, c.version, c.table_order = None, None, 0, None
    c.uuid = str(uuid.uuid4())
    c.label = label
    return c
