"""Issue 16's attack on the `analyse` document's flow tables read together: every category (age
band, generation, unit, job family, contract, sex) and the whole organisation, every year. The
same leaver is in the outflow of their age band, generation, sex and unit; a year's closing is the
next year's opening. The attacker's unknowns are the people who add the same to every published
number (`person_year_classes` over persons), and each published count is an exact equation over
them. Suppressed table by table (each category's table over the years with a group hidden in one
year hidden in all, the rule until 7 Dec 2026) this recovered 80, 112 and 36 small groups' numbers
on the three organisations (measured); audited as one set (`protected_report_flows`) it recovers
none."""

from __future__ import annotations

from collections import defaultdict

import polars as pl
import pytest

from attacks.orgs import AS_OF, person_year_classes, window_adds
from levensfase.analytics import flows
from levensfase.analytics.categories import CATEGORIES, PERSON_CATEGORIES, attach
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_report_flows import withheld_rows
from levensfase.analytics.report import flows_section
from levensfase.analytics.unit_depth import at_depth, tree_depth
from support.attacker import Attacker

K = 5
COUNTS = ("opening", "inflow", "outflow", "closing", "internal_mobility", "promotions")
NET = {"closing": 1, "opening": -1, "inflow": -1, "outflow": 1}  # transfers_net, as the table defines it


def _person_adds(org, years: list[int], bys=(None, *CATEGORIES)) -> dict[str, dict[tuple, int]]:
    """person → {(category, year, value, measure): what they add}, built from the spells, the
    boundary days and the moves the way the document defines its counts (module docstring of
    `levensfase.analytics.flows`); checked against the published truth below."""
    shared = flows._Shared(org, years)
    adds: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    for by in bys:
        main = (lambda name: None) if by is None or by in PERSON_CATEGORIES else shared.part  # noqa: E731
        for measure in ("opening", "closing"):
            rows = flows._boundary(org, shared.part(measure), by=by, main=main(f"{measure}_main"))
            for person, year, value in rows.select("person_id", "year", "value").iter_rows():
                adds[person][(by, year, value, measure)] += 1
        for measure, part, column in (("inflow", "started", "start_date"), ("outflow", "ended", "end_date")):
            rows = flows.category_at(org, shared.part(part), column, by, main=main(f"{part}_main"))
            for person, day, value in rows.select("person_id", "day", "value").iter_rows():
                adds[person][(by, day.year, value, measure)] += 1
        moved = shared.part("moved")
        moved = moved.with_columns(value=pl.lit("all")) if by is None else attach(moved, org, by=by, day="start_date")
        for person, day, value, promotion in moved.select("person_id", "start_date", "value", "promotion").iter_rows():
            adds[person][(by, day.year, value, "internal_mobility")] += 1
            adds[person][(by, day.year, value, "promotions")] += bool(promotion)
    for numbers in adds.values():
        for (by, year, value, measure), n in list(numbers.items()):
            if measure in NET:
                numbers[(by, year, value, "transfers_net")] += NET[measure] * n
    return {person: {key: n for key, n in numbers.items() if n} for person, numbers in adds.items()}


def _numbers(section: dict, unit: str = "unit") -> dict[tuple, tuple[int | None, dict]]:
    return {(unit if by == "unit" else by, r["year"], r["value"], measure): (r[measure], r)
            for by, rows in ((None, section["total"]), *section["by_category"].items())
            for r in rows for measure in (*COUNTS, "transfers_net")}


def _attack(org, shown: dict, truth: dict, adds: dict | None = None) -> tuple[int, list]:
    """(small groups' hidden numbers, those the published numbers determine)."""
    rows, sizes = person_year_classes(adds or _person_adds(org, shown["years"]))
    published, real = _numbers(shown), _numbers(truth)
    attacker = Attacker()
    for key, (value, _) in published.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        assert modelled == real[key][0], f"model of {key} is wrong: {modelled} vs {real[key][0]}"
        if value is None:
            continue
        assert value == real[key][0]
        if value == 0 and key[3] != "transfers_net":  # counts are never negative: each class in it is 0
            attacker.publish(rows.get(key, {}), 0)
        elif rows.get(key):
            attacker.publish_weighted(rows[key], value)
    hidden, found = 0, []
    for key, (value, _) in published.items():
        truth_value, row = real[key]
        small = 0 < row["opening"] + row["inflow"] + max(row["transfers_net"], 0) < K
        if value is not None or not truth_value or not small:
            continue
        hidden += 1
        derived = attacker.derive_weighted(rows[key])
        if derived is not None:
            found.append((key, derived, truth_value))
    return hidden, found


