"""Impact evaluation of arrangements: risk-set matching on a propensity score (issue 18, domain-facts §9a).

Pure core (Polars + numpy, no Django). `evaluate` gives an `Evaluation`; `evaluation_json` its
published rows (through `analytics.privacy`).
"""

from levensfase.evaluation.effects import HARMS, HELPS, INSUFFICIENT, MIN_PAIRS, OUTCOMES, UNCLEAR, VERDICTS
from levensfase.evaluation.evaluate import Evaluation, GroupEvaluation, evaluate, evaluate_group, first_starts
from levensfase.evaluation.publish import ROW_KEYS, evaluation_json, evaluation_rows

__all__ = ["HARMS", "HELPS", "INSUFFICIENT", "MIN_PAIRS", "OUTCOMES", "ROW_KEYS", "UNCLEAR", "VERDICTS", "Evaluation",
           "GroupEvaluation", "evaluate", "evaluate_group", "evaluation_json", "evaluation_rows", "first_starts"]
