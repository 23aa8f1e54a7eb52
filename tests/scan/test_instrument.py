"""The scan's questionnaire as data: the packaged file, an organisation's own copy, and refusals."""

from __future__ import annotations

from importlib import resources

import pytest

from levensfase.scan.errors import ScanError
from levensfase.scan.instrument import DIMENSIONS, load_instrument, parse_instrument

PACKAGED = resources.files("levensfase.scan").joinpath("data", "instrument.toml").read_text(encoding="utf-8")


def test_packaged_instrument_has_six_dimensions_and_says_it_is_an_own_instrument():
    instrument = load_instrument()
    assert instrument.dimension_codes == DIMENSIONS == (
        "dynamisch_management", "flexibel_organiseren", "slimmer_werken", "co_creatie", "benutting_competenties",
        "ontplooiingsruimte")
    assert all(3 <= len(d.items) <= 4 for d in instrument.dimensions)
    assert (instrument.scale_min, instrument.scale_max) == (1, 5)
    assert all(i.text_nl and i.text_en and i.text_nl != i.text_en for i in instrument.items.values())
    assert "niet de gevalideerde" in instrument.note_nl and "not the validated" in instrument.note_en
    assert "Volberda" in instrument.source and "Taskforce Sociale Innovatie (2005)" in instrument.source
    assert "SER" in instrument.source
    assert instrument.dimension("co_creatie").name_nl == "Co-creatie"
    assert "buiten de organisatie" in instrument.dimension("co_creatie").about_nl


def test_an_organisation_edits_and_adds_items(tmp_path):
    own = PACKAGED.replace("Mijn leidinggevende stimuleert ons", "Onze teamcoach stimuleert ons").replace(
        '  { code = "fo3",', '  { code = "fo4", nl = "We wisselen makkelijk van dienst.", en = "We swap shifts easily." },\n'
                            '  { code = "fo3",')
    path = tmp_path / "eigen.toml"
    path.write_text(own, encoding="utf-8")
    instrument = load_instrument(path)
    assert instrument.items["dm1"].text_nl.startswith("Onze teamcoach")
    assert [i.code for i in instrument.dimension("flexibel_organiseren").items] == ["fo1", "fo2", "fo4", "fo3"]
    assert instrument.origin == str(path)


@pytest.mark.parametrize(("change", "needle"), [
    (lambda t: t.replace("[dimensions.co_creatie]", "[dimensions.samenwerken]"), "precies deze zes dimensies"),
    (lambda t: t.replace('code = "sw2"', 'code = "sw1"'), "vraagcode 'sw1' komt twee keer voor"),
    (lambda t: t.replace("scale_max = 5", "scale_max = 1"), "scale_min: moet kleiner zijn dan scale_max"),
    (lambda t: t.replace("version = 1", "version = 2"), "version: moet 1 zijn"),
    (lambda t: t + "\nkleur = 'blauw'\n", "kleur: onbekend veld"),
    (lambda t: t.replace('name_nl = "Slimmer werken"', 'name_nl = ""'), "dimensions.slimmer_werken.name_nl: ontbreekt"),
    (lambda t: t.replace("items = [", "items = ", 1).replace("},\n]", "}\n", 1), "geen geldige TOML"),
])
def test_an_unusable_file_is_refused_with_file_and_field(change, needle):
    with pytest.raises(ScanError) as refused:
        parse_instrument(change(PACKAGED), source="eigen.toml")
    assert str(refused.value).startswith("eigen.toml: ") and needle in str(refused.value)
    assert refused.value.message_en.startswith("eigen.toml: ")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ScanError, match="de vragenlijst kan niet worden gelezen"):
        load_instrument(tmp_path / "weg.toml")
