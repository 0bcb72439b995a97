"""What is wrong with a case, as data: where (section, row, field) and what (message).

Validation and the form parsers both report `Problem`s; the window places each one from
its fields (the section picks the tab, the row and field pick the cell), never by reading
its text back. The text a clinician reads (`str(problem)`) is made from the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Section(StrEnum):
    """The parts of a case a problem can be in (one editor tab or table each)."""

    CASE = "case"  # the patient, tumour and case details
    IHC = "ihc"  # the tumour's immunohistochemistry rows
    FINDINGS = "findings"
    INITIAL = "initial_treatments"
    OUTCOME = "outcome"
    LABS = "labs"
    ANTIBODIES = "antibodies"  # the panel: a row is an antibody's name
    OTHER_ANTIBODIES = "other_antibodies"
    STEROIDS = "steroid_steps"
    REGIMENS = "regimens"
    AGENTS = "regimen_agents"  # rows of one regimen (Problem.parent)
    CYCLES = "regimen_cycles"
    TREATMENTS = "treatments"
    ASSESSMENTS = "assessments"
    CRITERIA = "criteria"  # the instruments' criteria facts (Scores > Criteria)
    CORE_SET = "core_set_visits"  # Scores > Core-set visits
    CASE_SOURCES = "case_sources"  # the sources of the case's own details (Sources tab)


# how a row of each section is named in a message ("Labs row 2", "Steroid step 1")
_ROW_NAMES = {
    Section.IHC: "IHC row {row}",
    Section.FINDINGS: "Finding {row}",
    Section.INITIAL: "Initial treatments row {row}",
    Section.LABS: "Labs row {row}",
    Section.ANTIBODIES: "Antibodies {row}",
    Section.OTHER_ANTIBODIES: "Other antibodies row {row}",
    Section.STEROIDS: "Steroid step {row}",
    Section.REGIMENS: "Regimen {row}",
    Section.AGENTS: "Regimen {parent} agents row {row}",
    Section.CYCLES: "Regimen {parent} cycles row {row}",
    Section.TREATMENTS: "Treatment {row}",
    Section.ASSESSMENTS: "Assessment {row}",
    Section.CORE_SET: "Core-set visit {row}",
    Section.CASE_SOURCES: "Source of a case detail, row {row}",
}
# a problem of a whole section (row None) with no field of its own
_SECTION_NAMES = {
    Section.INITIAL: "Initial treatments",
    Section.ANTIBODIES: "Antibodies",
    Section.OUTCOME: "Outcome",
    Section.CASE: "Case",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: an error refuses the save, 'confirm' asks first.

    section: where in the case; row: the 1-based row of that section's table (an
    antibody's name in the antibody panel), None for the section itself; field: the
    field's name as in the field spec and the form's column keys ("value", "day"), ""
    for the whole row; label: the field as the clinician reads it ("Value (CK)");
    parent: the regimen (1-based) that a cycle or agent row belongs to.
    """

    section: Section
    row: int | str | None
    field: str
    message: str
    severity: str = "error"  # "error" or "confirm"
    label: str = ""
    parent: int | None = None

    @property
    def location(self) -> tuple:
        """The row this problem is in, for grouping and de-duplication."""
        return (self.section, self.parent, self.row)

    @property
    def where(self) -> str:
        """'Labs row 2, Value (CK)', 'Age', 'Steroid step 1': the place, as text."""
        label = self.label or self.field.replace("_", " ").capitalize()
        if self.row is None:
            head = "" if self.field else _SECTION_NAMES.get(self.section, "")
        else:
            head = _ROW_NAMES[self.section].format(row=self.row, parent=self.parent)
        if head and self.field:
            return f"{head}, {label}"
        return head or label

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def covered(problem: Problem, by: list[Problem]) -> bool:
    """True when a problem of `by` already reports this one: the same field, or any field
    of the same row when this one is about the whole row (a value that did not parse is
    reported once, by the parser, not again by the checks of the parsed case)."""
    return any(
        q.location == problem.location and (not problem.field or q.field == problem.field)
        for q in by
    )
