"""A case as FHIR R4 resources for a transaction Bundle (plain dicts, no FHIR library).

Mapping (clinical.md 6.5, interop-and-scores.md 2b): Patient; Condition for DM (SNOMED CT
396230008) and for the cancer (SNOMED CT 254632001 when it is SCLC; otherwise its text),
with the stage; an Observation per lab result (LOINC, UCUM valueQuantity with comparator,
referenceRange, interpretation H/L/N) and per antibody (the result as text, the titre as a
component); a MedicationStatement per steroid step; a MedicationAdministration per agent
and chemotherapy cycle; IVIg and immunosuppressants as MedicationStatements; surgery,
radiotherapy and other treatments as Procedures. Codes the references do not confirm are
not sent (no ICD-10, no SNOMED for positive/negative): the text says it instead.

FHIR dates are absolute, the casebook's are days from day 0. Identified: the case's date
of day 0 plus the day. Otherwise, or when a case has no date of day 0, the day counts
from a fixed anchor, ANCHOR, and the resource is tagged ANCHORED. Safe Harbor: only the
year is written (the anchor's year plus whole years from day 0), tagged ANCHORED_YEARS.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

from . import export_plan as plan
from .catalogue import find_analyte, find_antibody, find_drug
from .units import ucum

LOINC, UCUM, SNOMED = "http://loinc.org", "http://unitsofmeasure.org", "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
TAGS = "urn:dm-casebook:export"
ANCHOR = date(2000, 1, 1)
ANCHORED = {"system": TAGS, "code": "anchored-dates",
            "display": "dates are 2000-01-01 plus the day number from the case's day 0"}
ANCHORED_YEARS = {"system": TAGS, "code": "anchored-years",
                  "display": "years are 2000 plus whole years from the case's day 0"}
DM = {"system": SNOMED, "code": "396230008", "display": "Dermatomyositis"}
SCLC = {"system": SNOMED, "code": "254632001", "display": "Small cell carcinoma of lung"}
GENDER = {"M": "male", "F": "female"}
MEDICATION_KINDS = ("ivig", "immunosuppressant", "steroid", "chemotherapy")


def urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


class Clock:
    """Days from day 0 as FHIR dates under a profile."""

    def __init__(self, profile: plan.Profile, day0_date: str):
        self.year_only = profile is plan.SAFE_HARBOR
        real = profile is plan.IDENTIFIED and bool(day0_date)
        self.origin = date.fromisoformat(day0_date) if real else ANCHOR
        self.anchored = not real

    def at(self, day: int | None) -> str | None:
        if day is None:
            return None
        if self.year_only:
            return str(self.origin.year + plan.whole_years(day))
        return (self.origin + timedelta(days=day)).isoformat()


def _quantity(value: float, unit: str) -> dict:
    q = {"value": value, "unit": unit}
    code = ucum(unit)
    if code:
        q.update(system=UCUM, code=code)
    return q


def _concept(text: str, *codings: dict) -> dict:
    out: dict = {"text": text}
    if codings:
        out["coding"] = list(codings)
    return out


def _drug_concept(name: str) -> dict:
    drug = find_drug(name)
    if drug is not None and drug.atc:
        return _concept(name, {"system": ATC, "code": drug.atc, "display": drug.name})
    return _concept(name)


def _absent(code: str) -> dict:
    return {"coding": [{"system": ABSENT, "code": code}]}


def _period(clock: Clock, start: int | None, end: int | None) -> dict | None:
    period = {k: v for k, v in (("start", clock.at(start)), ("end", clock.at(end))) if v}
    return period or None


class CaseResources:
    """The resources of one case; each call of entries() gives (fullUrl, resource)."""

    def __init__(self, profile: plan.Profile, case: dict, children: dict[str, list[dict]]):
        self.profile, self.case, self.children = profile, case, children
        self.clock = Clock(profile, case.get("day0_date") or "")
        self.patient = urn()
        self.subject = {"reference": self.patient}

    def _meta(self, resource: dict) -> dict:
        if self.clock.anchored:
            resource["meta"] = {"tag": [ANCHORED_YEARS if self.clock.year_only else ANCHORED]}
        return resource

    def entries(self) -> Iterator[tuple[str, dict]]:
        yield self.patient, self._patient()
        for resource in (self._dm(), self._cancer(), *self._labs(), *self._antibodies(),
                         *self._steroids(), *self._chemotherapy(), *self._treatments()):
            yield urn(), self._meta(resource)

    def _patient(self) -> dict:
        c = self.case
        identifier = {"system": f"{TAGS}:case-id", "value": str(c["case_id"])}
        if self.profile is plan.IDENTIFIED:
            identifier = {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{c['uuid']}"}
        out = {"resourceType": "Patient", "identifier": [identifier],
               "gender": GENDER.get(c["sex"], "unknown")}
        if self.profile is plan.IDENTIFIED:
            out["name"] = [{"text": c["label"]}]
        return out

    def _dm(self) -> dict:
        c = self.case
        words = ", ".join(x for x in (c.get("dm_grade"), c.get("dm_criteria")) if x)
        return {"resourceType": "Condition", "subject": self.subject,
                "code": _concept("Dermatomyositis" + (f" ({words})" if words else ""), DM)}

    def _cancer(self) -> dict:
        c = self.case
        kind = c["tumour_type"]
        out = {"resourceType": "Condition", "subject": self.subject,
               "code": _concept(kind, SCLC) if kind == "SCLC" else _concept(kind)}
        if c.get("tumour_site"):
            out["bodySite"] = [_concept(c["tumour_site"])]
        if c.get("tumour_stage"):
            out["stage"] = [{"summary": _concept(c["tumour_stage"])}]
        return out

    def _observation(self, text: str, day: int | None, *codings: dict) -> dict:
        out = {"resourceType": "Observation", "status": "final",
               "category": [{"coding": [{"system": CATEGORY, "code": "laboratory"}]}],
               "code": _concept(text, *codings), "subject": self.subject}
        when = self.clock.at(day)
        if when:
            out["effectiveDateTime"] = when
        return out

    def _labs(self) -> Iterator[dict]:
        for r in self.children.get("lab_results", ()):
            analyte = find_analyte(r["analyte"])
            code = [{"system": LOINC, "code": r["loinc"]}] if r.get("loinc") else []
            obs = self._observation(analyte.name if analyte else r["analyte"], r["day"], *code)
            if r["value"] is None and r.get("qualitative"):
                obs["valueString"] = r["qualitative"]  # what the source says, in words
            elif r["value"] is None:
                obs["dataAbsentReason"] = _absent("unknown")
            else:
                q = _quantity(r["value"], r["unit"])
                if r["comparator"]:
                    q["comparator"] = r["comparator"]
                obs["valueQuantity"] = q
            limits = {k: _quantity(r[f"ref_{k}"], r["unit"]) for k in ("low", "high")
                      if r[f"ref_{k}"] is not None}
            if limits:
                obs["referenceRange"] = [limits]
            if r["flag"] or limits:
                obs["interpretation"] = [{"coding": [
                    {"system": INTERPRETATION, "code": r["flag"] or "N"}]}]
            yield obs

    def _antibodies(self) -> Iterator[dict]:
        for r in self.children.get("antibody_results", ()):
            ab = find_antibody(r["antibody"])
            code = [{"system": LOINC, "code": ab.loinc}] if ab and ab.loinc else []
            obs = self._observation(ab.name if ab else r["antibody"], r["day"], *code)
            status = r["status"]
            if status in ("not tested", "not specified"):
                obs["dataAbsentReason"] = _absent(
                    "not-performed" if status == "not tested" else "unknown")
            else:
                obs["valueCodeableConcept"] = _concept(status)
            if r["titre"]:
                obs["component"] = [{"code": _concept("titre"), "valueString": r["titre"]}]
            yield obs

    def _statement(self, name: str, start: int | None, end: int | None) -> dict:
        out = {"resourceType": "MedicationStatement",
               "status": "completed" if end is not None else "unknown",
               "medicationCodeableConcept": _drug_concept(name), "subject": self.subject}
        period = _period(self.clock, start, end)
        if period:
            out["effectivePeriod"] = period
        return out

    def _steroids(self) -> Iterator[dict]:
        for r in self.children.get("steroid_steps", ()):
            out = self._statement(r["drug"], r["from_day"], r["to_day"])
            dosage = {"text": f"{r['dose']:g} {r['unit']} {r['route']}".strip()}
            if r["unit"] == "mg/day":
                dosage["timing"] = {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}}
                dosage["doseAndRate"] = [{"doseQuantity": _quantity(r["dose"], "mg") | {
                    "system": UCUM, "code": "mg"}}]
            if r["route"]:
                dosage["route"] = _concept(r["route"])
            out["dosage"] = [dosage]
            yield out

    def _chemotherapy(self) -> Iterator[dict]:
        regimens = self.children.get("regimens", ())
        for cycle in self.children.get("regimen_cycles", ()):
            regimen = regimens[cycle["regimen_position"]]
            agents = json.loads(regimen["agents"] or "[]")
            for agent in agents or [{"drug": regimen["name"]}]:
                out = {"resourceType": "MedicationAdministration", "status": "completed",
                       "medicationCodeableConcept": _drug_concept(agent["drug"]),
                       "subject": self.subject,
                       "dosage": {"text": f"{regimen['name']}, cycle {cycle['number']}"}}
                when = self.clock.at(cycle["day"])
                if when:
                    out["effectiveDateTime"] = when
                else:  # required, and not known
                    out["_effectiveDateTime"] = {"extension": [{
                        "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
                        "valueCode": "unknown"}]}
                if agent.get("dose") is not None:
                    out["dosage"]["dose"] = _quantity(agent["dose"], agent.get("unit") or "")
                yield out

    def _treatments(self) -> Iterator[dict]:
        for r in self.children.get("treatments", ()):
            if r["kind"] in MEDICATION_KINDS:
                yield self._statement(r["name"], r["start_day"], r["end_day"])
                continue
            out = {"resourceType": "Procedure", "status": "completed",
                   "code": _concept(r["name"]), "subject": self.subject,
                   "category": _concept(r["kind"])}
            period = _period(self.clock, r["start_day"], r["end_day"])
            if period:
                out["performedPeriod"] = period
            yield out


def entry(full_url: str, resource: dict) -> dict:
    return {"fullUrl": full_url, "resource": resource,
            "request": {"method": "POST", "url": resource["resourceType"]}}


def bundle_head(profile: plan.Profile) -> dict:
    """The Bundle without its entries (they are streamed into "entry")."""
    return {"resourceType": "Bundle", "type": "transaction",
            "meta": {"tag": [{"system": TAGS, "code": profile.name,
                              "display": f"DM Casebook export, profile {profile.title}"}]}}
