"""`levensfase metrics --by life_phase` through the real command line (values by hand: tests/analytics/test_breakdown_phases.py)."""

from __future__ import annotations

import json

from support.handbuilt import hand_built_workforce


def test_metrics_by_life_phase_json(cli, tmp_path):
    data = tmp_path / "org"
    data.mkdir()
    for name, frame in hand_built_workforce().tables().items():
        if frame.height:
            frame.write_csv(data / f"{name}.csv")
    ran = cli("metrics", "--data", str(data), "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json",
              "--by", "life_phase", "--k", "2")
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    assert (result["by"], result["k"]) == ("life_phase", 2)
    rows = {r["value"]: r for r in result["rows"]}
    # stable_mid_career and spitsuur: A, B, C, F (4 people; spitsuur at any FTE, school-age children
    # from age count); pre_retirement (D alone) is below k = 2.
    assert rows["stable_mid_career"]["population"] == 4 and rows["stable_mid_career"]["headcount_end"] == 4
    assert rows["spitsuur"]["population"] == 4
    assert (rows["spitsuur"]["headcount_start"], rows["spitsuur"]["headcount_end"]) == (3, 4)
    assert rows["pre_retirement"]["suppressed"] and rows["pre_retirement"]["headcount_start"] is None
    assert result["total"]["headcount_start"] == 5