def test_the_flow_tables_read_together_reveal_no_small_group(org):
    shown, truth = flows_section(org, as_of=AS_OF, k=K), flows_section(org, as_of=AS_OF, k=1)
    hidden, found = _attack(org, shown, truth)
    print(f"ATTACK report categories small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []


def test_two_documents_at_two_unit_depths_read_together_reveal_no_small_group(org):
    """`--unit-depth 1` and the full tree: the same tables but the units, which are sums of each
    other; the units of the coarser document are one more table for the attacker."""
    coarse = at_depth(org, 1)
    full, one = flows_section(org, as_of=AS_OF, k=K), flows_section(coarse, as_of=AS_OF, k=K)
    assert tree_depth(org) > 1 and {k: v for k, v in full["by_category"].items() if k != "unit"} == {
        k: v for k, v in one["by_category"].items() if k != "unit"} and full["total"] == one["total"]
    adds = _person_adds(org, full["years"])
    for person, numbers in _person_adds(coarse, full["years"], bys=("unit",)).items():
        adds.setdefault(person, {}).update({("unit@1", *key[1:]): n for key, n in numbers.items()})
    shown = {**full, "by_category": {**full["by_category"], "unit@1": one["by_category"]["unit"]}}
    truth_full, truth_one = flows_section(org, as_of=AS_OF, k=1), flows_section(coarse, as_of=AS_OF, k=1)
    truth = {**truth_full, "by_category": {**truth_full["by_category"], "unit@1": truth_one["by_category"]["unit"]}}
    hidden, found = _attack(org, shown, truth, adds)
    assert hidden and found == []


def test_suppressed_table_by_table_the_same_attack_recovers_small_groups(org):
    """Not vacuous: each year's table of each category suppressed on its own (`privacy.suppress`)
    on the same organisations gives small groups away."""
    truth = flows_section(org, as_of=AS_OF, k=1)
    old = {"years": truth["years"]}
    for name, rows, has_total in (("total", truth["total"], False),
                                  *((by, truth["by_category"][by], True) for by in CATEGORIES)):
        table = pl.DataFrame(rows).drop("suppressed").with_columns(
            population=pl.col("opening") + pl.col("inflow") + pl.col("transfers_net").clip(lower_bound=0))
        values = [c for c in table.columns if c not in ("year", "value", "population")]
        out = pl.concat(suppress(part, k=K, values=values, has_total=has_total).table
                        for part in table.partition_by("year", maintain_order=True))
        shown_rows = out.select("year", "value", *values, "suppressed").to_dicts()
        if name == "total":
            old["total"] = shown_rows
        else:
            old.setdefault("by_category", {})[name] = shown_rows
    _hidden, found = _attack(org, old, truth)
    assert found, "table by table, the tables read together give a small group's number away"


DASHBOARD_MEASURES = {"inflow": "inflow", "outflow_total": "outflow", "internal_mobility": "internal_mobility"}
YEAR = 2025


@pytest.fixture(scope="module")
def pages_of_the_year():
    """The 60-person organisation's "Welke categorieën?" pages of 2025, every category and subtree,
    as equations (`attacks.year_numbers.category_parts`), and the document as the web builds it."""
    from datetime import date

    from attacks.orgs import organisation
    from attacks.year_numbers import category_parts

    org = organisation(employees=60, seed=1)
    parts = category_parts(org, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    return org, parts, flows_section(org, as_of=AS_OF, k=K, pages=True)


def _printed_where_the_pages_hide(parts: dict, document: dict) -> list:
    found = []
    for by, (_adds, shown, truth, _small) in parts.items():
        rows = {r["value"]: r for r in document["by_category"].get(by, []) if r["year"] == YEAR}
        for key, value in shown.items():
            if len(key) != 4 or key[0] is not None or key[3] not in DASHBOARD_MEASURES or key[2] not in rows:
                continue
            printed = rows[key[2]][DASHBOARD_MEASURES[key[3]]]
            if printed is not None:
                assert printed == truth[key]  # the same number under both names
                if value is None:
                    found.append(key)
    return found


def test_the_web_document_prints_no_number_the_dashboards_hide(pages_of_the_year):
    """An analyst can read the dashboards and download the document (`pages=True`); the CLI's
    document alone printed 6 of 2025's whole-organisation flow counts the pages hide (checked)."""
    org, parts, document = pages_of_the_year
    assert _printed_where_the_pages_hide(parts, document) == []
    assert _printed_where_the_pages_hide(parts, flows_section(org, as_of=AS_OF, k=K))  # 6 on 7 Dec 2026


def test_the_web_document_and_the_pages_read_together_reveal_no_small_group(pages_of_the_year):
    """One year's pages (every category, every subtree) and the document's numbers of that year,
    each person one unknown within the year: no small number of either is determined. The flow
    tables audited alone (the CLI's document of 7 Dec 2026, not built for a reader of the pages)
    read with the same pages give 63 away."""
    org, parts, document = pages_of_the_year
    hidden, found = _pages_and_document(org, parts, document)
    print(f"ATTACK document + pages small hidden={len(hidden)} recovered={len(found)}")
    assert hidden and found == []
    alone = withheld_rows(org, years=document["years"], bys=CATEGORIES, k=K)  # the flow tables' audit alone
    assert _pages_and_document(org, parts, flows_section(org, as_of=AS_OF, k=K, hidden=alone))[1]  # 63


def _pages_and_document(org, parts: dict, document: dict) -> tuple[list, list]:
    """(small numbers hidden on the pages or in the document, those the two together determine)."""
    adds: dict = defaultdict(dict)
    shown: dict = {}
    truth: dict = {}
    small: set = set()
    for _by, (part_adds, part_shown, part_truth, part_small) in parts.items():
        for person, numbers in part_adds.items():
            adds[person].update({("page", *key): n for key, n in numbers.items()})
        shown.update({("page", *key): v for key, v in part_shown.items()})
        truth.update({("page", *key): v for key, v in part_truth.items()})
        small |= {("page", *key) for key in part_small}
    real = flows_section(org, as_of=AS_OF, k=1)
    for person, numbers in _person_adds(org, document["years"]).items():
        adds[person].update({("doc", *key): n for key, n in numbers.items() if key[1] == YEAR})
    published, exact = _numbers(document), _numbers(real)
    for key, (value, _row) in published.items():
        if key[1] == YEAR:
            shown[("doc", *key)], truth[("doc", *key)] = value, exact[key][0]
            row = exact[key][1]
            if 0 < row["opening"] + row["inflow"] + max(row["transfers_net"], 0) < K:
                small.add(("doc", *key))
    rows, sizes = person_year_classes(adds)
    attacker = Attacker()
    for key, value in shown.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        assert modelled == truth[key], f"model of {key} is wrong: {modelled} vs {truth[key]}"
        if value and rows.get(key):  # (a published 0 not used here: the pages' attacks do the same)
            attacker.publish_weighted(rows[key], value)
    hidden = [key for key in small if shown.get(key) is None and truth.get(key)]
    return hidden, [key for key in hidden if attacker.derive_weighted(rows[key]) is not None]


def test_the_flow_tables_and_the_outflow_section_read_together_reveal_no_small_group(org):
    """The document's flow tables (every year) and its outflow section: the tables of the 12 months
    up to as-of, per category and whole (population, twice the average stock, leavers per kind and
    part), its cohort per life phase on the window's first day (population, influenceable and
    pension leavers; phases overlap) and the whole organisation's leavers per kind and year. The same leavers, each person
    one unknown. Suppressed table by table the section gave 50, 6 and 23 small numbers away
    (measured 7 Dec 2026, `test_..._suppressed_table_by_table_...` below keeps that honest);
    withheld in the flow tables' audit (`protected_report_flows.report_withheld`) it gives none."""
    from levensfase.analytics.report_outflow import outflow_section

    doc = flows_section(org, as_of=AS_OF, k=K)
    out = outflow_section(org, as_of=AS_OF, k=K, years=doc["years"])
    hidden, found = _flows_and_outflow_attack(org, doc, out)
    print(f"ATTACK flows + outflow section small hidden={len(hidden)} recovered={len(found)}")
    assert hidden and found == []


def test_the_outflow_section_suppressed_table_by_table_gives_small_groups_away(org):
    """Not vacuous: the section's tables each through `privacy.suppress` (the rule until 7 Dec
    2026), with the flow tables as published now, give small numbers away."""
    from levensfase.analytics.outflow_kinds import OUTFLOW_VALUES, outflow_by_kind, outflow_in_window
    from levensfase.analytics.policy_scan import window_start
    from levensfase.analytics.report_outflow import OUTFLOW_BY, outflow_section

    def rows(table, has_total):
        parts = [suppress(part, k=K, population="population", values=list(OUTFLOW_VALUES), has_total=has_total).table
                 for part in table.partition_by("year", maintain_order=True)]
        return pl.concat(parts).select("year", "value", "population", *OUTFLOW_VALUES, "suppressed").to_dicts()

    doc = flows_section(org, as_of=AS_OF, k=K)
    start = window_start(AS_OF)
    old = {"total": rows(outflow_by_kind(org, years=doc["years"]), False),
           "last_12_months": {"total": rows(outflow_in_window(org, start=start, end=AS_OF), False),
                              "by_category": {by: rows(outflow_in_window(org, start=start, end=AS_OF, by=by), True)
                                              for by in OUTFLOW_BY}}}
    phases = pl.DataFrame(outflow_section(org, as_of=AS_OF, k=1, years=doc["years"])["by_life_phase"]).drop("suppressed")
    old["by_life_phase"] = suppress(phases, k=K, population="population", has_total=False,
                                    values=["influenceable", "pension", "influenceable_share"]).table.to_dicts()
    hidden, found = _flows_and_outflow_attack(org, doc, old)
    print(f"ATTACK flows + outflow section table by table small hidden={len(hidden)} recovered={len(found)}")
    assert found


def _flows_and_outflow_attack(org, doc: dict, out: dict) -> tuple[list, list]:
    """(small numbers hidden in the flow tables or the outflow section, those the two determine).
    The attacker's model of the section is built here from the spells (`classified_exits` for the
    kind of each exit), and checked against the published truth (k = 1)."""
    from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS, classified_exits
    from levensfase.analytics.policy_scan import window_start
    from levensfase.analytics.report_outflow import OUTFLOW_BY, outflow_section

    real = flows_section(org, as_of=AS_OF, k=1)
    out_real = outflow_section(org, as_of=AS_OF, k=1, years=doc["years"])
    adds = defaultdict(dict, {p: dict(v) for p, v in _person_adds(org, doc["years"]).items()})
    for person, numbers in window_adds(org, start=window_start(AS_OF), end=AS_OF, bys=OUTFLOW_BY, prefix="win").items():
        adds[person].update(numbers)
    for year in doc["years"]:  # the whole organisation's leavers per kind, per year
        ended = classified_exits(org, org.spells.filter(pl.col("end_date").dt.year() == year))
        for measure, rows in (("outflow", ended), *((kind, ended.filter(pl.col("kind") == kind)) for kind in EXIT_KINDS),
                              *((part, ended.filter(pl.col("part") == part)) for part in PARTS)):
            for person in rows["person_id"].to_list():
                key = (f"year{year}", None, "all", measure)
                adds[person][key] = adds[person].get(key, 0) + 1
    rows, sizes = person_year_classes(adds)
    shown, truth, small = {}, {}, set()
    exact = _numbers(real)
    for key, (value, _row) in _numbers(doc).items():
        shown[key], (truth[key], row) = value, exact[key]
        if 0 < row["opening"] + row["inflow"] + max(row["transfers_net"], 0) < K:
            small.add(key)

    def number(row: dict, measure: str) -> int | None:
        if measure != "stock2":
            return row.get(measure)
        return None if row["average_stock"] is None else round(2 * row["average_stock"])

    counts = ("population", "stock2", "outflow", *EXIT_KINDS, *PARTS)
    tables = [("win", by, out["last_12_months"]["by_category"][by], out_real["last_12_months"]["by_category"][by])
              for by in OUTFLOW_BY]
    tables.append(("win", "life_phase", out["by_life_phase"], out_real["by_life_phase"]))
    tables.append(("win", None, out["last_12_months"]["total"], out_real["last_12_months"]["total"]))
    tables += [(f"year{r['year']}", None, [r], [t]) for r, t in zip(out["total"], out_real["total"], strict=True)]
    for prefix, by, published, exact_rows in tables:
        real_rows = {r["value"]: r for r in exact_rows}
        for r in published:
            for measure in ("population", "influenceable", "pension") if by == "life_phase" else counts:
                if prefix != "win" and measure in ("population", "stock2"):
                    continue  # the year's population and stock are the flow table's whole row
                key = (prefix, by, str(r["value"]), measure)
                shown[key] = None if r["suppressed"] else number(r, measure)
                truth[key] = number(real_rows[r["value"]], measure)
                if 0 < real_rows[r["value"]]["population"] < K:
                    small.add(key)
    attacker = Attacker()
    for key, value in shown.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        assert modelled == (truth[key] or 0), f"model of {key} is wrong: {modelled} vs {truth[key]}"
        if value and rows.get(key):
            attacker.publish_weighted(rows[key], value)
    hidden = [key for key in small if shown.get(key) is None and truth.get(key)]
    return hidden, [key for key in hidden if attacker.derive_weighted(rows[key]) is not None]
