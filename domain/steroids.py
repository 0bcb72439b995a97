"""Glucocorticoid dose conversion to prednisolone-equivalent mg/day."""

from __future__ import annotations

from .catalogue import drugs
from .model import SteroidStep


class ConversionError(ValueError):
    pass


def pred_equivalent(drug: str, dose_mg_per_day: float) -> float:
    """Prednisolone-equivalent mg/day of a daily oral/IV dose of drug."""
    d = drugs().get(drug)
    if d is None or not d.is_glucocorticoid:
        raise ConversionError(f"{drug!r} is not a glucocorticoid in the catalogue")
    if d.pred_eq_factor is None:
        raise ConversionError(f"{d.name}: no prednisolone equivalence (drug not specified)")
    return round(dose_mg_per_day * d.pred_eq_factor, 2)


def step_pred_equivalent(step: SteroidStep) -> float | None:
    """The step's prednisolone-equivalent mg/day, or None when it cannot be converted (or
    the source does not state the dose)."""
    if step.dose is None:
        return None
    try:
        return pred_equivalent(step.drug, step.dose)
    except ConversionError:
        return None
