"""Loading the paper's cases into a new casebook, once.

The cases come from two readable files in resources/. A meta row records that the seed
was loaded, so a later start never adds them again, never overwrites a user's edits, and
does not bring back a preloaded case the user deleted.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from domain.catalogue import RESOURCES
from domain.model import Case, CriteriaFacts, Source
from domain.serialize import case_from_dict
from domain.table import COLUMNS, SOURCE_KEYS

from .db import StoreBusy
from .repository import CaseNotFound, CaseRepository, ConflictError

if TYPE_CHECKING:
    import sqlite_utils

LITERATURE_FILE = "takashima2017_cases.json"
INDEX_FILE = "takashima2017_index_case.json"
INDEX_TABLE_ROW = 17  # "Our case" is the last row of the paper's Table


def _expand_sources(node, reference: str):
    """Replace every 'src': [locator, quote] in a seed dict by a full 'source'."""
    if isinstance(node, list):
        return [_expand_sources(n, reference) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k == "src":
            out["source"] = {"reference": reference, "locator": v[0], "quote": v[1]}
        elif k in ("case_src", "_note"):
            continue
        else:
            out[k] = _expand_sources(v, reference)
    return out


def _table_sources(row_label: str, cells: list[str], reference: str) -> dict[str, Source]:
    return {
        key: Source(reference, f"Table, row '{row_label}', column '{col}'", cell)
        for key, col, cell in zip(SOURCE_KEYS, COLUMNS, cells, strict=True)
    }


def paper_cases() -> list[Case]:
    """The 17 cases of Takashima et al. 2017 in the Table's order, with provenance."""
    lit = json.loads((RESOURCES / LITERATURE_FILE).read_text(encoding="utf-8"))
    idx = json.loads((RESOURCES / INDEX_FILE).read_text(encoding="utf-8"))
    reference = lit["reference"]
    out = []
    for order, c in enumerate(lit["cases"], 1):
        case = case_from_dict(
            {
                "label": c["label"],
                "reference_number": c["reference_number"],
                "citation": c["citation"],
                "age": c["age"],
                "sex": c["sex"],
                "tumour": {"type": c["tumour_type"]},
                "initial_treatments": c["initial_treatments"],
                "outcome": {
                    "response_cutaneous": c["response_cutaneous"],
                    "response_muscular": c["response_muscular"],
                    "final_outcome": c["final_outcome"],
                },
                "notes": c.get("_note", ""),
                "findings": _expand_sources(c.get("findings", []), reference),
                "day0_meaning": "not specified (literature case: the Table gives no time course)",
            }
        )
        case.seed_key = f"{lit['seed_key']}:{c['key']}"
        case.table_order = order
        case.sources = _table_sources(c["reference_number"], c["table_row"], reference)
        ref_no = c["reference_number"]
        case.sources["citation"] = Source(reference, f"References, entry {ref_no}", c["citation"])
        out.append(case)
    data = _expand_sources(idx["case"], reference)
    case = case_from_dict(data)
    case.seed_key = f"{lit['seed_key']}:{idx['key']}"
    case.table_order = INDEX_TABLE_ROW
    case.sources = _table_sources("Our case", idx["table_row"], reference)
    for key, (locator, quote) in idx["case"]["case_src"].items():
        case.sources[key] = Source(reference, locator, quote)
    out.append(case)
    return out


CRITERIA_KEY = "seed:takashima2017:criteria"


def _has(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM meta WHERE key = ?", [key]).fetchone() is not None


def seed_paper_cases(db: sqlite_utils.Database) -> int:
    """Load the paper's cases unless this file has had them; returns how many were added."""
    lit_key = "seed:takashima2017"
    if _has(db, lit_key):
        add_index_criteria(db)
        return 0
    repo = CaseRepository(db)
    cases = paper_cases()
    with db.atomic():
        for case in cases:
            repo.save(case, reason="preloaded from Takashima et al., Intern Med 2017")
        stamp = datetime.now(UTC).isoformat()
        db["meta"].insert_all([{"key": lit_key, "value": stamp},
                               {"key": CRITERIA_KEY, "value": stamp}])
    return len(cases)


def add_index_criteria(db: sqlite_utils.Database) -> bool:
    """A file seeded before the score inputs existed: give the index case, once, the
    criteria the paper states, with their sentences, in an ordinary (audited) save.

    Never over a criterion a user entered, and never bringing back a deleted case.
    Returns whether the case was changed.
    """
    if _has(db, CRITERIA_KEY):
        return False
    repo = CaseRepository(db)
    index = paper_cases()[-1]
    row = db.execute("SELECT id FROM cases WHERE seed_key = ?", [index.seed_key]).fetchone()
    changed = False
    try:
        with db.atomic():
            if row is not None:
                case = repo.get(row[0])
                if case.criteria == CriteriaFacts():
                    case.criteria = index.criteria
                    for key, src in index.sources.items():
                        if key.startswith("criteria."):
                            case.sources.setdefault(key, src)
                    repo.save(case, reason="criteria the paper states, added for the "
                              "clinical scores (Takashima et al., Intern Med 2017)")
                    changed = True
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                       [CRITERIA_KEY, datetime.now(UTC).isoformat()])
    except (ConflictError, CaseNotFound, StoreBusy):
        # another window did it (or changed the case) at the same moment: nothing written
        # here; the next opening looks again
        return False
    return changed
