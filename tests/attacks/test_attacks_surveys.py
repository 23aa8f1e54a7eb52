"""Issue 16's differencing attacks on the survey results, per measurement round.

The attacker knows exactly who is in every group (the worst case: a manager knows the team, the
works council the categories) and collects every published group of every round as an equation
over the respondents' scores (fine cell = one response: round × person). A value is recovered
when the equations determine it: one respondent's score, or a withheld group's total. The truth
is the unsuppressed k = 1 result (checked cell by cell); the contract is 0 recovered at k = 5.
Controls show the attacker does find what the old ways of publishing leaked.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from attacks.orgs import ORGS, organisation, recovered
from levensfase.analytics.privacy import suppress
from levensfase.analytics.survey_rounds import ALL, TEAM, publish_round, round_groups
from levensfase.analytics.survey_scores import survey_scores
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

K = 5
ROUNDS = (2023, 2025)  # the generator's survey years inside the four-year history: two closed rounds


def _answers(workforce: Workforce, year: int) -> pl.DataFrame:
    return survey_scores(workforce).filter((pl.col("year") == year) & (pl.col("instrument") == "wai"))


class Equations:
    """Published and hidden equations over responses (round, person); scores doubled (WAI has halves)."""

    def __init__(self) -> None:
        self.published: list = []
        self.hidden: list = []
        self.truth: dict = {}

    def respondents(self, tag: object, answers: pl.DataFrame) -> None:
        for person, score in answers.select("person_id", "score").iter_rows():
            self.truth[(tag, person)] = int(score * 2)
            self.hidden.append((("person", tag, person), [(tag, person)], int(score * 2)))

    def group(self, key: object, members: list, shown: int | None, mean: float | None) -> None:
        truth = sum(self.truth[m] for m in members)
        if shown is None:
            self.hidden.append((key, members, truth))
            return
        assert shown == len(members) and abs(mean - truth / 2 / len(members)) <= 0.05 + 1e-9, f"model of {key} is wrong"
        self.published.append((members, truth))


def _publish_round(eq: Equations, tag: object, workforce: Workforce, answers: pl.DataFrame, *,
                   bys: tuple[str, ...] | None = None, k: int = K) -> pl.DataFrame:
    """Everything `publish_round` publishes for the round (the groups in `bys`, or all)."""
    eq.respondents(tag, answers)
    table = publish_round(answers, workforce, instrument="wai", k=k)
    members = {(by, g): [(tag, p) for p in people] for by, g, people in
               round_groups(answers, workforce).group_by("by", "group").agg("person_id").iter_rows()}
    for r in table.iter_rows(named=True):
        if bys is None or r["by"] in bys:
            eq.group((tag, r["by"], r["group"]), members[(r["by"], r["group"])], r["respondents"], r["mean"])
    return table


@pytest.mark.parametrize("bys", [(ALL, TEAM), (ALL, TEAM, "unit"), None], ids=["teams", "teams-units", "everything"])
def test_nested_scopes_and_team_versus_organisation_reveal_nothing(org, bys):
    """One round: every unit with the units below it (what all managers see together), the
    organisation, and (everything) each category the works council can choose."""
    eq = Equations()
    _publish_round(eq, 2025, org, _answers(org, 2025), bys=bys)
    assert eq.published, "nothing published: the attack proves nothing"
    assert recovered(eq.published, eq.hidden) == []


def test_the_attacker_finds_what_suppression_per_table_leaves():
    """Control: the same groups, each table suppressed on its own (primary and complementary per
    grouping, the old way), give respondents' scores away on the generated organisation."""
    org = organisation(employees=60, seed=1)
    answers = _answers(org, 2025)
    eq = Equations()
    eq.respondents(2025, answers)
    groups = round_groups(answers, org).join(answers.select("person_id", "score"), on="person_id")
    for (by,), rows in groups.group_by("by", maintain_order=True):
        table = rows.group_by("group").agg(pl.len().cast(pl.Int64).alias("population"), pl.col("person_id"),
                                           mean=pl.col("score").mean().round(1)).sort("group")
        out = suppress(table, k=K, values=["mean"], has_total=True).table
        for r in out.iter_rows(named=True):
            members = [(2025, p) for p in r["person_id"]]
            eq.group((by, r["group"]), members, r["population"], r["mean"])
    assert len(recovered(eq.published, eq.hidden)) > 0


def _moved(employees: int, seed: int, person: str, unit: str) -> Workforce:
    """The organisation after `person` leaves their unit on 1 January 2026 and joins `unit`."""
    tables = generate(employees=employees, years=4, seed=seed, as_of=date(2026, 1, 1))
    held = tables["assignments"]
    current = (pl.col("person_id") == person) & pl.col("end_date").is_null()
    moved = held.filter(current).with_columns(start_date=pl.lit(date(2026, 1, 2)), unit_id=pl.lit(unit))
    tables["assignments"] = pl.concat([
        held.with_columns(end_date=pl.when(current).then(pl.lit(date(2026, 1, 1))).otherwise(pl.col("end_date"))),
        moved])
    return Workforce.from_tables(tables)


