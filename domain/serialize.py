"""A case as plain JSON-ready dicts and back (seed files, duplicates, property tests)."""

from __future__ import annotations

import copy
import uuid
from dataclasses import asdict, fields

from .model import (
    Agent,
    AntibodyResult,
    AntibodyStatus,
    Assessment,
    AssessmentKind,
    Case,
    Cycle,
    Diagnosis,
    Finding,
    InitialTreatmentItem,
    InitialTreatments,
    LabResult,
    Outcome,
    Precision,
    Regimen,
    Sex,
    Source,
    SteroidStep,
    Treatment,
    TreatmentKind,
    Tumour,
)


def case_to_dict(case: Case) -> dict:
    return asdict(case)


def _source(d: dict | None) -> Source | None:
    return Source(**d) if d else None


def _build(cls, d: dict, **conv):
    """cls(**d) with each field converted by conv[name] and 'source' rebuilt."""
    kwargs = {}
    names = {f.name for f in fields(cls)}
    unknown = set(d) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    for k, v in d.items():
        if k == "source":
            v = _source(v)
        elif k in conv and v is not None:
            v = conv[k](v)
        kwargs[k] = v
    return cls(**kwargs)


def case_from_dict(d: dict) -> Case:
    d = copy.deepcopy(d)
    P = Precision
    c = _build(
        Case,
        d,
        sex=Sex,
        diagnosis=lambda x: _build(Diagnosis, x),
        tumour=lambda x: _build(Tumour, x),
        initial_treatments=lambda x: InitialTreatments(
            x.get("status", "not specified"),
            [
                [_build(InitialTreatmentItem, i, kind=TreatmentKind) for i in step]
                for step in x.get("steps", [])
            ],
        ),
        outcome=lambda x: _build(Outcome, x, followup_precision=P),
        labs=lambda xs: [_build(LabResult, x, precision=P) for x in xs],
        antibodies=lambda xs: [
            _build(AntibodyResult, x, status=AntibodyStatus, precision=P) for x in xs
        ],
        steroid_steps=lambda xs: [
            _build(SteroidStep, x, from_precision=P, to_precision=P) for x in xs
        ],
        regimens=lambda xs: [
            _build(
                Regimen,
                x,
                agents=lambda a: [_build(Agent, i) for i in a],
                cycles=lambda cs: [_build(Cycle, i, precision=P) for i in cs],
            )
            for x in xs
        ],
        treatments=lambda xs: [
            _build(Treatment, x, kind=TreatmentKind, start_precision=P, end_precision=P) for x in xs
        ],
        assessments=lambda xs: [
            _build(Assessment, x, kind=AssessmentKind, precision=P) for x in xs
        ],
        findings=lambda xs: [_build(Finding, x, precision=P) for x in xs],
        sources=lambda m: {k: _source(v) for k, v in m.items()},
    )
    return c


def duplicate(case: Case, label: str) -> Case:
    """A new, unsaved copy of a case under another label (provenance kept)."""
    c = case_from_dict(case_to_dict(case))
    c.id, c.seed_key, c.version, c.table_order = None, None, 0, None
    c.uuid = str(uuid.uuid4())
    c.label = label
    return c
