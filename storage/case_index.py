"""What the case list shows, read fast: one query per table, plain tuples.

CaseRepository.headers() builds every case-level field through sqlite-utils' dict rows;
at 10,000 cases that is about 0.55 s, and positive_antibodies() another 0.18 s. The list
needs a dozen columns, so this reads only those (about 0.06 s) and builds cases holding
just them. tests/test_case_index.py checks that the list rows agree with headers().
"""

from __future__ import annotations

import json

import sqlite_utils

from domain.model import (
    Case,
    InitialTreatmentItem,
    InitialTreatments,
    Outcome,
    Sex,
    Source,
    TreatmentKind,
    Tumour,
)

_COLUMNS = (
    "id, uuid, seed_key, label, reference_number, citation, age, sex, tumour_type, "
    "initial_treatments_status, initial_treatments, response_cutaneous, response_muscular, "
    "final_outcome, table_order, version"
)


def list_cases(db: sqlite_utils.Database) -> list[Case]:
    """Every case with the fields of its list row (Table cells, label, citation, sources)."""
    kinds = {k.value: k for k in TreatmentKind}
    sexes = {s.value: s for s in Sex}
    cases: dict[int, Case] = {}
    for (
        case_id,
        uuid,
        seed_key,
        label,
        ref,
        citation,
        age,
        sex,
        tumour,
        it_status,
        it_json,
        cutaneous,
        muscular,
        final,
        order,
        version,
    ) in db.execute(f"SELECT {_COLUMNS} FROM cases"):
        steps = [
            [InitialTreatmentItem(kinds[i["kind"]], i["drug"], i["dose_text"]) for i in step]
            for step in json.loads(it_json)
        ]
        cases[case_id] = Case(
            label=label,
            age=age,
            sex=sexes[sex],
            reference_number=ref,
            citation=citation,
            tumour=Tumour(tumour),
            initial_treatments=InitialTreatments(it_status, steps),
            outcome=Outcome(cutaneous, muscular, final),
            id=case_id,
            uuid=uuid,
            seed_key=seed_key,
            table_order=order,
            version=version,
        )
    for case_id, field, reference, locator, quote in db.execute(
        "SELECT case_id, field, reference, locator, quote FROM case_sources ORDER BY id"
    ):
        cases[case_id].sources[field] = Source(reference, locator, quote)
    return list(cases.values())


def positive_antibodies(db: sqlite_utils.Database) -> dict[int, list[str]]:
    """case id -> the antibodies reported positive, in their order."""
    out: dict[int, list[str]] = {}
    for case_id, antibody in db.execute(
        "SELECT case_id, antibody FROM antibody_results WHERE status = 'positive' "
        "ORDER BY case_id, position"
    ):
        out.setdefault(case_id, []).append(antibody)
    return out


def cases_with_series(db: sqlite_utils.Database, analyte: str = "CK") -> list[tuple[int, str]]:
    """(id, label) of the cases with at least one timed result of analyte, by label."""
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT c.id, c.label FROM cases c WHERE EXISTS (SELECT 1 FROM lab_results l "
            "WHERE l.case_id = c.id AND l.analyte = ? AND l.day IS NOT NULL) "
            "ORDER BY c.label COLLATE NOCASE",
            [analyte],
        )
    ]
