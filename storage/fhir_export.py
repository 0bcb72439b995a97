"""The FHIR R4 transaction Bundle of an export, streamed entry by entry into one JSON file
(resources from domain/fhir_bundle.py), so 10,000 cases never sit in memory at once."""

from __future__ import annotations

import json
from pathlib import Path

from domain import export_plan as plan
from domain import fhir_bundle

from .export_source import StoredCase

BUNDLE = "fhir_bundle.json"


class FhirWriter:
    def __init__(self, folder: Path, profile: plan.Profile):
        self.profile = profile
        self.file = open(folder / BUNDLE, "w", encoding="utf-8")
        head = json.dumps(fhir_bundle.bundle_head(profile), ensure_ascii=False)
        self.file.write(head[:-1] + ', "entry": [\n')
        self.first = True

    def add(self, case: StoredCase) -> None:
        resources = fhir_bundle.CaseResources(self.profile, case.row, case.children)
        for full_url, resource in resources.entries():
            if not self.first:
                self.file.write(",\n")
            self.first = False
            self.file.write(json.dumps(fhir_bundle.entry(full_url, resource),
                                       ensure_ascii=False, separators=(",", ":")))

    def close(self) -> None:
        self.file.close()

    def finish(self, folder: Path) -> list[str]:
        self.file.write("\n]}\n")
        self.close()
        return [BUNDLE]
