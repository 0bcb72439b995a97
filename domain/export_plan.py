"""What a data export holds: its de-identification profile and, from the field spec, the
columns of every tidy table and of the one-row-per-case file.

No column is listed here by hand: a table's columns are its keys, then its fields in the
spec's order (each kept, dropped or coarsened by the profile's rule), then its source
columns, then, for lab results, the reference limits in the analyte's canonical unit. The codebook,
the statistics syntax, the REDCap dictionary and the workbook of an export are all read
from the same plan, so they describe exactly what the files hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from operator import itemgetter

from . import fields as spec
from .catalogue import antibodies
from .codebook import CODEBOOK_COLUMNS, codebook_rows
from .fields import CHOICE, INTEGER, NUMBER, TEXT, Entity, Field
from .units import to_canonical


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    rules: tuple[str, ...]  # what it keeps, removes and coarsens, for README.txt and the window


IDENTIFIED = Profile(
    "identified",
    "Identified (for your own use)",
    ("Everything stored is exported: labels, case uuids, the date of day 0, occupations, "
     "free text and sources.",),
)
LIMITED = Profile(
    "limited",
    "Limited data set (relative days; under a data-use agreement)",
    ("Removed: every field the codebook marks identifying (label, case uuid, date of day 0, "
     "occupation) and every free-text field (history, notes, histology, results, sources' "
     "words, notes of each row).",
     "Kept: day numbers relative to each case's day 0, ages as recorded.",
     "Citations are kept only for literature cases (a preloaded paper's case, or a case "
     "with a reference number).",
     "case_id is the casebook's own case number, which means nothing outside the casebook.",
     "A limited data set may be shared only under a data-use agreement (HIPAA 164.514(e)).",),
)
SAFE_HARBOR = Profile(
    "safe-harbor",
    "Safe Harbor (no dates, no day numbers, no free text)",
    ("Removed: every field the codebook marks identifying (label, case uuid, date of day 0, "
     "occupation) and every free-text field, as in the limited data set.",
     "Day numbers are replaced by whole years from day 0 (column day becomes year, "
     "from_day becomes from_year, ...), as nothing more specific than a year may remain.",
     "Ages over 89 are written 90+.",
     "case_id is a random number drawn for this export alone (1 to the number of cases), "
     "not derived from the case and kept nowhere; the rows are listed in that order.",
     "Citations are kept only for literature cases (a preloaded paper's case, or a case "
     "with a reference number).",
     "Safe Harbor (45 CFR 164.514(b)(2)) also requires that you know of nothing else in "
     "the data that identifies a person; the casebook cannot check that for you.",),
)
PROFILES = {p.name: p for p in (IDENTIFIED, LIMITED, SAFE_HARBOR)}
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Column:
    """One exported column: its name, what it means and how it is read from a stored row."""

    name: str
    label: str
    type: str
    get: Callable[[dict], object]
    unit: str = ""
    field: Field | None = None  # the spec field it exports (None for keys and additions)
    note: str = ""
    allowed: tuple[tuple[str, str], ...] = ()
    stored: str = ""  # the stored column it copies as it is ("" when computed by get)


def _stored(name: str) -> Callable[[dict], object]:
    return lambda row: row.get(name)


def is_relative_day(f: Field) -> bool:
    """A day number relative to day 0 (the spec's day fields: day, from_day, followup_day)."""
    return f.type == INTEGER and f.unit == "d" and f.name.endswith("day")


def whole_years(day: int | None) -> int | None:
    """Whole years from day 0, toward zero (day 400 is year 1; day -30 is year 0)."""
    return None if day is None else int(day / DAYS_PER_YEAR)


def is_literature(case_row: dict) -> bool:
    return bool(case_row.get("seed_key") or case_row.get("reference_number"))


# the case's ages: Safe Harbor writes those over 89 as 90+
AGE_FIELDS = ("age", "onset_age")


def _age_90(row: dict, name: str) -> object:
    age = row.get(name)
    return None if age is None else "90+" if age > 89 else str(age)


def _citation(row: dict) -> object:
    return row.get("citation") if is_literature(row) else ""


def _field_column(profile: Profile, entity: Entity, f: Field) -> Column | None:
    base = Column(f.name, f.label, f.type, _stored(f.name), f.unit, f, f.note, f.allowed,
                  stored=f.name)
    if profile is IDENTIFIED:
        return base
    if f.name == "citation" and entity is spec.CASE:
        return replace(base, get=_citation, stored="", note="kept for literature cases only")
    if f.identifying or f.free_text:
        return None
    if profile is SAFE_HARBOR and is_relative_day(f):
        return replace(
            base, name=f.name[:-3] + "year", label=f.label.replace("day", "year"),
            get=lambda row, n=f.name: whole_years(row.get(n)), unit="a", stored="",
            note="whole years from the case's day 0 (Safe Harbor)",
        )
    if profile is SAFE_HARBOR and f.name in AGE_FIELDS and entity is spec.CASE:
        return replace(base, type=TEXT, get=lambda row, n=f.name: _age_90(row, n), stored="",
                       note="ages over 89 written 90+")
    return base


def _key_columns(entity: Entity) -> list[Column]:
    keys = [Column("case_id", "Case" if entity is not spec.CASE else "Case id", INTEGER,
                   _stored("case_id"), note="the key every table joins on", stored="case_id")]
    if entity.parent == "regimens":
        keys.append(Column("regimen_position", "Regimen (its row number within the case)",
                           INTEGER, lambda row: row["regimen_position"] + 1))
    if entity.ordered_by == "position" and entity is not spec.CASE:
        keys.append(Column("position", "Row number within the case (1 = first)", INTEGER,
                           lambda row: row["position"] + 1))
    return keys


def _canonical(name: str) -> Callable[[dict], object]:
    return lambda row: to_canonical(row.get("analyte") or "", row.get(name),
                                    row.get("unit") or "")


def _lab_extras() -> list[Column]:
    """The reference limits in the canonical unit (the value and the unit are stored
    fields: value_canonical, unit_canonical)."""
    note = "in the analyte's canonical unit (unit_canonical); empty when not converted"
    return [
        Column("ref_low_canonical", "Reference lower limit (canonical unit)", NUMBER,
               _canonical("ref_low"), note=note),
        Column("ref_high_canonical", "Reference upper limit (canonical unit)", NUMBER,
               _canonical("ref_high"), note=note),
    ]


@cache
def columns(profile: Profile, entity: Entity) -> tuple[Column, ...]:
    """The columns of entity's tidy file under profile, in order."""
    out = _key_columns(entity)
    sources = spec.SOURCE_FIELDS if entity.has_source else ()
    for f in (*entity.fields, *sources):
        col = _field_column(profile, entity, f)
        if col is not None:
            out.append(col)
    if entity is spec.LAB_RESULTS:
        out += _lab_extras()
    return tuple(out)


def tidy_values(cols: tuple[Column, ...], row: dict) -> list[object]:
    return [c.get(row) for c in cols]


def row_reader(cols: tuple[Column, ...]) -> Callable[[dict], list[object]]:
    """tidy_values for stored rows, fast: the copied columns fetched in one C call, the
    computed ones filled in after (an export of 10,000 cases reads ~1 million rows)."""
    fetch = itemgetter(*[c.stored or "case_id" for c in cols])
    computed = [(i, c.get) for i, c in enumerate(cols) if not c.stored]
    if len(cols) == 1:
        return lambda row: [c.get(row) for c in cols]

    def read(row: dict) -> list[object]:
        values = list(fetch(row))
        for i, get in computed:
            values[i] = get(row)
        return values

    return read


@cache
def template_columns() -> tuple[Column, ...]:
    """The columns of the one-row-per-case spreadsheet template: the case's fields (as the
    identified export writes them), without the derived ones and the record-keeping ones
    the app sets itself (the spec's 'record' section), except the uuid that names a case."""
    return tuple(c for c in columns(IDENTIFIED, spec.CASE)
                 if c.field is not None and c.field.derived is None
                 and (c.field.section != spec.RECORD or c.name == "uuid"))


# ---- the one-row-per-case file -----------------------------------------------------------
CK = "CK"
ANTIBODY_STATUS = spec.ANTIBODY_RESULTS.field("status")
TREATMENT_KIND = spec.TREATMENTS_TABLE.field("kind")


def _ab_name(key: str) -> str:
    return "ab_" + "".join(ch if ch.isalnum() else "_" for ch in key.lower()).strip("_")


def _wide_extras(profile: Profile) -> list[Column]:
    """Table-1 variables from the child rows: antibody statuses, peak CK, treatments."""
    out: list[Column] = []
    for key, ab in antibodies().items():
        folded = key.casefold()
        out.append(Column(
            _ab_name(key), f"{ab.name}: result", CHOICE,
            lambda w, k=folded: w["antibodies"].get(k, ""), allowed=(
                ("", "not recorded"), *ANTIBODY_STATUS.allowed),
            note="empty when the case records no result for it"))
    out += [
        Column("ck_peak", "Peak CK (U/L)", NUMBER, lambda w: w["ck_peak"], unit="U/L",
               note="highest CK value in U/L; empty when none is recorded"),
        Column("ck_peak_day", "Day of peak CK", INTEGER, lambda w: w["ck_peak_day"], unit="d",
               note="days from the case's day 0"),
        Column("n_lab_results", "Lab results recorded", INTEGER, lambda w: w["n_labs"]),
        Column("chemo_cycles", "Chemotherapy cycles recorded", INTEGER,
               lambda w: w["n_cycles"]),
        Column("steroid_start_pred_eq", "First steroid step, prednisolone equivalent",
               NUMBER, lambda w: w["steroid_start"], unit="mg/d"),
    ]
    if profile is SAFE_HARBOR:
        out[-4] = replace(out[-4], name="ck_peak_year", label="Year of peak CK", unit="a",
                          get=lambda w: whole_years(w["ck_peak_day"]),
                          note="whole years from the case's day 0 (Safe Harbor)")
    for code, _label in TREATMENT_KIND.allowed:
        out.append(Column(f"tx_{code}", f"{code} recorded", INTEGER,
                          lambda w, c=code: 1 if c in w["kinds"] else 0,
                          allowed=(("0", "none recorded"), ("1", "recorded")),
                          note="1 when a treatment of this kind is recorded"))
    return out + score_columns()


# the instruments' results: derived at export from the case's facts, never read back
DERIVED_NOTE = ("derived: computed at export from the case's recorded facts (as the Scores "
                "tab), not a recorded fact; an import ignores it. {ref}; {status}")


def _listed(items: tuple[str, ...]) -> str:
    return "; ".join(items)


def score_columns() -> list[Column]:
    """The classification instruments' columns of cases_wide (scores.summary): result,
    category, how high the missing inputs could take it, and which inputs are missing."""
    from .scores.summary import BP_GRADES, EA_CATEGORIES, NOT_COMPUTABLE, references

    refs = references()
    choice = tuple((v, v) for v in BP_GRADES)
    risk = tuple((v, v) for v in ("standard", "moderate", "high", NOT_COMPUTABLE))
    specs = [
        ("bp", "bp1975_result", "Bohan & Peter 1975: grade reached and kind", TEXT,
         lambda x: x.bp, ()),
        ("bp", "bp1975_grade", "Bohan & Peter 1975: grade reached", CHOICE,
         lambda x: x.bp_grade, choice),
        ("bp", "bp1975_reachable", "Bohan & Peter 1975: highest grade reachable if the "
         "criteria not done or not recorded were positive", TEXT, lambda x: x.bp_reachable, ()),
        ("bp", "bp1975_missing", "Bohan & Peter 1975: inputs not recorded", TEXT,
         lambda x: _listed(x.bp_missing), ()),
        ("ea", "eular2017_score", "EULAR/ACR 2017: score (empty when not computable)", NUMBER,
         lambda x: x.ea_score, ()),
        ("ea", "eular2017_category", "EULAR/ACR 2017: classification", TEXT,
         lambda x: x.ea_category, tuple((v, v) for v in (*EA_CATEGORIES, NOT_COMPUTABLE))),
        ("ea", "eular2017_subgroup", "EULAR/ACR 2017: subgroup (unconfirmed tree)", TEXT,
         lambda x: x.ea_subgroup, ()),
        ("ea", "eular2017_reachable", "EULAR/ACR 2017: highest score if every item not "
         "recorded were present", NUMBER, lambda x: x.ea_reachable, ()),
        ("ea", "eular2017_missing", "EULAR/ACR 2017: items not recorded", TEXT,
         lambda x: _listed(x.ea_missing), ()),
        ("imacs", "imacs2023_risk", "IMACS 2023 cancer screening: risk category", CHOICE,
         lambda x: x.imacs, risk),
        ("imacs", "imacs2023_reachable", "IMACS 2023: highest category if the factors not "
         "recorded were present", TEXT, lambda x: x.imacs_reachable, ()),
        ("imacs", "imacs2023_missing", "IMACS 2023: factors not recorded", TEXT,
         lambda x: _listed(x.imacs_missing), ()),
    ]
    out = []
    for key, name, label, type_, get, allowed in specs:
        ref, status = refs[key]
        note = DERIVED_NOTE.format(ref=ref, status=status)
        if type_ != CHOICE:  # the categories are written as words, listed in the note
            note += "" if not allowed else "; values: " + ", ".join(v for v, _ in allowed)
            allowed = ()
        out.append(Column(name, label, type_, lambda w, g=get: g(w["scores"]), note=note,
                          allowed=allowed))
    return out


@cache
def wide_columns(profile: Profile) -> tuple[Column, ...]:
    """The one-row-per-case file: the case's columns, then the Table-1 variables."""
    case_cols = tuple(
        replace(c, get=lambda w, g=c.get: g(w["case"])) for c in columns(profile, spec.CASE)
    )
    return case_cols + tuple(_wide_extras(profile))


def wide_summary(case_row: dict, children: dict[str, list[dict]], scores) -> dict:
    """What the Table-1 columns read from a case's stored rows; scores is the case's
    scores.summary.ScoreSummary, computed by the caller from the same rows."""
    abs_ = {}
    for r in children.get("antibody_results", ()):
        abs_.setdefault((r["antibody"] or "").casefold(), r["status"])
    peak = peak_day = None
    for r in children.get("lab_results", ()):
        if (r["analyte"] or "").casefold() != CK.casefold():
            continue
        v = to_canonical(CK, r["value"], r["unit"] or "")
        if v is not None and (peak is None or v > peak):
            peak, peak_day = v, r["day"]
    steps = children.get("steroid_steps", ())
    kinds = {r["kind"] for r in children.get("treatments", ())}
    return {
        "case": case_row, "antibodies": abs_, "scores": scores, "ck_peak": peak, "ck_peak_day": peak_day,
        "n_labs": len(children.get("lab_results", ())),
        "n_cycles": len(children.get("regimen_cycles", ())),
        "steroid_start": steps[0]["pred_eq_mg_day"] if steps else None,
        "kinds": kinds | ({"chemotherapy"} if children.get("regimens") else set()),
    }


# ---- the export's own codebook -----------------------------------------------------------
@cache
def _spec_rows() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["table"], r["variable"]): r for r in codebook_rows()}


def codebook(profile: Profile) -> list[dict[str, str]]:
    """A codebook row per exported column of every file (tidy tables, then cases_wide)."""
    out = []
    tables = [(e.table, columns(profile, e)) for e in spec.ENTITIES]
    for table, cols in (*tables, ("cases_wide", wide_columns(profile))):
        for c in cols:
            base = _spec_rows().get((table if table != "cases_wide" else "cases",
                                     c.field.name if c.field else c.name))
            row = dict(base) if base else dict.fromkeys(CODEBOOK_COLUMNS, "")
            row.update(table=table, variable=c.name, label=c.label, type=c.type, unit=c.unit)
            if c.field is None or c.name != c.field.name or c.note != c.field.note:
                row["note"] = c.note
            row["identifying"] = row["identifying"] or "no"
            row["free_text"] = row["free_text"] or "no"
            if not base:
                row.update(identifying="no", free_text="no", derived="yes",
                           section="key" if c.name.endswith(("_id", "position")) else "")
                if c.allowed:
                    row["allowed_values"] = "; ".join(
                        f"{k or '(empty)'} = {v}" for k, v in c.allowed)
            out.append(row)
    return out

