"""What a sentence may say about an arrangement's measured effect (issue 18; DESIGN §6a).

Built from one *published* row of `evaluation.evaluation_rows` (after privacy): a suppressed
group or "onvoldoende gegevens" says so and gives no number; an effect is called helpful or
harmful only when its 95% bootstrap interval lies wholly on one side (else "geen duidelijk
verschil"). Every text ends by saying what matching cannot do (LIMITS).
"""

from __future__ import annotations

from typing import Any

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import number

__all__ = ["LIMITS_EN", "LIMITS_NL", "evaluation_finding"]

LIMITS_NL = ("Vergeleken met collega's die op dezelfde dag nog niet deelnamen en gelijk waren in levensfase, "
             "functiefamilie, diensttijd en gemeten kenmerken; verschillen in wat niet gemeten is, kan matching "
             "niet wegnemen.")
LIMITS_EN = ("Compared with colleagues who had not taken part by the same day and matched on life phase, job "
             "family, tenure and measured characteristics; matching cannot remove differences in what was not "
             "measured.")


def evaluation_finding(row: dict[str, Any], *, name_nl: str, name_en: str, k: int) -> Finding:
    """One sentence for one published row (arrangement or bundle × outcome)."""
    outcome = row["outcome"]
    base = {"outcome": outcome, "arrangement": row.get("arrangement"), "bundle": row.get("bundle")}
    if row.get("suppressed"):
        return Finding(section="evaluation", kind="missing_data", numbers=base,
                       text_nl=f"{name_nl}: minder dan {k} deelnemers of vergelijkbare paren; niets getoond.",
                       text_en=f"{name_en}: fewer than {k} participants or matched pairs; nothing shown.")
    if row.get("effect") is None or row.get("verdict") == "onvoldoende gegevens":
        n = row.get("n_matched") or 0
        return Finding(section="evaluation", kind="missing_data", numbers=base, n=n,
                       text_nl=f"{name_nl}: onvoldoende gegevens — {n} vergelijkbare paren is te weinig voor een "
                               f"betrouwbare schatting.",
                       text_en=f"{name_en}: not enough data — {n} matched pairs is too few for a reliable estimate.")
    numbers = {**base, "effect": row["effect"], "ratio": row.get("ratio"), "ci_low": row["ci_low"],
               "ci_high": row["ci_high"], "verdict": row["verdict"]}
    interval = (row["ci_low"], row["ci_high"])
    clear = row["verdict"] in ("werkt", "werkt averechts")
    kind = "fact" if clear else "no_clear_difference"
    n = row["n_matched"]
    nl, en = _sentence(row, name_nl, name_en, clear)
    return Finding(section="evaluation", kind=kind, numbers=numbers, n=n, interval=interval,
                   text_nl=f"{nl} ({n} paren.) {LIMITS_NL}", text_en=f"{en} ({n} pairs.) {LIMITS_EN}")


def _sentence(row: dict[str, Any], name_nl: str, name_en: str, clear: bool) -> tuple[str, str]:
    low_nl, high_nl = number(row["ci_low"], "nl", 2), number(row["ci_high"], "nl", 2)
    low_en, high_en = number(row["ci_low"], "en", 2), number(row["ci_high"], "en", 2)
    effect = row["effect"]
    if row["outcome"] == "influenceable_exit":
        ratio_nl, ratio_en = number(row["ratio"], "nl", 2), number(row["ratio"], "en", 2)
        if not clear:
            return (f"{name_nl}: geen duidelijk verschil in beïnvloedbaar vertrek met vergelijkbare collega's "
                    f"(hazard ratio {ratio_nl}; 95%-interval {low_nl}–{high_nl}).",
                    f"{name_en}: no clear difference in influenceable exit from comparable colleagues "
                    f"(hazard ratio {ratio_en}; 95% interval {low_en}–{high_en}).")
        less = row["ratio"] < 1
        return (f"Wie {name_nl} kreeg, vertrok {'minder' if less else 'vaker'} op een beïnvloedbare manier dan "
                f"vergelijkbare collega's: hazard ratio {ratio_nl} (95%-interval {low_nl}–{high_nl}); na een jaar "
                f"{number(abs(effect), 'nl', 1)} procentpunt {'minder' if effect < 0 else 'meer'} vertrek.",
                f"Those who took {name_en} left in an influenceable way {'less' if less else 'more'} often than "
                f"comparable colleagues: hazard ratio {ratio_en} (95% interval {low_en}–{high_en}); after a year "
                f"{number(abs(effect), 'en', 1)} percentage points {'fewer' if effect < 0 else 'more'} exits.")
    what_nl, what_en, unit_nl, unit_en = (("de WAI-score bij de volgende meting", "the WAI score at the next "
                                           "measurement", "punt", "points") if row["outcome"] == "wai_change" else
                                          ("het verzuim in het jaar erna", "absence in the following year",
                                           "procentpunt", "percentage points"))
    if not clear:
        return (f"{name_nl}: geen duidelijk verschil in {what_nl} met vergelijkbare collega's (verschil "
                f"{number(effect, 'nl', 1)} {unit_nl}; 95%-interval {number(row['ci_low'], 'nl', 1)} tot "
                f"{number(row['ci_high'], 'nl', 1)}).",
                f"{name_en}: no clear difference in {what_en} from comparable colleagues (difference "
                f"{number(effect, 'en', 1)} {unit_en}; 95% interval {number(row['ci_low'], 'en', 1)} to "
                f"{number(row['ci_high'], 'en', 1)}).")
    up = effect > 0
    return (f"Bij wie {name_nl} kreeg, lag {what_nl} {number(abs(effect), 'nl', 1)} {unit_nl} "
            f"{'hoger' if up else 'lager'} dan bij vergelijkbare collega's (95%-interval "
            f"{number(row['ci_low'], 'nl', 1)} tot {number(row['ci_high'], 'nl', 1)}).",
            f"For those who took {name_en}, {what_en} was {number(abs(effect), 'en', 1)} {unit_en} "
            f"{'higher' if up else 'lower'} than for comparable colleagues (95% interval "
            f"{number(row['ci_low'], 'en', 1)} to {number(row['ci_high'], 'en', 1)}).")
