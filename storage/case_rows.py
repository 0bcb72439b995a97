"""Rows of the casebook tables built from a Case, and a case's fields from its row.

The row builders are shared by CaseRepository.save and the bulk writer (storage/bulk.py),
so that every way of writing a case stores it the same way.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from domain.model import (
    Case,
    Diagnosis,
    InitialTreatmentItem,
    InitialTreatments,
    Outcome,
    Precision,
    Regimen,
    Sex,
    Source,
    TreatmentKind,
    Tumour,
)
from domain.steroids import step_pred_equivalent

CHILD_TABLES = (
    "lab_results",
    "antibody_results",
    "steroid_steps",
    "regimens",
    "treatments",
    "assessments",
    "findings",
    "case_sources",
)


def _src(s: Source | None) -> dict:
    if s is None:
        return {"source_reference": None, "source_locator": None, "source_quote": None}
    return {"source_reference": s.reference, "source_locator": s.locator, "source_quote": s.quote}


def source_of(row: dict) -> Source | None:
    """The Source of a row's source_* columns, or None."""
    if row.get("source_reference") is None:
        return None
    return Source(row["source_reference"], row["source_locator"], row["source_quote"])


def case_row(case: Case) -> dict:
    """The cases-table row of a case (no id, version or timestamps)."""
    steps = [[asdict(i) for i in step] for step in case.initial_treatments.steps]
    return {
        "uuid": case.uuid,
        "seed_key": case.seed_key,
        "label": case.label,
        "reference_number": case.reference_number,
        "citation": case.citation,
        "age": case.age,
        "sex": case.sex.value,
        "cigarettes_per_day": case.cigarettes_per_day,
        "smoking_years": case.smoking_years,
        "pack_years": case.pack_years,
        "occupation": case.occupation,
        "history": case.history,
        "day0_meaning": case.day0_meaning,
        "day0_date": case.day0_date,
        "dm_criteria": case.diagnosis.criteria,
        "dm_grade": case.diagnosis.grade,
        "dm_findings": json.dumps(case.diagnosis.findings, ensure_ascii=False),
        "tumour_type": case.tumour.type,
        "tumour_site": case.tumour.site,
        "tumour_size_mm": case.tumour.size_mm,
        "tumour_stage": case.tumour.stage,
        "tumour_sampling": case.tumour.sampling,
        "tumour_histology": case.tumour.histology,
        "initial_treatments_status": case.initial_treatments.status,
        "initial_treatments": json.dumps(steps, ensure_ascii=False),
        "response_cutaneous": case.outcome.response_cutaneous,
        "response_muscular": case.outcome.response_muscular,
        "final_outcome": case.outcome.final_outcome,
        "followup_day": case.outcome.followup_day,
        "followup_precision": case.outcome.followup_precision.value,
        "outcome_note": case.outcome.note,
        "notes": case.notes,
        "table_order": case.table_order,
    }