@pytest.mark.parametrize("params", ORGS, ids=lambda p: f"{p[0]}p-seed{p[1]}")
def test_joiner_and_leaver_across_rounds_reveal_nothing(params):
    """The attacker reads both rounds before and after a respondent of the last round moves to
    another unit; a round's groups are fixed on the response date, so both reads are the same."""
    employees, seed = params
    before = organisation(employees=employees, seed=seed)
    answers = _answers(before, 2025)
    teams = round_groups(answers, before).filter(pl.col("by") == TEAM)
    sizes = teams.group_by("group").len().filter(pl.col("len") >= K).sort("len", "group")
    team = sizes["group"][0]
    person = teams.filter(pl.col("group") == team)["person_id"].sort()[0]
    elsewhere = before.units.filter(pl.col("unit_id") != team)["unit_id"].sort()[0]
    after = _moved(employees, seed, person, elsewhere)
    eq = Equations()
    for year in ROUNDS:
        first = _publish_round(eq, year, before, _answers(before, year))
        second = publish_round(_answers(after, year), after, instrument="wai", k=K)
        assert second.equals(first)  # a later move changes no published group of a closed round
    assert recovered(eq.published, eq.hidden) == []


def test_the_attacker_finds_a_leaver_on_a_team_recomputed_today():
    """Control: the old dashboard recomputed a year's team result on who is in the team today;
    the same answers before and after one leaver give that leaver's score."""
    org = organisation(employees=60, seed=1)
    answers = _answers(org, 2025)
    eq = Equations()
    eq.respondents(2025, answers)
    members = sorted(answers["person_id"].to_list())
    scores = dict(answers.select("person_id", "score").iter_rows())
    for team in (members, members[1:]):  # before and after members[0] leaves
        eq.group(("team today", len(team)), [(2025, p) for p in team], len(team),
                 round(sum(scores[p] for p in team) / len(team), 1))
    assert [r.key for r in recovered(eq.published, eq.hidden)] == [("person", 2025, members[0])]


def test_one_band_groups_show_no_distribution(org):
    """Attribute disclosure: no published distribution is concentrated in one band, and no
    nested pair of published distributions differs in one band only."""
    answers = _answers(org, 2025)
    table = publish_round(answers, org, instrument="wai", k=K)
    shown = {(r["by"], r["group"]): {b["band"]: b["count"] for b in r["bands"]}
             for r in table.iter_rows(named=True) if r["bands"] is not None}
    people = {(by, g): set(p) for by, g, p in round_groups(answers, org).group_by("by", "group").agg("person_id")
              .iter_rows()}
    assert shown
    for key, counts in shown.items():
        assert sum(1 for c in counts.values() if c) > 1, key
        for other, inner in shown.items():
            if people[other] < people[key]:
                diff = [counts[b] - inner[b] for b in counts]
                assert sum(1 for d in diff if d) != 1, (key, other)


@pytest.mark.django_db
def test_csv_downloads_of_every_viewer_reveal_nothing(client, settings):
    """The dashboard's CSV as the works council downloads it for every grouping and as a manager of
    each unit downloads it, from the web app holding the generated organisation: every closed
    round's published rows as one set of equations."""
    import csv
    import io

    from levensfase.web.accounts.models import Role
    from levensfase.web.hr.services import import_tables
    from support.org_fixture import make_user

    settings.LEVENSFASE_K = K
    tables = generate(employees=60, seed=1, years=4, as_of=date(2026, 1, 1))
    import_tables(tables=tables, source="attack")
    org = Workforce.from_tables(tables)
    eq = Equations()
    members = {}
    for year in ROUNDS:
        answers = _answers(org, year)
        eq.respondents(str(year), answers)
        for by, g, people in round_groups(answers, org).group_by("by", "group").agg("person_id").iter_rows():
            members[(str(year), by, g)] = [(str(year), p) for p in people]

    def read(user, query: str, by: str) -> None:
        client.force_login(user)
        rows = list(csv.DictReader(io.StringIO(client.get(f"/surveys/dashboard/?format=csv{query}").content.decode())))
        assert rows, query
        for r in rows:
            kind = ALL if r["group"] == ALL and by != TEAM else by
            respondents = int(r["respondents"]) if r["respondents"] else None
            eq.group((r["round"], kind, r["group"]), members[(r["round"], kind, r["group"])], respondents,
                     float(r["mean"]) if r["mean"] else None)

    council = make_user("or", Role.WORKS_COUNCIL)
    for by in ("life_phase", "age_band", "generation", "sex", "unit", "job_family"):
        read(council, f"&by={by}", by)
    for unit in org.units["unit_id"].to_list():
        read(make_user(f"manager-{unit}", Role.MANAGER, unit_ids=[unit]), "", TEAM)
    assert len(eq.published) > 20
    assert recovered(eq.published, eq.hidden) == []
