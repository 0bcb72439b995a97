"""The REDCap files of an export: the data dictionary and the flat records CSV, streamed
case by case (rows from domain/redcap_records.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from domain import export_plan as plan
from domain import redcap_records
from domain.codebook import REDCAP_COLUMNS

from .export_source import StoredCase
from .safe_write import safe_cell

DICTIONARY, RECORDS = "redcap_data_dictionary.csv", "redcap_records.csv"


class RedcapWriter:
    def __init__(self, folder: Path, profile: plan.Profile, bom: bool):
        self.profile = profile
        self.bom = bom
        self.file = open(folder / RECORDS, "w", encoding="utf-8-sig" if bom else "utf-8",
                         newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(redcap_records.header(profile))

    def add(self, case: StoredCase) -> None:
        for row in redcap_records.records(self.profile, case.row, case.children):
            self.writer.writerow([safe_cell(v) if isinstance(v, str) else v for v in row])

    def close(self) -> None:
        self.file.close()

    def finish(self, folder: Path) -> list[str]:
        self.close()
        with open(folder / DICTIONARY, "w", encoding="utf-8-sig" if self.bom else "utf-8",
                  newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(REDCAP_COLUMNS)
            for row in redcap_records.dictionary(self.profile):
                w.writerow([safe_cell(row[c]) for c in REDCAP_COLUMNS])
        return [DICTIONARY, RECORDS]