def child_rows(case: Case, case_id: int) -> dict[str, list[dict]]:
    """Rows of every child table except regimen cycles (they need the regimen ids)."""
    rows: dict[str, list[dict]] = {t: [] for t in CHILD_TABLES}
    for field, s in case.sources.items():
        rows["case_sources"].append(
            {
                "case_id": case_id,
                "field": field,
                "reference": s.reference,
                "locator": s.locator,
                "quote": s.quote,
            }
        )
    for i, r in enumerate(case.labs):
        rows["lab_results"].append(
            {
                "case_id": case_id,
                "position": i,
                "day": r.day,
                "day_precision": r.precision.value,
                "analyte": r.analyte,
                "comparator": r.comparator,
                "value": r.value,
                "unit": r.unit,
                "ref_low": r.ref_low,
                "ref_high": r.ref_high,
                "flag": r.flag,
                "loinc": _loinc(r.analyte),
                "note": r.note,
                **_src(r.source),
            }
        )
    for i, a in enumerate(case.antibodies):
        rows["antibody_results"].append(
            {
                "case_id": case_id,
                "position": i,
                "antibody": a.antibody,
                "status": a.status.value,
                "titre": a.titre,
                "pattern": a.pattern,
                "method": a.method,
                "day": a.day,
                "day_precision": a.precision.value,
                "note": a.note,
                **_src(a.source),
            }
        )
    for i, s in enumerate(case.steroid_steps):
        rows["steroid_steps"].append(
            {
                "case_id": case_id,
                "position": i,
                "drug": s.drug,
                "dose": s.dose,
                "unit": s.unit,
                "route": s.route,
                "from_day": s.from_day,
                "from_precision": s.from_precision.value,
                "to_day": s.to_day,
                "to_precision": s.to_precision.value,
                "pred_eq_mg_day": step_pred_equivalent(s),
                "note": s.note,
                **_src(s.source),
            }
        )
    for i, r in enumerate(case.regimens):
        rows["regimens"].append(
            {
                "case_id": case_id,
                "position": i,
                "name": r.name,
                "agents": json.dumps([asdict(a) for a in r.agents], ensure_ascii=False),
                "cycle_length_days": r.cycle_length_days,
                "note": r.note,
                **_src(r.source),
            }
        )
    for i, t in enumerate(case.treatments):
        rows["treatments"].append(
            {
                "case_id": case_id,
                "position": i,
                "kind": t.kind.value,
                "name": t.name,
                "start_day": t.start_day,
                "start_precision": t.start_precision.value,
                "end_day": t.end_day,
                "end_precision": t.end_precision.value,
                "detail": t.detail,
                **_src(t.source),
            }
        )
    for i, a in enumerate(case.assessments):
        rows["assessments"].append(
            {
                "case_id": case_id,
                "position": i,
                "kind": a.kind.value,
                "value": a.value,
                "day": a.day,
                "day_precision": a.precision.value,
                "note": a.note,
                **_src(a.source),
            }
        )
    for i, f in enumerate(case.findings):
        rows["findings"].append(
            {
                "case_id": case_id,
                "position": i,
                "kind": f.kind,
                "name": f.name,
                "result": f.result,
                "day": f.day,
                "day_precision": f.precision.value,
                **_src(f.source),
            }
        )
    return rows


def cycle_rows(regimen: Regimen, regimen_id: int) -> list[dict]:
    """Rows of a regimen's cycles, once the regimen row has its id."""
    return [
        {
            "regimen_id": regimen_id,
            "number": c.number,
            "day": c.day,
            "day_precision": c.precision.value,
            **_src(c.source),
        }
        for c in regimen.cycles
    ]


def _loinc(analyte: str) -> str | None:
    from domain.catalogue import find_analyte

    a = find_analyte(analyte)
    return a.loinc if a else None


def case_from_row(row: dict) -> Case:
    """A case with its case-level fields (children are filled by the caller)."""
    steps = [
        [
            InitialTreatmentItem(
                kind=TreatmentKind(i["kind"]), drug=i["drug"], dose_text=i["dose_text"]
            )
            for i in step
        ]
        for step in json.loads(row["initial_treatments"])
    ]
    return Case(
        id=row["id"],
        uuid=row["uuid"],
        seed_key=row["seed_key"],
        label=row["label"],
        reference_number=row["reference_number"],
        citation=row["citation"],
        age=row["age"],
        sex=Sex(row["sex"]),
        cigarettes_per_day=row["cigarettes_per_day"],
        smoking_years=row["smoking_years"],
        pack_years=row["pack_years"],
        occupation=row["occupation"],
        history=row["history"],
        day0_meaning=row["day0_meaning"],
        day0_date=row["day0_date"],
        diagnosis=Diagnosis(row["dm_criteria"], row["dm_grade"], json.loads(row["dm_findings"])),
        tumour=Tumour(
            row["tumour_type"],
            row["tumour_site"],
            row["tumour_size_mm"],
            row["tumour_stage"],
            row["tumour_sampling"],
            row["tumour_histology"],
        ),
        initial_treatments=InitialTreatments(row["initial_treatments_status"], steps),
        outcome=Outcome(
            row["response_cutaneous"],
            row["response_muscular"],
            row["final_outcome"],
            row["followup_day"],
            Precision(row["followup_precision"]),
            row["outcome_note"],
        ),
        notes=row["notes"],
        table_order=row["table_order"],
        version=row["version"],
    )
