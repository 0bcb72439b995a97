"""The field spec names every stored column once, and the mappers need nothing else."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from domain import field_types
from domain import fields as spec
from domain.model import LabResult
from domain.serialize import case_from_dict, case_to_dict
from storage.db import open_db
from storage.repository import CaseRepository

KEYS = {"id", "case_id", "position", "regimen_id", "version", "created_at", "updated_at"}


def test_every_name_is_snake_case_and_short_enough_for_redcap():
    for entity, f in spec.all_fields():
        assert field_types.NAME_RE.match(f.name), f"{entity.table}.{f.name}"
        assert len(f.name) <= field_types.NAME_MAX, f"{entity.table}.{f.name}"
        assert f.label and f.section, f"{entity.table}.{f.name}"


def test_the_spec_and_the_schema_name_the_same_columns(db):
    for entity in spec.ENTITIES:
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({entity.table})")}
        assert columns - KEYS == set(entity.columns), entity.table


def test_every_model_attribute_is_in_the_spec():
    """A model field the spec does not name would silently not be stored."""
    for entity in spec.ENTITIES:
        if entity.model is dict:
            continue
        covered = {f.path[0] for f in entity.fields} | {"source", "id", "version"}
        children = {e.case_attr for e in spec.ENTITIES if e.parent == entity.table}
        if entity is spec.CASE:
            children |= {e.case_attr for e in spec.CHILDREN} | {"sources"}
        names = {f.name for f in dataclasses.fields(entity.model)}
        assert names - covered - children == set(), entity.table


def test_choice_fields_list_their_allowed_values():
    for entity, f in spec.all_fields():
        if f.type == spec.CHOICE:
            assert f.allowed, f"{entity.table}.{f.name}"
    sex = spec.CASE.field("sex")
    assert ("F", "female") in sex.allowed


def test_identifying_fields_are_marked():
    marked = {f.name for e, f in spec.all_fields() if f.identifying}
    assert {"label", "day0_date", "uuid", "occupation"} <= marked


def test_the_paper_cases_round_trip_through_rows_and_dicts(repo):
    assert repo.count() == 17  # open_db seeds the paper's cases
    for case in repo.headers():
        full = repo.get(case.id)
        again = case_from_dict(case_to_dict(full))
        assert again == full


def test_a_new_lab_field_is_the_spec_a_model_field_and_a_column(tmp_path, monkeypatch):
    """Adding a field to a lab result: declare it in the spec, give the model the
    attribute, add the column (a migration's ALTER TABLE); every mapper follows."""

    @dataclasses.dataclass
    class LabWithSpecimen(LabResult):
        specimen: str = ""

    specimen = spec.Field("specimen", "Specimen")
    labs = dataclasses.replace(
        spec.LAB_RESULTS, model=LabWithSpecimen, fields=(*spec.LAB_RESULTS.fields, specimen)
    )
    children = tuple(labs if e is spec.LAB_RESULTS else e for e in spec.CHILDREN)
    monkeypatch.setattr(spec, "CHILDREN", children)
    path = tmp_path / "c.sqlite"
    db = open_db(path, seed=False)  # the paper's cases are built with the real LabResult
    db.execute("ALTER TABLE lab_results ADD COLUMN specimen TEXT NOT NULL DEFAULT ''")
    repo = CaseRepository(db)
    from domain.model import Case

    case = Case("Specimen test", labs=[LabWithSpecimen("CK", 300.0, "IU/L", day=1,
                                                        specimen="serum")])
    case_id = repo.save(case)
    db.close()
    raw = sqlite3.connect(path).execute("SELECT specimen FROM lab_results").fetchall()
    assert raw == [("serum",)]
    back = CaseRepository(open_db(path, seed=False)).get(case_id)
    assert back.labs[0].specimen == "serum"
    history = CaseRepository(open_db(path, seed=False)).history(case_id)
    assert any(e.field == "specimen" and e.new == "serum" for e in history)


@pytest.mark.parametrize("entity", spec.ENTITIES, ids=lambda e: e.table)
def test_each_entity_names_its_rows_for_the_history(entity):
    assert entity is spec.CASE or entity.name_fields
