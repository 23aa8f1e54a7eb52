"""`levensfase evaluate` and `generate --plant-effect` through the real command line."""

from __future__ import annotations

import json

from support.handbuilt_evaluation import evaluation_workforce


def _write(folder) -> None:
    folder.mkdir()
    for name, frame in evaluation_workforce().tables().items():
        if frame.height:
            frame.write_csv(folder / f"{name}.csv")


def test_json_rows_in_the_agreed_format(cli, tmp_path):
    data, out = tmp_path / "org", tmp_path / "evaluation.json"
    _write(data)
    ran = cli("evaluate", "--as-of", "2024-12-31", "--data", str(data), "--arrangement", "coaching",
              "--out", str(out), "--k", "2")
    assert ran.code == 0, ran.err
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["as_of"] == "2024-12-31" and result["k"] == 2
    assert result["outcomes"] == ["influenceable_exit", "wai_change", "absence_pct"]
    assert [r["outcome"] for r in result["rows"]] == result["outcomes"]
    first = result["rows"][0]
    assert list(first) == ["arrangement", "bundle", "outcome", "verdict", "effect", "ratio", "ci_low", "ci_high",
                           "n_treated", "n_matched", "max_smd", "naive_effect", "suppressed"]
    # five people took coaching up (hand count); too few pairs for a number
    assert (first["arrangement"], first["bundle"], first["n_treated"], first["verdict"], first["effect"]) == (
        "coaching", "development", 5, "onvoldoende gegevens", None)
    assert 2 <= first["n_matched"] <= 5 and first["suppressed"] is False
    default_k = cli("evaluate", "--as-of", "2024-12-31", "--data", str(data), "--arrangement", "coaching",
                    "--out", str(out))
    assert default_k.code == 0, default_k.err
    row = json.loads(out.read_text(encoding="utf-8"))["rows"][0]
    assert row["suppressed"] is True and row["n_treated"] is None  # fewer than 5 matched pairs: withheld


def test_html_page_in_dutch(cli, tmp_path):
    data, out = tmp_path / "org", tmp_path / "evaluation.html"
    _write(data)
    ran = cli("evaluate", "--as-of", "2024-12-31", "--data", str(data), "--format", "html", "--out", str(out))
    assert ran.code == 0, ran.err
    page = out.read_text(encoding="utf-8")
    assert "<h1>Werkt het?</h1>" in page and "31 december 2024" in page
    assert "onvoldoende gegevens" in page and "<script" not in page


def test_bad_input_is_refused_in_dutch_and_writes_nothing(cli, tmp_path):
    data, out = tmp_path / "org", tmp_path / "evaluation.json"
    _write(data)
    unknown = cli("evaluate", "--as-of", "2024-12-31", "--data", str(data), "--arrangement", "bestaat_niet",
                  "--out", str(out))
    assert unknown.code != 0 and "onbekende regeling" in unknown.err and "Traceback" not in unknown.err
    bad_day = cli("evaluate", "--as-of", "2024-02-30", "--data", str(data), "--out", str(out))
    assert bad_day.code != 0 and "Traceback" not in bad_day.err
    no_data = cli("evaluate", "--as-of", "2024-12-31", "--mapping", str(data), "--out", str(out))
    assert no_data.code != 0 and "--mapping hoort bij --data" in no_data.err
    assert not out.exists()


def test_generate_plants_an_effect_and_refuses_a_bad_one(cli, tmp_path):
    plain, planted = tmp_path / "plain", tmp_path / "planted"
    args = ("generate", "--employees", "300", "--years", "4", "--seed", "5", "--as-of", "2025-06-30")
    assert cli(*args, "--out", str(plain)).code == 0
    ran = cli(*args, "--out", str(planted), "--plant-effect", "mentoring:influenceable_exit:0,5")
    assert ran.code == 0, ran.err
    plain_mentoring = [line for line in (plain / "arrangements.csv").read_text().splitlines() if ",mentoring," in line]
    planted_mentoring = [line for line in (planted / "arrangements.csv").read_text().splitlines()
                         if ",mentoring," in line]
    assert planted_mentoring and planted_mentoring != plain_mentoring  # uptake redrawn
    assert (plain / "surveys.csv").read_bytes() == (planted / "surveys.csv").read_bytes()  # the rest unchanged
    bad = cli(*args, "--out", str(tmp_path / "bad"), "--plant-effect", "mentoring:wai:0.5")
    assert bad.code != 0 and "--plant-effect" in bad.err and not (tmp_path / "bad").exists()
