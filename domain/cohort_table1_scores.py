"""Table 1's rows for the clinical instruments: the Bohan & Peter grade reached, the
EULAR/ACR 2017 classification and score, the IMACS 2023 risk category.

Each case's instruments are computed from its facts (domain/scores/summary.py), never
read from a stored value. A result the recorded inputs cannot settle ("not computable":
the lowest outcome reached while the inputs not recorded could reach a higher one) is
counted on its own row, never as a "none", like every "not specified" of Table 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .model import Case
from .scores.summary import EA_CATEGORIES, NOT_COMPUTABLE, ScoreSummary, summarize

BP_ORDER = [f"{g} {k}" for k in ("DM", "PM") for g in ("definite", "probable", "possible")]
IMACS_ORDER = ["high", "moderate", "standard"]
BP_ROW = "Bohan & Peter 1975, grade reached"
EA_ROW = "EULAR/ACR 2017 classification"
EA_SCORE_ROW = "EULAR/ACR 2017 score"
IMACS_ROW = "IMACS 2023 cancer risk"
SCORE_NOTES = (
    "Instruments: computed from each case's recorded facts (the Scores tab), never stored. "
    "'not computable': the inputs recorded reach no grade / not IIM / standard risk but the "
    "inputs not recorded could reach more; counted apart, not as a no.",
    "EULAR/ACR score: median over the cases whose classification is computable (a score "
    "with items not recorded is a lower bound).",
    "A grade or category reached counts as reached; the inputs not recorded could only "
    "raise it (the 'higher reachable' rows count such cases).",
    "Unconfirmed: the IMACS 2023 risk-factor list (row by row) and the EULAR/ACR subgroup "
    "tree; no EULAR/ACR probability is given (its constant is not confirmed).",
)


def score_rows(
    columns: list[list[Case]],
    categorical: Callable[..., None],
    median_cell: Callable[[Sequence[float | None], int], str],
    count_cell: Callable[[int, int], str],
    scores: Callable[[Case], ScoreSummary] = summarize,
) -> list[list[str]]:
    """The instruments' rows, one cell per column; the helpers are Table 1's own. scores
    gives a case's results (a view that keeps them between refreshes passes its cache)."""
    got: dict[int, ScoreSummary] = {id(c): scores(c) for col in columns for c in col}
    rows: list[list[str]] = []

    def s(c: Case) -> ScoreSummary:
        return got[id(c)]

    def higher(name: str, what: str, rises: Callable[[ScoreSummary], bool | None]) -> None:
        """n/N: N the cases with a computable result, n those the missing inputs could
        raise."""
        cells = []
        for col in columns:
            known = [r for r in (rises(s(c)) for c in col) if r is not None]
            cells.append(count_cell(sum(known), len(known)))
        rows.append([name, f"a higher {what} reachable with the inputs not recorded", *cells])

    unknown = (NOT_COMPUTABLE,)
    categorical(rows, BP_ROW, columns, lambda c: s(c).bp, BP_ORDER, unknown)
    grades = ("definite", "probable", "possible")
    higher(BP_ROW, "grade", lambda x: None if x.bp_grade not in grades else
           grades.index(x.bp_reachable) < grades.index(x.bp_grade))
    categorical(rows, EA_ROW, columns, lambda c: s(c).ea_category, list(EA_CATEGORIES), unknown)
    rows.append([EA_SCORE_ROW, "median (IQR; range); n",
                 *(median_cell([s(c).ea_score for c in col], len(col)) for col in columns)])
    categorical(rows, IMACS_ROW, columns, lambda c: s(c).imacs, IMACS_ORDER, unknown)
    higher(IMACS_ROW, "category", lambda x: None if x.imacs == NOT_COMPUTABLE else
           IMACS_ORDER.index(x.imacs_reachable) < IMACS_ORDER.index(x.imacs))
    return rows
