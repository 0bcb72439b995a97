"""CaseRepository: all SQL for a case and everything in it.

Saving a case is one transaction (db.atomic): the case row and every child row are
written together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime

import sqlite_utils

from domain.model import (
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
from domain.steroids import step_pred_equivalent
from domain.validation import check_case

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


class CaseNotFound(LookupError):
    pass


class InvalidCase(ValueError):
    """The case has problems; nothing was written."""

    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class ConflictError(RuntimeError):
    """The case changed in the file since it was opened; nothing was written."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _src(s: Source | None) -> dict:
    if s is None:
        return {"source_reference": None, "source_locator": None, "source_quote": None}
    return {"source_reference": s.reference, "source_locator": s.locator, "source_quote": s.quote}


def _unsrc(row: dict) -> Source | None:
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


class CaseRepository:
    """Reads and writes cases; every write is one transaction."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # ---- reading -------------------------------------------------------------------
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM cases").fetchone()[0]

    def headers(self) -> list[Case]:
        """Every case with its case-level fields and sources, no timed data (the list)."""
        cases = {r["id"]: case_from_row(r) for r in self.db.query("SELECT * FROM cases")}
        for r in self.db.query("SELECT * FROM case_sources ORDER BY id"):
            cases[r["case_id"]].sources[r["field"]] = Source(
                r["reference"], r["locator"], r["quote"]
            )
        return list(cases.values())

    def positive_antibodies(self) -> dict[int, list[str]]:
        """case id -> antibodies reported positive (for filtering the list)."""
        out: dict[int, list[str]] = {}
        for r in self.db.query(
            "SELECT case_id, antibody FROM antibody_results WHERE status = 'positive' "
            "ORDER BY case_id, position"
        ):
            out.setdefault(r["case_id"], []).append(r["antibody"])
        return out

    def resolve(self, ref: str) -> int:
        """A case id from what a user typed: the id, or the exact label."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():
            row = self.db.execute("SELECT id FROM cases WHERE id = ?", [int(ref)]).fetchone()
        else:
            row = self.db.execute(
                "SELECT id FROM cases WHERE label = ? COLLATE NOCASE", [ref]
            ).fetchone()
        if row is None:
            raise CaseNotFound(f"no case {ref!r}; `cases` lists the ids")
        return row[0]

    def get(self, case_id: int) -> Case:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows:
            raise CaseNotFound(f"no case with id {case_id}")
        case = case_from_row(rows[0])
        q = self._children
        for r in q("case_sources", case_id, "id"):
            case.sources[r["field"]] = Source(r["reference"], r["locator"], r["quote"])
        case.labs = [
            LabResult(
                analyte=r["analyte"],
                value=r["value"],
                unit=r["unit"],
                day=r["day"],
                precision=Precision(r["day_precision"]),
                comparator=r["comparator"],
                ref_low=r["ref_low"],
                ref_high=r["ref_high"],
                note=r["note"],
                source=_unsrc(r),
            )
            for r in q("lab_results", case_id)
        ]
        case.antibodies = [
            AntibodyResult(
                antibody=r["antibody"],
                status=AntibodyStatus(r["status"]),
                titre=r["titre"],
                pattern=r["pattern"],
                method=r["method"],
                day=r["day"],
                precision=Precision(r["day_precision"]),
                note=r["note"],
                source=_unsrc(r),
            )
            for r in q("antibody_results", case_id)
        ]
        case.steroid_steps = [
            SteroidStep(
                drug=r["drug"],
                dose=r["dose"],
                unit=r["unit"],
                from_day=r["from_day"],
                from_precision=Precision(r["from_precision"]),
                to_day=r["to_day"],
                to_precision=Precision(r["to_precision"]),
                route=r["route"],
                note=r["note"],
                source=_unsrc(r),
            )
            for r in q("steroid_steps", case_id)
        ]
        for r in q("regimens", case_id):
            cycles = [
                Cycle(
                    number=c["number"],
                    day=c["day"],
                    precision=Precision(c["day_precision"]),
                    source=_unsrc(c),
                )
                for c in self.db.query(
                    "SELECT * FROM regimen_cycles WHERE regimen_id = ? ORDER BY number", [r["id"]]
                )
            ]
            case.regimens.append(
                Regimen(
                    name=r["name"],
                    agents=[Agent(**a) for a in json.loads(r["agents"])],
                    cycles=cycles,
                    cycle_length_days=r["cycle_length_days"],
                    note=r["note"],
                    source=_unsrc(r),
                )
            )
        case.treatments = [
            Treatment(
                kind=TreatmentKind(r["kind"]),
                name=r["name"],
                start_day=r["start_day"],
                start_precision=Precision(r["start_precision"]),
                end_day=r["end_day"],
                end_precision=Precision(r["end_precision"]),
                detail=r["detail"],
                source=_unsrc(r),
            )
            for r in q("treatments", case_id)
        ]
        case.assessments = [
            Assessment(
                kind=AssessmentKind(r["kind"]),
                value=r["value"],
                day=r["day"],
                precision=Precision(r["day_precision"]),
                note=r["note"],
                source=_unsrc(r),
            )
            for r in q("assessments", case_id)
        ]
        case.findings = [
            Finding(
                kind=r["kind"],
                name=r["name"],
                result=r["result"],
                day=r["day"],
                precision=Precision(r["day_precision"]),
                source=_unsrc(r),
            )
            for r in q("findings", case_id)
        ]
        return case

    def _children(self, table: str, case_id: int, order: str = "position"):
        return self.db.query(f"SELECT * FROM {table} WHERE case_id = ? ORDER BY {order}", [case_id])

    # ---- writing -------------------------------------------------------------------
    def save(self, case: Case, check_version: bool = True) -> int:
        """Write the whole case in one transaction; returns its id.

        Refuses (InvalidCase) a case with errors, and (ConflictError) a case whose stored
        version moved on since it was read. On success case.id and case.version are set.
        """
        errors = [p for p in check_case(case) if p.severity == "error"]
        if errors:
            raise InvalidCase(errors)
        now = _now()
        row = case_row(case)
        with self.db.atomic():
            if case.id is None:
                row.update(version=1, created_at=now, updated_at=now)
                case_id = self.db["cases"].insert(row).last_pk
                new_version = 1
            else:
                case_id = case.id
                stored = self.db.execute(
                    "SELECT version FROM cases WHERE id = ?", [case_id]
                ).fetchone()
                if stored is None:
                    raise CaseNotFound(f"case {case_id} was deleted meanwhile")
                if check_version and stored[0] != case.version:
                    raise ConflictError(
                        f"'{case.label}' was changed elsewhere since you opened it "
                        f"(version {case.version}, now {stored[0]})"
                    )
                new_version = stored[0] + 1
                row.update(version=new_version, updated_at=now)
                self.db["cases"].update(case_id, row)
                for table in CHILD_TABLES:
                    self.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
            self._insert_children(case, case_id)
        case.id, case.version = case_id, new_version
        return case_id

    def _insert_children(self, case: Case, case_id: int) -> None:
        rows = child_rows(case, case_id)
        for table, table_rows in rows.items():
            if table_rows and table != "regimens":
                self.db[table].insert_all(table_rows)
        for regimen, reg_row in zip(case.regimens, rows["regimens"], strict=True):
            regimen_id = self.db["regimens"].insert(reg_row).last_pk
            cycles = cycle_rows(regimen, regimen_id)
            if cycles:
                self.db["regimen_cycles"].insert_all(cycles)

    def delete(self, case_id: int) -> None:
        with self.db.atomic():
            cur = self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
            if cur.rowcount == 0:
                raise CaseNotFound(f"no case with id {case_id}")
