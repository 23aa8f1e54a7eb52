"""Issue 16: the `analyse` document's ambitions section (what people said in career
conversations, per group of every category). Until 7 Dec 2026 it was suppressed table by table:
it printed the population of groups whose headcount the document's day set hides (6, 5 and 4 on
the three attack organisations), and one block's number of answers (late career, 90 people)
followed from the other groups' blocks. Now a row is withheld where the day set hides its
headcount, and each block is audited across every category as one round of respondents."""

from __future__ import annotations

from attacks.orgs import AS_OF, assert_no_hidden_headcount_printed
from levensfase.analytics.ambitions import BLOCKS, ambitions_section
from levensfase.analytics.policy_scan import BY, members
from support.attacker import Attacker

K = 5


def test_the_section_prints_no_headcount_the_composition_hides(org):
    assert_no_hidden_headcount_printed(org, ambitions_section(org, as_of=AS_OF, k=K)["rows"])


def test_each_blocks_answers_read_across_the_categories_reveal_no_hidden_block(org):
    """Each person who answered one unknown (their answer's share of a block's sums); each
    published block is one equation over its group's answers; no withheld block's number of
    answers (nor any sum over the same people) follows."""
    shown = ambitions_section(org, as_of=AS_OF, k=K)["rows"]
    truth = {(r["by"], r["value"]): r for r in ambitions_section(org, as_of=AS_OF, k=1)["rows"]}
    groups = {(by, value): list(people) for by in BY
              for value, people in members(org, as_of=AS_OF, by=by, rules=None).group_by("value").agg(
                  "person_id").iter_rows()}
    found_any, hidden_any = {}, 0
    for name in BLOCKS:
        attacker, hidden = Attacker(), []
        for row in shown:
            key = (row["by"], row["value"])
            real = truth[key][name]
            if row[name] is None:
                if real and real["n"]:
                    hidden.append((key, groups[key], real["n"]))
                continue
            assert row[name]["n"] == (real["n"] if real else 0)
            attacker.publish_weighted(dict.fromkeys(groups[key], 1), row[name]["n"])
        found_any[name] = attacker.recover(hidden)
        hidden_any += len(hidden)
    assert hidden_any, "the organisations are small enough that some block is withheld"
    assert found_any == dict.fromkeys(BLOCKS, [])
