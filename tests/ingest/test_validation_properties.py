"""Property tests: malformed bytes never raise, and bad data never comes back ok."""

from __future__ import annotations

import csv
import io
import math
import shutil
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from levensfase.ingest.reader import read_exchange

VALID = Path(__file__).parent / "fixtures" / "valid"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(tmp_path: Path, name: str, content: bytes):
    folder = tmp_path / "p"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(VALID, folder)
    (folder / f"{name}.csv").write_bytes(content)
    return read_exchange(folder)


def _iso(text: str) -> bool:
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@SETTINGS
@given(junk=st.binary(max_size=300))
def test_random_bytes_never_raise_and_ok_only_for_valid_people(tmp_path, junk):
    content = b"person_id,birth_date,sex\n" + junk
    result = _read(tmp_path, "people", content)
    if not result.ok:
        return
    # independent oracle: the stdlib csv module must see a well-formed people file
    rows = [r for r in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) if any(f.strip() for f in r)]
    ids = [r[0].strip() for r in rows[1:]]
    assert all(len(r) == 3 for r in rows[1:])
    assert all(_iso(r[1]) and r[2].strip() in ("", "f", "m", "x") for r in rows[1:])
    assert len(set(ids)) == len(ids) and all(ids)


@SETTINGS
@given(row=st.integers(0, 2), keep=st.integers(0, 2))
def test_truncated_rows_are_reported(tmp_path, row, keep):
    lines = (VALID / "people.csv").read_text().splitlines()
    fields = lines[1 + row].split(",")
    lines[1 + row] = ",".join(fields[:keep])
    result = _read(tmp_path, "people", ("\n".join(lines) + "\n").encode())
    assert not result.ok
    if keep > 0:  # a row cut to nothing is a blank line; its person is then unknown elsewhere
        assert ("people.csv", 2 + row, "wrong_field_count") in [(p.file, p.row, p.code) for p in result.problems]


CELL = st.text(alphabet=st.characters(codec="ascii", exclude_characters=',"\r\n\x00'), max_size=12)


def _valid_fte(text: str) -> bool:
    try:
        value = float(text.strip())
    except ValueError:
        return False
    return math.isfinite(value) and 0 < value <= 1.2


def _trim(text: str) -> str:
    """Trim as the reader does (Unicode White_Space); Python's str.strip also drops \\x1c-\\x1f, which are not spaces."""
    spaces = "".join(c for c in set(text) if c.isspace() and c not in "\x1c\x1d\x1e\x1f")
    return text.strip(spaces) if spaces else text


@SETTINGS
@given(row=st.integers(0, 5), column=st.sampled_from(["fte", "contract", "end_date"]), value=CELL)
@example(row=0, column="contract", value="\x1f")  # not a space for the reader, a space for str.strip
def test_replaced_assignment_cells(tmp_path, row, column, value):
    lines = (VALID / "assignments.csv").read_text().splitlines()
    header = lines[0].split(",")
    fields = lines[1 + row].split(",")
    fields[header.index(column)] = value
    lines[1 + row] = ",".join(fields)
    result = _read(tmp_path, "assignments", ("\n".join(lines) + "\n").encode())
    stripped = _trim(value)
    if column == "fte":
        valid = _valid_fte(stripped)
    elif column == "contract":
        valid = stripped in ("", "permanent", "fixed_term", "temporary", "intern")
    else:  # any ISO date or empty may still be valid; a non-date never is
        valid = stripped == "" or _iso(stripped)
    if not valid:
        assert not result.ok
        assert (2 + row, column) in [(p.row, p.column) for p in result.problems]
    elif column != "end_date":  # a new end date changes spells and end_reason rules: no simple oracle
        assert result.ok, result.problems
