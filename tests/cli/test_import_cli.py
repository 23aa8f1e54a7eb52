"""`levensfase import`: all or nothing, idempotent, dry run, every problem reported."""

from __future__ import annotations

import json
import shutil

PERIOD = ("--from", "2024-01-01", "--to", "2024-12-31", "--format", "json")


def _metrics(cli, *extra: str) -> dict:
    ran = cli("metrics", *PERIOD, *extra)
    assert ran.code == 0, ran.err
    return json.loads(ran.out)


def test_import_dry_run_reimport_and_refusal(cli, tmp_path):
    data = tmp_path / "org"
    assert cli("generate", "--employees", "120", "--years", "3", "--seed", "3", "--as-of", "2024-12-31",
               "--out", str(data)).code == 0
    from_files = _metrics(cli, "--data", str(data))

    dry = cli("import", str(data), "--dry-run")
    assert dry.code == 0, dry.err
    assert "Proefimport" in dry.out
    assert _metrics(cli)["headcount_end"] == 0  # the dry run wrote nothing

    first = cli("import", str(data))
    assert first.code == 0, first.err
    assert _metrics(cli) == from_files  # the database answers exactly what the files say

    again = cli("import", str(data))
    assert again.code == 0 and "Geen wijzigingen" in again.out

    broken = tmp_path / "broken"
    shutil.copytree(data, broken)
    lines = (broken / "assignments.csv").read_text().splitlines()
    header = lines[0].split(",")
    row2 = lines[1].split(",")
    row2[header.index("fte")] = "3.0"
    row3 = lines[2].split(",")
    row3[header.index("start_date")] = "31-12-2020"
    lines[1], lines[2] = ",".join(row2), ",".join(row3)
    (broken / "assignments.csv").write_text("\n".join(lines) + "\n")
    (broken / "people.csv").write_text((broken / "people.csv").read_text().replace("-", "/", 1))

    refused = cli("import", str(broken))
    assert refused.code == 1
    flat = " ".join(refused.err.split())
    assert "3 problemen gevonden; er is niets ingelezen" in flat
    assert "3.0" in flat and "31-12-2020" in flat  # every problem, with its value
    assert _metrics(cli) == from_files  # nothing changed


def test_import_of_a_missing_path_is_refused_cleanly(cli, tmp_path):
    ran = cli("import", str(tmp_path / "nothing-here"))
    assert ran.code == 2 and "bestaat niet" in ran.err


def test_one_problem_is_counted_in_the_singular_and_its_note_shown(cli, tmp_path):
    data = tmp_path / "one"
    data.mkdir()
    (data / "units.csv").write_text("unit_id,name,parent_id\nU1," + "x" * 201 + ",\n")
    (data / "extra.csv").write_text("a,b\n1,2\n")
    ran = cli("import", str(data))
    flat = " ".join(ran.err.split())
    assert ran.code == 1
    assert "1 probleem gevonden; er is niets ingelezen" in flat
    assert "Tekst langer dan 200 tekens" in flat
    assert "Bestand extra.csv is geen uitwisselbestand en wordt genegeerd." in flat


def _generated(cli, tmp_path):
    data = tmp_path / "org"
    assert cli("generate", "--employees", "60", "--years", "2", "--seed", "5", "--as-of", "2024-12-31",
               "--out", str(data)).code == 0
    return data


def _by_person(data) -> tuple[str, dict[str, list[str]]]:
    """The header of assignments.csv and its rows per person, in file order."""
    lines = (data / "assignments.csv").read_text().splitlines()
    column = lines[0].split(",").index("person_id")
    rows: dict[str, list[str]] = {}
    for line in lines[1:]:
        rows.setdefault(line.split(",")[column], []).append(line)
    return lines[0], rows


def _write(folder, header: str, rows: list[str]) -> None:
    folder.mkdir()
    (folder / "assignments.csv").write_text("\n".join([header, *rows]) + "\n")


def test_a_partial_update_removes_nothing_and_undo_restores_it(cli, tmp_path):
    data = _generated(cli, tmp_path)
    assert cli("import", str(data)).code == 0
    before = _metrics(cli)
    header, rows = _by_person(data)
    part = [line for person in list(rows)[:3] for line in rows[person]]  # three people's whole history
    fte = header.split(",").index("fte")
    cells = part[-1].split(",")
    cells[fte] = "0.55" if cells[fte] != "0.55" else "0.45"
    _write(tmp_path / "part", header, [*part[:-1], ",".join(cells)])

    ran = cli("import", str(tmp_path / "part"))
    assert ran.code == 0, ran.err
    assert "--undo" in ran.out
    after = _metrics(cli)
    assert after["headcount_end"] == before["headcount_end"]  # nobody and nothing removed
    assert after != before  # the changed FTE counts

    undone = cli("import", "--undo")
    assert undone.code == 0, undone.err
    assert "ongedaan gemaakt" in undone.out
    assert _metrics(cli) == before
    assert "Geen wijzigingen" in cli("import", str(data), "--dry-run").out

    again = cli("import", "--undo")
    assert again.code == 1 and "geen import om ongedaan te maken" in " ".join(again.err.split())


def test_a_snapshot_that_removes_rows_needs_yes(cli, tmp_path):
    data = _generated(cli, tmp_path)
    assert cli("import", str(data)).code == 0
    before = _metrics(cli)
    part = tmp_path / "part"
    header, rows = _by_person(data)
    person = next(p for p, theirs in rows.items() if len(theirs) > 1)
    _write(part, header, rows[person][1:])  # their first assignment is absent from the snapshot

    refused = cli("import", str(part), "--snapshot")
    flat = " ".join(refused.err.split())
    assert refused.code == 1
    assert "--yes" in flat and "er is niets opgeslagen" in flat
    assert _metrics(cli) == before

    done = cli("import", str(part), "--snapshot", "--yes")
    assert done.code == 0, done.err
    assert cli("import", "--undo").code == 0
    assert _metrics(cli) == before


def test_import_without_a_path_or_with_a_path_and_undo_is_refused(cli, tmp_path):
    assert cli("import").code == 2
    ran = cli("import", str(tmp_path), "--undo")
    assert ran.code == 2 and "--undo" in ran.err
