"""Each input of the instruments with where it came from: recorded on the Scores tab,
derived from the case's age, labs, antibodies or assessments, or not recorded.

Derived facts are never asked again: raised enzymes come from lab results above the upper
limit the source gave, anti-Jo-1 from the antibody panel, dysphagia from the assessments,
the age at onset from the age at presentation when no onset age is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fields_scores import CRITERIA_FIELDS
from ..model import NOT_SPECIFIED, AntibodyStatus, AssessmentKind, Case, Presence, Source
from ..model import format_number as fmt

RECORDED, DERIVED, NOT_RECORDED = "recorded", "derived", "not recorded"
EULAR_ENZYMES = ("CK", "LDH", "AST", "ALT")
BP_ENZYMES = ("CK", "aldolase", "AST", "ALT", "LDH")
# what a dysphagia assessment says when there is none
_NO_DYSPHAGIA = {"none", "absent", "no", "not present", "negative", "no dysphagia"}
RECORDED_KEYS = (
    "weak_prox_upper", "weak_prox_lower", "weak_neck_flexors", "weak_legs_prox_distal",
    "weak_finger_flexors", "heliotrope", "gottron_papules", "gottron_sign", "muscle_biopsy",
    "emg_myopathic", "other_cause", "no_treatment_response", "skin_ulceration",
    "refractory_activity", "ild",
)
BIOPSY_FEATURES = ("bx_endomysial", "bx_perimysial", "bx_perifascicular", "bx_rimmed_vacuoles")
SKIN_SIGNS = ("heliotrope", "gottron_papules", "gottron_sign")
ANTIBODIES = ("Jo-1", "TIF1-gamma", "NXP2", "SAE", "HMGCR", "MDA5", "SRP", "Mi-2", "PL-7",
              "PL-12", "OJ", "EJ")


def antibody_key(name: str) -> str:
    return "anti_" + name.lower().replace("-", "").replace("tif1gamma", "tif1g")


# every input's name for people
LABELS = {f.name: f.label for f in CRITERIA_FIELDS} | {
    "enzymes_raised": "Raised CK, LDH, AST or ALT",
    "bp_enzymes": "Raised muscle enzymes (CK, aldolase, AST, ALT, LDH)",
    "dysphagia": "Dysphagia or oesophageal dysmotility",
    "bp_weakness": "Symmetric proximal weakness",
    "rash": "Typical DM rash (heliotrope, Gottron's sign or papules)",
} | {antibody_key(n): f"Anti-{n}" for n in ANTIBODIES}
LABELS["anti_tif1g"] = "Anti-TIF1γ"


@dataclass(frozen=True)
class Fact:
    """One input: its value (a Presence, a number, or None when unknown) and its origin."""

    key: str
    value: object
    origin: str  # RECORDED, DERIVED or NOT_RECORDED
    detail: str = ""  # how it was derived, in words
    source: Source | None = None  # the sentence behind it, for a preloaded fact

    @property
    def known(self) -> bool:
        return self.value is not None and self.value != Presence.NOT_SPECIFIED

    @property
    def present(self) -> bool:
        return self.value == Presence.PRESENT

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "not recorded"
        return str(self.value) if isinstance(self.value, Presence) else fmt(self.value)

    def where(self) -> str:
        """Where the value came from, in one line."""
        text = self.origin + (f": {self.detail}" if self.detail else "")
        if self.source is not None:
            text += f' ({self.source.locator}: "{self.source.quote}")'
        return text


Facts = dict[str, Fact]


def gather(case: Case) -> Facts:
    """Every input any instrument reads, keyed by name."""
    c = case.criteria
    out: Facts = {}
    for key in RECORDED_KEYS:
        out[key] = _recorded(case, key)
    for key in BIOPSY_FEATURES:
        out[key] = _recorded(case, key)
        if out[key].value is None and c.muscle_biopsy == Presence.NOT_DONE:
            out[key] = Fact(key, Presence.NOT_DONE, DERIVED, "no muscle biopsy was done")
    out["onset_age"] = _onset_age(case)
    out["enzymes_raised"] = _enzymes(case, EULAR_ENZYMES, "enzymes_raised")
    out["bp_enzymes"] = _enzymes(case, BP_ENZYMES, "bp_enzymes")
    out["dysphagia"] = _dysphagia(case)
    for name in ANTIBODIES:
        out[antibody_key(name)] = _antibody(case, name)
    out["bp_weakness"] = _any_of(out, "bp_weakness", ("weak_prox_upper", "weak_prox_lower"))
    out["rash"] = _any_of(out, "rash", SKIN_SIGNS)
    return out


def _recorded(case: Case, key: str) -> Fact:
    value = getattr(case.criteria, key)
    if value is None:
        return Fact(key, None, NOT_RECORDED)
    return Fact(key, value, RECORDED, "", case.sources.get(f"criteria.{key}"))


def _onset_age(case: Case) -> Fact:
    if case.criteria.onset_age is not None:
        return Fact("onset_age", case.criteria.onset_age, RECORDED, "",
                    case.sources.get("criteria.onset_age"))
    if case.age is None:
        return Fact("onset_age", None, NOT_RECORDED)
    return Fact(
        "onset_age", case.age, DERIVED,
        f"age at presentation {case.age} (no onset age recorded; the first symptom may "
        "have come earlier)", case.sources.get("age"),
    )


def _enzymes(case: Case, analytes: tuple[str, ...], key: str) -> Fact:
    limited = [r for r in case.labs if r.analyte in analytes and r.value is not None
               and r.ref_high is not None]
    high = [r for r in limited if r.flag == "H"]
    if high:
        r = sorted(high, key=lambda r: (analytes.index(r.analyte), r.day is None, r.day or 0))[0]
        day = "day not given" if r.day is None else f"day {r.day}"
        return Fact(key, Presence.PRESENT, DERIVED,
                    f"{r.analyte} {r.value_text} {r.unit} above its upper limit "
                    f"{fmt(r.ref_high)} ({day})", r.source)
    if limited:
        return Fact(key, Presence.ABSENT, DERIVED,
                    f"every {'/'.join(sorted({r.analyte for r in limited}))} result within "
                    "its upper limit")
    recorded = case.criteria.enzymes_raised
    if recorded is not None:
        return Fact(key, recorded, RECORDED, "no lab result with a limit",
                    case.sources.get("criteria.enzymes_raised"))
    return Fact(key, None, NOT_RECORDED, f"no {', '.join(analytes)} result with its limit")


def _dysphagia(case: Case) -> Fact:
    rows = [a for a in case.assessments if a.kind == AssessmentKind.DYSPHAGIA]
    said = [a for a in rows if a.value.strip().casefold() not in ("", NOT_SPECIFIED)]
    yes = [a for a in said if a.value.strip().casefold() not in _NO_DYSPHAGIA]
    if yes:
        a = yes[0]
        day = "day not given" if a.day is None else f"day {a.day}"
        return Fact("dysphagia", Presence.PRESENT, DERIVED,
                    f"dysphagia assessment '{a.value}' ({day})", a.source)
    if said:
        return Fact("dysphagia", Presence.ABSENT, DERIVED,
                    f"dysphagia assessment '{said[0].value}'", said[0].source)
    return Fact("dysphagia", None, NOT_RECORDED, "no dysphagia assessment")


def _antibody(case: Case, name: str) -> Fact:
    key = antibody_key(name)
    for a in case.antibodies:
        if a.antibody == name:
            value = {AntibodyStatus.POSITIVE: Presence.PRESENT,
                     AntibodyStatus.NEGATIVE: Presence.ABSENT}.get(a.status)
            if value is None:
                return Fact(key, None, NOT_RECORDED, f"anti-{name} {a.status.value}", a.source)
            return Fact(key, value, DERIVED, f"anti-{name} {a.status.value}", a.source)
    return Fact(key, None, NOT_RECORDED, f"anti-{name} not in the antibody panel")


def _any_of(facts: Facts, key: str, parts: tuple[str, ...]) -> Fact:
    """Present if any part is, absent if every part is, else unknown."""
    given = [facts[p] for p in parts]
    yes = [f for f in given if f.present]
    if yes:
        return Fact(key, Presence.PRESENT, DERIVED, f"{LABELS[yes[0].key]}: present",
                    yes[0].source)
    if all(f.value == Presence.ABSENT for f in given):
        return Fact(key, Presence.ABSENT, DERIVED, "each of its parts absent")
    return Fact(key, None, NOT_RECORDED, "no part present, not every part recorded absent")
