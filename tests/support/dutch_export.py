"""A Dutch-style HRIS export (one row per assignment, semicolons, Windows-1252, dd-mm-jjjj, decimal
commas, Dutch column names and values) made from exchange tables, so a test can check that mapping it
back gives exactly the tables it came from."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import polars as pl

SEX = {"f": "V", "m": "M", "x": "X"}
CONTRACT = {"permanent": "Vast", "fixed_term": "Tijdelijk", "temporary": "Uitzendkracht", "intern": "Stagiair"}
END_REASON = {"voluntary": "Eigen verzoek", "involuntary": "Ontslag werkgever", "retirement": "Pensioen",
              "disability": "Arbeidsongeschiktheid", "death": "Overlijden", "other": "Overig"}
WORK_DEMAND = {"physical": "Fysiek", "mental": "Mentaal", "mixed": "Gemengd"}
HEADER = ["Personeelsnummer", "Geboortedatum", "Geslacht", "Afdelingscode", "Afdeling", "Functiecode", "Functie",
          "Soort functie", "Belasting", "Schaal", "Datum in dienst", "Datum uit dienst", "Contractsoort",
          "Deeltijdfactor", "Reden uit dienst"]


def with_accented_unit(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The same tables with a unit name only Windows-1252 (not ASCII) can write, and a flat unit tree
    (an assignment export carries no parent units)."""
    units = tables["units"].with_columns(pl.lit(None, pl.String).alias("parent_id"))
    first = tables["assignments"]["unit_id"][0]
    units = units.with_columns(pl.when(pl.col("unit_id") == first).then(pl.lit("Coördinatie Zuid"))
                               .otherwise(pl.col("name")).alias("name"))
    return {**tables, "units": units}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def dutch_rows(tables: dict[str, pl.DataFrame]) -> list[list[str]]:
    rows = (tables["assignments"]
            .join(tables["people"], on="person_id", how="left")
            .join(tables["units"].select("unit_id", pl.col("name").alias("unit_name")), on="unit_id", how="left")
            .join(tables["jobs"], on="job_id", how="left")
            .sort("person_id", "start_date", "unit_id", "job_id"))
    out = []
    for r in rows.iter_rows(named=True):
        out.append([_text(v) for v in (
            r["person_id"], r["birth_date"], SEX.get(r["sex"], ""), r["unit_id"], r["unit_name"], r["job_id"],
            r["title"], r["job_family"], WORK_DEMAND[r["work_demand"]], r["grade"], r["start_date"], r["end_date"],
            CONTRACT.get(r["contract"], ""), r["fte"], END_REASON.get(r["end_reason"], ""))])
    return out


def dutch_export(tables: dict[str, pl.DataFrame]) -> bytes:
    lines = [";".join(HEADER), *(";".join(row) for row in dutch_rows(tables))]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


class FormDefaults(HTMLParser):
    """What a browser would submit for a form untouched: text and hidden values, checked boxes and the
    selected option of every select (the first when none is selected)."""

    def __init__(self, form_action: str) -> None:
        super().__init__()
        self.action, self.inside, self.values = form_action, False, {}
        self._select: str | None = None
        self._first: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").split("#")[0] == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") in ("text", "hidden", None):
            self.values[a["name"]] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.values[a["name"]] = "on"
        elif tag == "select":
            self._select, self._first = a["name"], None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
                self.values.setdefault(self._select, self._first)
            if "selected" in a:
                self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_defaults(html: str, action: str) -> dict[str, str]:
    parser = FormDefaults(action)
    parser.feed(html)
    parser.values.pop("csrfmiddlewaretoken", None)
    return parser.values
