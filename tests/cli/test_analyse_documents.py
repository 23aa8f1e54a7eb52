"""`levensfase analyse --format pdf|xlsx` through the real command line (hand-built organisation)."""

from __future__ import annotations

import io
import os

import pytest

from support.handbuilt import hand_built_workforce


def _write_hand_built(folder) -> None:
    folder.mkdir()
    for name, frame in hand_built_workforce().tables().items():
        if frame.height:
            frame.write_csv(folder / f"{name}.csv")


def test_xlsx_from_files(cli, tmp_path):
    import openpyxl

    data, out = tmp_path / "org", tmp_path / "rapport.xlsx"
    _write_hand_built(data)
    ran = cli("analyse", "--as-of", "2024-12-31", "--data", str(data), "--format", "xlsx", "--out", str(out),
              "--k", "2")
    assert ran.code == 0, ran.err
    book = openpyxl.load_workbook(out)
    assert book["Inhoud"]["B3"].value == 2
    flows = next(book[n] for n in book.sheetnames if n.startswith("03 Instroom"))
    assert [c.value for c in flows[flows.max_row]] == [2024, 5, 3, 3, 0, 5, 2, 1, 60.0]  # by hand, see test_analyse
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the PDF is laid out once per CI run (on SQLite)")
def test_pdf_in_english(cli, tmp_path):
    import pypdf

    data, out = tmp_path / "org", tmp_path / "report.pdf"
    _write_hand_built(data)
    ran = cli("analyse", "--as-of", "2024-12-31", "--data", str(data), "--format", "pdf", "--lang", "en",
              "--out", str(out), "--k", "2")
    assert ran.code == 0, ran.err
    assert out.read_bytes().startswith(b"%PDF-")
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages]
    assert "Life-phase analysis" in pages[0] and "As of: 31 December 2024" in pages[0]
    assert "The verdict in brief" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert any("< 2" in p for p in pages)

