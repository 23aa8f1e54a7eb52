"""Survey results per measurement round (issue 16): what a closed round publishes, for everyone at once.

A round is published once, on the respondents of that round, and then frozen by the caller: a
later joiner, leaver, import or late answer cannot change it, so comparing a team's result
before and after someone moves gives nothing away. Every group a user can be shown for the round
— the organisation (by="all"), each category (life phase, age band, …, on the response date) and
each unit with every unit below it (by="team", what a manager sees) — is audited as one set by
`privacy.respondents`, so no published group differs from another by 1..k-1 respondents and
no band distribution tells anyone's band. Each respondent counts once (their latest response
in the round).
"""

from __future__ import annotations

import polars as pl

from levensfase.analytics.composition import _ancestors
from levensfase.analytics.exact import exact_mean
from levensfase.analytics.privacy.round_audit import round_withheld
from levensfase.analytics.survey_scores import GROUPINGS, NOT_EMPLOYED, held_on, with_group
from levensfase.model.instruments import load_reference
from levensfase.model.workforce import Workforce

__all__ = ["ALL", "TEAM", "band_order", "publish_round", "publish_rounds", "round_groups"]

ALL = "all"  # the whole round
TEAM = "team"  # a unit and every unit below it, on the response date
_DIGITS = {"wai": 1, "uwes9": 2, "uwes17": 2}


def band_order(instrument: str) -> tuple[str, ...]:
    """The instrument's bands from low to high (model/data/instruments.toml)."""
    reference = load_reference()
    if instrument == "wai":
        return tuple(band for band, *_ in reference.wai.bands)
    return reference.uwes[instrument].band_names


def _latest(scores: pl.DataFrame, rounds: tuple[str, ...] = ()) -> pl.DataFrame:
    """Each person's latest answer (per round when `rounds` names the round's columns)."""
    return scores.sort("person_id", "date", "score").group_by(*rounds, "person_id", maintain_order=True).last()


def round_groups(scores: pl.DataFrame, workforce: Workforce, *, rounds: tuple[str, ...] = ()) -> pl.DataFrame:
    """by, group, person_id: who is in each group the round can publish (empty groups absent).
    `rounds`: the columns that tell rounds apart (e.g. closes_on, round) when `scores` holds several;
    they lead the result and every round is grouped as if alone, in one pass for all of them."""
    return _round_groups(scores, workforce, tuple(rounds)).sort(*rounds, "by", "group", "person_id")


def _round_groups(scores: pl.DataFrame, workforce: Workforce, rounds: tuple[str, ...],
                  shared: dict | None = None) -> pl.DataFrame:
    """`round_groups` in no particular order (sorting a sector's memberships costs more than finding them).
    `shared`: a dict the caller keeps while it publishes several instruments; when this call's
    respondents (round, person, answer day) equal the last call's, as the WAI and UWES of one survey
    usually are, its groups are taken from there instead of being found again."""
    mine = _latest(scores, rounds).select(*rounds, "person_id", "date")
    if shared is not None and "groups" in shared and shared["respondents"].equals(mine):
        return shared["groups"]
    respondents = mine
    mine = mine.with_columns(_last=pl.col("date").max().over(rounds) if rounds else pl.col("date").max())
    parts = [mine.select(*rounds, by=pl.lit(ALL), group=pl.lit(ALL), person_id="person_id")]
    held, jobs = None, held_on(mine, workforce)  # the job held on the answer's day: unit and job family
    for by in GROUPINGS:
        grouped = with_group(mine, workforce, by=by, last="_last", held=jobs if by in ("unit", "job_family") else None)
        parts.append(grouped.select(*rounds, by=pl.lit(by), group="group", person_id="person_id"))
        if by == "unit":
            held = grouped.filter(pl.col("group") != NOT_EMPLOYED)
    # each respondent in their unit and every unit above it: one join with the (unit, ancestor)
    # pairs, not a walk per person (a cycle in bad data ends the walk; a unit outside the table
    # is its own only team)
    ancestry = _ancestors(workforce.units.select("unit_id", "parent_id"))
    lone = held.select(pl.col("group").alias("unit_id")).unique().join(ancestry, on="unit_id", how="anti")
    ancestry = pl.concat([ancestry, lone.with_columns(ancestor_id=pl.col("unit_id"))])
    teams = held.join(ancestry, left_on="group", right_on="unit_id").select(*rounds, "person_id", group="ancestor_id")
    parts.append(teams.unique().select(*rounds, by=pl.lit(TEAM), group="group", person_id="person_id"))
    groups = pl.concat(parts)  # the other parts hold each respondent of a round once already
    if shared is not None:
        shared.update(respondents=respondents, groups=groups)
    return groups


