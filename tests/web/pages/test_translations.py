"""The compiled Dutch catalogue matches its .po, every message has a Dutch translation, and every
literal {% translate %} string in the templates is in the catalogue."""

from __future__ import annotations

import gettext
import importlib.util
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
WEB = REPO / "src" / "levensfase" / "web"
PO = WEB / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _catalogues() -> list[Path]:
    return _compiler().catalogues()


def _compiler():
    name = "levensfase_compile_messages"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "compile_messages.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def test_every_message_translated_and_mo_up_to_date():
    assert PO in _catalogues()
    assert [p for po in _catalogues() for p in _compiler().problems(po)] == []


def test_mo_read_by_python_gettext_equals_the_po():
    # Independent reader: the standard library's GNU gettext parser, not our writer.
    catalogue = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    for message in _compiler().read_po(PO):
        if not message.msgid:
            continue
        if message.msgid_plural is None:
            assert catalogue.gettext(message.msgid) == message.msgstr[0]
        else:
            assert catalogue.ngettext(message.msgid, message.msgid_plural, 1) == message.msgstr[0]
            assert catalogue.ngettext(message.msgid, message.msgid_plural, 2) == message.msgstr[1]


def test_design_terms_are_used():
    nl = {m.msgid: m.msgstr.get(0, "") for m in _compiler().read_po(PO)}
    assert nl["Inflow this year"].startswith("Instroom")
    assert nl["Outflow this year"].startswith("Uitstroom")
    assert nl["Turnover rate per year"].startswith("Verlooppercentage")
    assert "werkvermogen" in nl["Work Ability Index (WAI)"]
    assert "bevlogenheid" in nl["work engagement (UWES-9)"]


def test_template_strings_are_in_the_catalogue():
    msgids = {m.msgid for po in _catalogues() for m in _compiler().read_po(po)}
    missing = []
    for template in WEB.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for literal in re.findall(r"""{%\s*translate\s+(?:"([^"]*)"|'([^']*)')""", text):
            value = (literal[0] or literal[1]).replace("%", "%%")  # Django looks up a literal % doubled
            if value not in msgids:
                missing.append(f"{template.name}: {value}")
    assert missing == []


def test_compiler_rejects_a_stale_mo(tmp_path):
    compiler = _compiler()
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Yes"\nmsgstr "Ja"\n\n'
                  'msgid "No"\nmsgstr ""\n', encoding="utf-8")
    po.with_suffix(".mo").write_bytes(compiler.mo_bytes(compiler.read_po(po)))
    assert compiler.problems(po) == [f"{po}: no translation for 'No'"]
    po.write_text(po.read_text().replace('msgstr "Ja"', 'msgstr "Jawel"'), encoding="utf-8")  # .mo now stale
    assert any("does not match" in p for p in compiler.problems(po))
