"""Problem lists are capped per file and kind: the first 100 listed, the rest counted in one line."""

from __future__ import annotations

from pathlib import Path

from levensfase.ingest.problems import MAX_LISTED, cap_problems, problem, problem_count
from levensfase.ingest.reader import read_exchange

PEOPLE = "person_id,birth_date,sex\n"


def _folder(tmp_path: Path, people: str) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "people.csv").write_text(people)
    return folder


def test_a_file_of_duplicate_rows_lists_100_and_counts_the_rest(tmp_path):
    rows = 5_000
    result = read_exchange(_folder(tmp_path, PEOPLE + "P1,1980-01-01,f\n" * rows))

    listed, (more,) = result.problems[:-1], result.problems[-1:]
    assert len(listed) == MAX_LISTED == 100
    # every row after the first repeats the key: rows 3 .. 5001 (header = row 1, first row = row 2)
    assert [p.row for p in listed] == list(range(3, 103))
    assert {p.code for p in listed} == {"duplicate_key"}
    assert (more.code, more.of, more.value, more.row) == ("more_problems", "duplicate_key", "4899", None)
    assert more.reason.startswith("en nog 4.899 problemen van deze soort: Deze sleutel (person_id)")
    assert more.reason_en.startswith("and 4,899 more problems of this kind: This key (person_id)")
    assert problem_count(result.problems) == rows - 1


def test_one_kind_on_two_columns_is_capped_together(tmp_path):
    # 80 bad birth dates and 80 bad sexes: two kinds, each under the cap, nothing counted
    lines = [f"P{i},1980-13-01,q\n" for i in range(80)]
    result = read_exchange(_folder(tmp_path, PEOPLE + "".join(lines)))
    assert [p.code for p in result.problems].count("bad_date") == 80
    assert [p.code for p in result.problems].count("bad_enum") == 80
    # the same kind from two checks (columns): 100 listed by row, 60 counted
    found = [problem("missing_value", file="a.csv", row=r, column=c) for c in ("x", "y") for r in range(2, 82)]
    capped = cap_problems(found)
    assert [(p.row, p.column) for p in capped[:100]] == sorted((r, c) for r in range(2, 82) for c in ("x", "y"))[:100]
    assert capped[100].code == "more_problems" and capped[100].value == "60" and len(capped) == 101
    assert problem_count(capped) == 160


def test_counts_already_made_merge_with_the_listed_ones():
    kind = [problem("missing_value", file="a.csv", row=r, column="x") for r in range(2, 152)]
    first = cap_problems(kind)  # 100 listed, 50 counted
    again = cap_problems(first + [problem("missing_value", file="a.csv", row=200, column="y")])
    assert problem_count(again) == 151 and len(again) == 101
    assert again[-1].reason.startswith("en nog 51 problemen van deze soort: Verplichte waarde is leeg.")


def test_long_values_are_cut_in_problems(tmp_path):
    result = read_exchange(_folder(tmp_path, PEOPLE + "P1,1980-01-01," + "z" * 5_000_000 + "\n"))
    (bad,) = result.problems
    assert bad.code == "bad_enum" and bad.value == "z" * 80 + "…"