def publish_round(scores: pl.DataFrame, workforce: Workforce, *, instrument: str, k: int) -> pl.DataFrame:
    """by, group, respondents, mean, bands (band → count, in band order), reason (why the values are
    withheld, or null), bands_reason (why the distribution is withheld, or null) for every group of
    the round's responses `scores` (survey_scores rows of one instrument). Withheld values are null."""
    return publish_rounds(scores, workforce, instrument=instrument, k=k)


_SCHEMA = {"by": pl.String, "group": pl.String, "respondents": pl.Int64, "mean": pl.Float64,
           "bands": pl.List(pl.Struct({"band": pl.String, "count": pl.Int64})),
           "reason": pl.String, "bands_reason": pl.String}


def publish_rounds(scores: pl.DataFrame, workforce: Workforce, *, instrument: str, k: int,
                   rounds: tuple[str, ...] = (), shared: dict | None = None) -> pl.DataFrame:
    """`publish_round` of each round in `scores` (told apart by the columns `rounds`, which lead the
    result; rounds in order of those columns): the groups of all rounds found in one pass, each round
    audited on its own. `shared`: see `_round_groups` (one dict for the instruments of one survey)."""
    rounds = tuple(rounds)
    mine = _latest(scores.filter(instrument=instrument), rounds).select(*rounds, "person_id", "score", "band")
    if mine.height == 0:
        return pl.DataFrame(schema={**{c: scores.schema[c] for c in rounds}, **_SCHEMA})
    # respondents as whole numbers in person_id order for the audit's sets (cheaper to hash and to
    # hand to Polars than text; the audit never reads who they are, only who is with whom)
    mine = mine.with_columns(pl.col("person_id").rank("dense").cast(pl.Int64).alias("_person"))
    members = _round_groups(scores.filter(instrument=instrument), workforce, rounds, shared).join(
        mine, on=[*rounds, "person_id"])
    parts = members.partition_by(*rounds, as_dict=True, include_key=False) if rounds else {(): members}
    answers = mine.partition_by(*rounds, as_dict=True, include_key=False) if rounds else {(): mine}
    tables = []
    for key, part in sorted(parts.items()):
        table = _published(part, answers[key], instrument=instrument, k=k)
        tables.append(table.select(*(pl.lit(v, scores.schema[c]).alias(c) for c, v in zip(rounds, key)), pl.all()))
    return pl.concat(tables)


def _published(members: pl.DataFrame, mine: pl.DataFrame, *, instrument: str, k: int) -> pl.DataFrame:
    """One round: `members` (by, group, person_id, _person, score, band) and its answers `mine`
    (person_id, _person, band); `_person` numbers the respondents."""
    withheld, no_bands = round_withheld(members.select("by", "group", "_person"), mine.select("_person", "band"), k=k)
    order = band_order(instrument)
    table = members.group_by("by", "group").agg(
        respondents=pl.len().cast(pl.Int64), mean=exact_mean(pl.col("score")),
        **{f"_{i}": (pl.col("band") == band).sum().cast(pl.Int64) for i, band in enumerate(order)})
    reason = [withheld.get(key) for key in zip(table["by"], table["group"])]
    bands_reason = [no_bands.get(key) for key in zip(table["by"], table["group"])]
    table = table.with_columns(
        reason=pl.Series(reason, dtype=pl.String), bands_reason=pl.Series(bands_reason, dtype=pl.String),
        bands=pl.concat_list(pl.struct(band=pl.lit(band), count=pl.col(f"_{i}")) for i, band in enumerate(order)))
    shown = pl.col("reason").is_null()
    return table.select(
        "by", "group",
        respondents=pl.when(shown).then(pl.col("respondents")),
        mean=pl.when(shown).then(pl.col("mean").round(_DIGITS[instrument])),
        bands=pl.when(pl.col("bands_reason").is_null()).then(pl.col("bands")),
        reason="reason", bands_reason="bands_reason",
    ).sort("by", "group")
