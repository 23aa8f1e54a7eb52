"""Malformed imports for the fuzz tests: a small fixed organisation and the ways a file goes wrong.

`base_tables()` is a generated organisation of eight employees, renamed so the role users of
tests/support/org_fixture.py find themselves in it (P01 … P10, unit ZORG). A `Mutation` is plain
data (drawn by hypothesis in the tests) and `write_case` turns the base plus a few mutations into
an exchange folder or an XLSX workbook on disk, the way a user's spreadsheet or HRIS would have
broken it: encodings, byte-order marks, delimiters, quotes, NUL bytes, long fields, extreme numbers
and dates, duplicate and unsafe ids, unit cycles, damaged headers, symbolic links, corrupt sheets.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# A case carries only the tables its mutations touch; references resolve against the stored base.

NUMBERS = ("1e30", "-1e30", "1e308", "inf", "-inf", "nan", "9" * 40, "-0", "0x10", "1_000", "1.5", "7,5",
           "12", "0", "-1", "4", "3.0", "1e3", " 2 ", "½", "1.2", "0.01", "100", "1e9")
DATES = ("9999-12-31", "0000-01-01", "0001-01-01", "2100-01-01", "1899-12-31", "1900-01-01", "1950-01-01",
         "1949-12-31", "2024-02-30", "2024-02-29", "31-12-2020", "2020-1-5", "20200105", "2199-12-31",
         "2200-01-01", f"{date.today().year + 3}-01-01", "2012-06-30", "")
IDS = ("a/b", "a b", "a\tb", "../x", "<script>x</script>", "é", "x" * 65, "x" * 300, "a\u2028b", "%2F", "a?b",
       "a#b", "P01", "P02", "ZORG", "", " ", "a\\b", "null", "0", "P-01.a:b_c")
TEXTS = ("x" * 70_000, "a,b", 'say "hi"', "line\nbreak", "\u00e9\u00e8", "\ufeff", "\x01\x02", "'", "=1+1", "")
ENCODINGS = ("cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig")


@dataclass(frozen=True)
class Mutation:
    """One thing wrong with one table: `kind` says what, `row`/`column` (indices, taken modulo the
    table's size) where, `pick` which value of the kind's list, `count` how many times."""

    kind: str
    table: str
    row: int = 0
    column: int = 0
    pick: int = 0
    count: int = 1
    text: str = ""


KINDS = ("number", "date", "id", "text", "free_text", "duplicate_rows", "rename_id", "unit_cycle", "bom",
         "delimiter", "quote", "nul", "encoding", "header", "drop_fields", "truncate", "flip_byte", "symlink",
         "remove", "blank_lines")
WORKBOOK_KINDS = ("number", "date", "id", "text", "free_text", "duplicate_rows", "rename_id", "unit_cycle",
                  "header", "drop_fields", "xml_entity", "xml_truncate", "zip_flip")


def base_tables(out: Path) -> dict[str, list[list[str]]]:
    """The base organisation as rows of text per table (header first), written once to `out`."""
    from levensfase.ingest.generator import generate
    from levensfase.ingest.writer import write_exchange

    write_exchange(generate(employees=8, years=3, seed=7, as_of=date(2025, 1, 1)), out)
    tables = {}
    for file in sorted(out.glob("*.csv")):
        text = re.sub(r"\bP0000(\d\d)\b", r"P\1", file.read_text()).replace("U002", "ZORG")
        file.write_text(text)
        tables[file.stem] = list(csv.reader(io.StringIO(text)))
    return tables


def _cell(rows: list[list[str]], m: Mutation, value: str, *, only: tuple[str, ...] = ()) -> None:
    header = rows[0]
    columns = [i for i, name in enumerate(header) if not only or any(name.endswith(o) for o in only)]
    if not columns or len(rows) < 2:
        return
    row, column = rows[1 + m.row % (len(rows) - 1)], columns[m.column % len(columns)]
    if column < len(row):  # a row shortened by an earlier mutation may lack the cell
        row[column] = value


def _apply_to_rows(tables: dict[str, list[list[str]]], m: Mutation) -> None:
    rows = tables.get(m.table, [[]])
    if m.kind == "number":
        _cell(rows, m, NUMBERS[m.pick % len(NUMBERS)],
              only=("grade", "level", "level_required", "fte", "hours", "cost_eur", "value"))
    elif m.kind == "date":
        _cell(rows, m, DATES[m.pick % len(DATES)], only=("date",))
    elif m.kind == "id":
        _cell(rows, m, IDS[m.pick % len(IDS)], only=("_id",))
    elif m.kind == "text":
        _cell(rows, m, TEXTS[m.pick % len(TEXTS)])
    elif m.kind == "free_text":
        _cell(rows, m, m.text)
    elif m.kind == "duplicate_rows" and len(rows) > 1:
        rows += [list(rows[1 + m.row % (len(rows) - 1)]) for _ in range(m.count)]
    elif m.kind == "rename_id" and len(rows) > 1 and rows[1 + m.row % (len(rows) - 1)]:
        old = rows[1 + m.row % (len(rows) - 1)][0]  # one id renamed wherever the case carries it
        new = IDS[m.pick % len(IDS)]
        for table in tables.values():
            for row in table[1:]:
                row[:] = [new if v == old else v for v in row]
    elif m.kind == "unit_cycle" and "units" in tables:  # a unit becomes its own (grand)parent
        units = tables["units"]
        a = units[1 + m.row % (len(units) - 1)]
        b = units[1 + m.column % (len(units) - 1)]
        if len(a) > 2 and len(b) > 2:
            a[2], b[2] = b[0], a[0]
    elif m.kind == "header":
        header = rows[0]
        if not header:
            return
        i = m.column % len(header)
        header[i] = (header[i].upper(), header[i] + "x", "", header[0], " " + header[i] + " ", "extra")[m.pick % 6]
    elif m.kind == "drop_fields" and len(rows) > 1:
        row = rows[1 + m.row % (len(rows) - 1)]
        del row[m.column % max(len(row), 1):]


def _to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8", errors="surrogatepass")


def _apply_to_bytes(data: bytes, m: Mutation) -> bytes:
    if m.kind == "bom":
        return b"\xef\xbb\xbf" * (1 + m.count % 3) + data
    if m.kind == "delimiter":
        return data.replace(b",", (b";", b"\t", b"|", b", ")[m.pick % 4])
    if m.kind == "quote":
        at = m.row * 7919 % max(len(data), 1)
        return data[:at] + b'"' + data[at:]
    if m.kind == "nul":
        at = m.row * 7919 % max(len(data), 1)
        return data[:at] + b"\x00" * m.count + data[at:]
    if m.kind == "encoding":
        text = data.decode("utf-8", errors="replace")
        text = text.replace(",", ",\u00e9", 1) if m.pick % 2 else text
        return text.encode(ENCODINGS[m.pick % len(ENCODINGS)], errors="replace")
    if m.kind == "truncate":
        return data[: m.row * 7919 % max(len(data), 1)]
    if m.kind == "flip_byte" and data:
        at = m.row * 7919 % len(data)
        return data[:at] + bytes([(data[at] + 1 + m.pick) % 256]) + data[at + 1:]
    if m.kind == "blank_lines":
        return data.replace(b"\n", b"\n\n", m.count).replace(b"\n", b"\r\n", m.pick % 2)
    return data


def tables_of(mutations: list[Mutation]) -> list[str]:
    names: list[str] = []
    for m in mutations:
        table = "units" if m.kind == "unit_cycle" else m.table
        names += [] if table in names else [table]
    return names


def write_case(base: dict[str, list[list[str]]], mutations: list[Mutation], out: Path, *,
               workbook: bool = False, whole: bool = False) -> Path:
    """Write the tables the mutations touch (`whole`: every table), from the base, with `mutations`
    applied; returns the folder, or the workbook inside it."""
    out.mkdir(parents=True, exist_ok=True)
    names = list(base) if whole else tables_of(mutations)
    tables = {n: [list(r) for r in base[n]] for n in names}
    for m in mutations:
        _apply_to_rows(tables, m)
    if workbook:
        return _write_workbook(tables, mutations, out / "export.xlsx")
    for name in names:
        data = _to_csv(tables[name])
        for m in mutations:
            if m.table == name:
                data = _apply_to_bytes(data, m)
        path = out / f"{name}.csv"
        if any(m.kind == "remove" and m.table == name for m in mutations):
            continue
        if any(m.kind == "symlink" and m.table == name for m in mutations):
            target = out.parent / f"{out.name}-{name}.target"
            target.write_bytes(data) if m.pick % 3 else target.mkdir(exist_ok=True)
            path.symlink_to(target if m.pick % 3 != 2 else Path("/nonexistent/x.csv"))
            continue
        path.write_bytes(data)
    return out


def _write_workbook(tables: dict[str, list[list[str]]], mutations: list[Mutation], path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False})
    for name, rows in tables.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write_string(r, c, value.replace("\x00", "")[:32_000])
    book.close()
    for m in mutations:
        if m.kind in ("xml_entity", "xml_truncate", "zip_flip"):
            _damage(path, m, sheet=1 + list(tables).index(m.table))
    return path


def _damage(path: Path, m: Mutation, *, sheet: int) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            members = {i.filename: z.read(i.filename) for i in z.infolist()}
    except Exception:  # noqa: BLE001 — already damaged by an earlier mutation
        return
    name = f"xl/worksheets/sheet{sheet}.xml"
    xml = members.get(name, b"")
    if m.kind == "xml_entity":
        members[name] = xml.replace(b"<sheetData>", b"<sheetData>&undefined;", 1).replace(b"<v>", b"<v>&nope;", 1)
    elif m.kind == "xml_truncate":
        members[name] = xml[: m.row * 7919 % max(len(xml), 1)]
    if m.kind == "zip_flip":
        raw = bytearray(path.read_bytes())
        at = m.row * 7919 % len(raw)
        raw[at] = (raw[at] + 1 + m.pick) % 256
        path.write_bytes(bytes(raw))
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)


def as_zip(folder: Path, *, symlink: str | None = None, dotdot: bool = False) -> bytes:
    """The CSV files of `folder` in a ZIP, optionally with `symlink` (a table name) stored as a
    symbolic link member and every name under `../` (path traversal)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for file in sorted(folder.glob("*.csv")):
            name = ("../../" if dotdot else "") + file.name
            if symlink == file.stem:
                info = zipfile.ZipInfo(name)
                info.create_system = 3
                info.external_attr = (0o120777 << 16)  # S_IFLNK: a symbolic link to ../people.csv
                z.writestr(info, "../people.csv")
            elif not file.is_symlink():
                z.writestr(name, file.read_bytes())
    return buffer.getvalue()
