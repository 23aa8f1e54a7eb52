"""Issue 16: the `analyse` document's competencies section publishes per group the people employed
on as-of — the composition's headcount of that group under another name. Suppressed on its own
until 7 Dec 2026, it printed 6, 5 and 4 headcounts the document's day set hides on the three
attack organisations. A group whose headcount the day set hides is now withheld here too; the
section's other counts (people assessed, with untapped skills, training spend) are sums over the
same groups and give nothing away read across every category."""

from __future__ import annotations

from attacks.orgs import AS_OF, assert_no_hidden_headcount_printed
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.competencies import competencies_section
from levensfase.analytics.policy_scan import members
from support.attacker import Attacker

K = 5


def test_the_section_prints_no_headcount_the_composition_hides(org):
    assert_no_hidden_headcount_printed(org, competencies_section(org, as_of=AS_OF, k=K)["rows"])


def test_the_sections_counts_read_across_the_categories_reveal_no_hidden_number(org):
    """Each person one unknown (their share of a count), each published count one equation over
    its group (the categories and life phases, whose people `policy_scan.members` lists)."""
    shown = competencies_section(org, as_of=AS_OF, k=K)["rows"]
    truth = {(r["by"], r["value"]): r for r in competencies_section(org, as_of=AS_OF, k=1)["rows"]}
    bys = (*CATEGORIES, "life_phase")
    groups = {(by, value): list(people) for by in bys
              for value, people in members(org, as_of=AS_OF, by=by, rules=None).group_by("value").agg(
                  "person_id").iter_rows()}
    found, hidden_any = {}, 0
    for column in ("assessed", "persons_untapped", "training_spend_eur"):
        attacker, hidden = Attacker(), []
        for row in shown:
            key = (row["by"], row["value"])
            if key not in groups:  # an axis, or a value `members` names otherwise
                continue
            if row["population"] is not None:
                assert row["population"] == len(groups[key]), key  # the attacker's model is exact
            if row[column] is None:
                if truth[key][column]:
                    hidden.append((key, groups[key], truth[key][column]))
                continue
            attacker.publish_weighted(dict.fromkeys(groups[key], 1), row[column])
        found[column] = attacker.recover(hidden)
        hidden_any += len(hidden)
    assert hidden_any
    assert all(f == [] for f in found.values()), found
