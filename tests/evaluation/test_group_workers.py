"""Groups evaluated two at a time (threads, largest first) give what one at a time gives, in the
same group order: every group's result depends on its own inputs only."""

from __future__ import annotations

import json
from datetime import date

from levensfase.evaluation import evaluate, evaluation_json
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 12, 31)


def test_two_workers_give_the_one_worker_result_exactly():
    workforce = Workforce.from_tables(generate(employees=500, years=4, seed=3, as_of=AS_OF))
    one = evaluate(workforce, as_of=AS_OF, replicates=20, workers=1)
    two = evaluate(workforce, as_of=AS_OF, replicates=20, workers=2)
    assert [(g.code, g.bundle) for g in two.groups] == [(g.code, g.bundle) for g in one.groups]
    assert len(one.groups) > 10 and sum(g.n_matched for g in one.groups) > 0
    assert json.dumps(evaluation_json(two), sort_keys=True) == json.dumps(evaluation_json(one), sort_keys=True)
    for a, b in zip(one.groups, two.groups, strict=True):
        assert (a.n_treated, a.n_matched, a.caliper, a.outcomes) == (b.n_treated, b.n_matched, b.caliper, b.outcomes)
        assert a.balance.equals(b.balance)
