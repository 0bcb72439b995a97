"""The FHIR R4 Bundle validated resource by resource with fhir.resources (R4B), plus the
checks it does not make: code systems, status codes, references, dates per profile."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from devtools.synth import synthetic_case
from domain.catalogue import analytes
from domain.fhir_bundle import ANCHORED
from storage.data_export import export_data

STATUS = {
    "Observation": {"final"},
    "MedicationStatement": {"completed", "unknown"},
    "MedicationAdministration": {"completed"},
    "Procedure": {"completed"},
}
LOINC_CODES = {a.loinc for a in analytes().values() if a.loinc}
DATE_TIME = {"effectiveDateTime", "start", "end"}


def export(repo, tmp_path, profile):
    for n in (1, 2, 3, 4):
        case = synthetic_case(n, seed=21)
        case.day0_date = "2015-06-01"
        repo.save(case)
    folder = export_data(repo.db, tmp_path / profile, ["fhir"], profile).folder
    return json.loads((folder / "fhir_bundle.json").read_text(encoding="utf-8"))


def walk(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)
    else:
        yield key, node


def codings(node):
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            yield node
        for v in node.values():
            yield from codings(v)
    elif isinstance(node, list):
        for v in node:
            yield from codings(v)


@pytest.mark.parametrize("profile", ["identified", "limited", "safe-harbor"])
def test_every_resource_validates_and_references_resolve(repo, tmp_path, profile):
    data = export(repo, tmp_path, profile)
    Bundle.model_validate(data)
    assert data["type"] == "transaction"
    urls = [e["fullUrl"] for e in data["entry"]]
    assert len(urls) == len(set(urls)) and all(u.startswith("urn:uuid:") for u in urls)
    kinds = set()
    for e in data["entry"]:
        resource = e["resource"]
        kind = resource["resourceType"]
        kinds.add(kind)
        get_fhir_model_class(kind).model_validate(resource)
        assert e["request"] == {"method": "POST", "url": kind}
        if kind in STATUS:
            assert resource["status"] in STATUS[kind], resource
        if kind != "Patient":
            assert resource["subject"]["reference"] in urls
        for coding in codings(resource):
            system, code = coding["system"], coding["code"]
            if system == "http://loinc.org":
                assert re.fullmatch(r"[0-9]{1,6}-[0-9]", code), code
            if system == "http://unitsofmeasure.org":
                assert code in {"U/L", "U/mL", "ng/mL", "ug/L", "pg/mL", "mg/dL", "mg/L",
                                "mm/h", "mg"}, code
            if system.endswith("v3-ObservationInterpretation"):
                assert code in {"H", "L", "N"}
            if system == "http://www.whocc.no/atc":
                assert re.fullmatch(r"[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}", code), code
    assert kinds >= {"Patient", "Condition", "Observation", "MedicationStatement",
                     "MedicationAdministration"}
    assert repo.count() == sum(e["resource"]["resourceType"] == "Patient" for e in data["entry"])


def test_identified_dates_count_from_day_0_and_labs_carry_loinc_ucum_and_flags(repo, tmp_path):
    data = export(repo, tmp_path, "identified")
    case = repo.get(repo.resolve("Synthetic 00001"))
    patient = next(e for e in data["entry"] if e["resource"]["resourceType"] == "Patient"
                   and e["resource"]["identifier"][0]["value"] == f"urn:uuid:{case.uuid}")
    mine = [e["resource"] for e in data["entry"]
            if e["resource"].get("subject", {}).get("reference") == patient["fullUrl"]]
    labs = [r for r in mine if r["resourceType"] == "Observation" and "valueQuantity" in r]
    first = case.labs[0]
    obs = labs[0]
    assert obs["effectiveDateTime"] == (date(2015, 6, 1) + timedelta(days=first.day)).isoformat()
    assert obs["valueQuantity"]["value"] == first.value
    assert obs["code"]["coding"][0]["code"] in LOINC_CODES
    assert "meta" not in obs  # real dates, not anchored
    flagged = [r for r in labs if r.get("interpretation")]
    assert {r["interpretation"][0]["coding"][0]["code"] for r in flagged} <= {"H", "L", "N"}
    index = [e["resource"] for e in data["entry"]
             if e["resource"]["resourceType"] == "Observation"
             and e["resource"].get("valueQuantity", {}).get("value") == 15242.0]
    assert index and index[0]["valueQuantity"]["code"] == "U/L"
    assert index[0]["interpretation"][0]["coding"][0]["code"] == "H"
    assert index[0]["code"]["coding"][0]["code"] == "2157-6"


def test_safe_harbor_bundle_holds_only_years_and_no_names(repo, tmp_path):
    data = export(repo, tmp_path, "safe-harbor")
    text = json.dumps(data)
    assert not re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)
    assert "Synthetic 0000" not in text and "urn:uuid:" not in text.replace(
        '"fullUrl": "urn:uuid:', "").replace('"reference": "urn:uuid:', "")
    years = [v for k, v in walk(data) if k in DATE_TIME]
    assert years and all(re.fullmatch(r"[0-9]{4}", y) for y in years)
    assert all("name" not in e["resource"] for e in data["entry"]
               if e["resource"]["resourceType"] == "Patient")


def test_limited_dates_use_the_documented_anchor_and_say_so(repo, tmp_path):
    data = export(repo, tmp_path, "limited")
    obs = next(e["resource"] for e in data["entry"]
               if e["resource"]["resourceType"] == "Observation"
               and "effectiveDateTime" in e["resource"])
    assert obs["meta"]["tag"] == [ANCHORED]
    assert obs["effectiveDateTime"] >= "1900" and "2015-06" not in json.dumps(data)
