"""Propose a mapping for a foreign export: which source column feeds each exchange column, and how
its values translate into the exchange value lists.

Proposals are only a starting point the HR admin confirms in the mapping builder; they come from
the names Dutch HRIS systems (AFAS, Visma|Raet Youforce, SAP-NL, Excel lists) and English exports
commonly use. Names are compared normalised (lower case, accents and punctuation removed).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

from levensfase.model.schema import TABLES

_PERSON = ("personeelsnummer", "personeelsnr", "persnr", "medewerkernummer", "medewerkernr", "werknemernummer",
           "registratienummer", "persoonsnummer")
_PERSON_EN = ("personid", "employeenumber", "employeeid", "employeeno", "personnelnumber")
_UNIT = ("afdelingscode", "afdelingsnummer", "kostenplaats", "kostenplaatscode", "organisatieeenheidcode",
         "afdeling", "organisatieeenheid")
_UNIT_EN = ("unitid", "departmentcode", "department")
_JOB = ("functiecode", "functienummer", "functie", "functienaam")
_JOB_EN = ("jobid", "jobcode", "jobrole", "jobtitle")

# (table, column) -> (Dutch names, English names), best first.
COLUMN_NAMES: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("people", "person_id"): (_PERSON, _PERSON_EN),
    ("people", "birth_date"): (("geboortedatum", "gebdatum", "geboren"), ("birthdate", "dateofbirth", "dob")),
    ("people", "sex"): (("geslacht", "mv"), ("sex", "gender")),
    ("units", "unit_id"): (_UNIT, _UNIT_EN),
    ("units", "name"): (("afdelingsnaam", "afdeling", "afdelingsomschrijving", "organisatieeenheid"),
                        ("unitname", "departmentname", "department")),
    ("units", "parent_id"): (("bovenliggendeafdeling", "bovenliggendeafdelingscode", "hoofdafdeling"),
                             ("parentid", "parentunit", "parent")),
    ("jobs", "job_id"): (_JOB, _JOB_EN),
    ("jobs", "title"): (("functienaam", "functie", "functieomschrijving"), ("title", "jobtitle", "jobrole")),
    ("jobs", "job_family"): (("functiegroep", "functiefamilie", "beroepsgroep", "vakgebied"), ("jobfamily",)),
    ("jobs", "work_demand"): (("belasting", "werkbelasting", "fysiekebelasting"), ("workdemand",)),
    ("jobs", "grade"): (("schaal", "salarisschaal", "functieschaal", "fwg", "fwgklasse", "inschaling"),
                        ("grade", "joblevel")),
    ("assignments", "person_id"): (_PERSON, _PERSON_EN),
    ("assignments", "start_date"): (("begindatum", "datumindienst", "indienstdatum", "indienst", "startdatum",
                                     "ingangsdatum"), ("startdate", "hiredate")),
    ("assignments", "end_date"): (("einddatum", "datumuitdienst", "uitdienstdatum", "uitdienst"),
                                  ("enddate", "terminationdate")),
    ("assignments", "unit_id"): (_UNIT, _UNIT_EN),
    ("assignments", "job_id"): (_JOB, _JOB_EN),
    ("assignments", "fte"): (("fte", "deeltijdfactor", "werktijdfactor", "formatie", "dienstverbandomvang"), ()),
    ("assignments", "contract"): (("contractsoort", "soortcontract", "soortdienstverband", "contracttype",
                                   "typecontract", "contract"), ("contracttype", "contract")),
    ("assignments", "end_reason"): (("redenuitdienst", "redenvertrek", "uitdienstreden", "ontslagreden",
                                     "vertrekreden"), ("endreason", "reasonforleaving", "terminationreason")),
    ("absences", "person_id"): (_PERSON, _PERSON_EN),
    ("absences", "start_date"): (("eersteziektedag", "datumziekmelding", "ziekmelding", "beginverzuim",
                                  "startdatumverzuim"), ("absencestart",)),
    ("absences", "end_date"): (("hersteldatum", "datumherstel", "herstelmelding", "eindeverzuim"), ("absenceend",)),
    ("absences", "pregnancy"): (("zwangerschap", "zwangerschapsgerelateerd"), ("pregnancy",)),
}

# exchange column -> {normalised source value: exchange value}; "" means "no value".
VALUE_NAMES: dict[str, dict[str, str]] = {
    "sex": {"v": "f", "vrouw": "f", "vrouwelijk": "f", "female": "f", "m": "m", "man": "m", "mannelijk": "m",
            "male": "m", "x": "x", "anders": "x", "nonbinair": "x", "onbekend": "", "unknown": "", "o": ""},
    "contract": {"vast": "permanent", "onbepaaldetijd": "permanent", "onbepaald": "permanent",
                 "vastcontract": "permanent", "tijdelijk": "fixed_term", "bepaaldetijd": "fixed_term",
                 "bepaald": "fixed_term", "jaarcontract": "fixed_term", "tijdelijkcontract": "fixed_term",
                 "uitzendkracht": "temporary", "uitzend": "temporary", "inhuur": "temporary",
                 "oproepkracht": "temporary", "flex": "temporary", "stage": "intern", "stagiair": "intern",
                 "stagiaire": "intern", "fixedterm": "fixed_term"},
    "end_reason": {"eigenverzoek": "voluntary", "ontslagopeigenverzoek": "voluntary", "vrijwillig": "voluntary",
                   "ontslagwerkgever": "involuntary", "ontslagdoorwerkgever": "involuntary",
                   "ontslag": "involuntary", "eindecontract": "involuntary", "reorganisatie": "involuntary",
                   "pensioen": "retirement", "aow": "retirement", "vroegpensioen": "retirement",
                   "arbeidsongeschiktheid": "disability", "arbeidsongeschikt": "disability", "wia": "disability",
                   "overlijden": "death", "overleden": "death", "overig": "other", "anders": "other"},
    "work_demand": {"fysiek": "physical", "lichamelijk": "physical", "mentaal": "mental", "psychisch": "mental",
                    "geestelijk": "mental", "gemengd": "mixed", "beide": "mixed"},
    "pregnancy": {"ja": "true", "j": "true", "yes": "true", "1": "true", "nee": "false", "n": "false",
                  "no": "false", "0": "false"},
}
_ENGLISH_VALUES = {"female", "male", "unknown", "fixedterm", "yes", "no", "x", "o", "m", "v", "j", "n", "1", "0"}

DUTCH_COLUMN_NAMES = frozenset(n for dutch, _ in COLUMN_NAMES.values() for n in dutch) - {"fte", "contract"}
DUTCH_VALUE_WORDS = frozenset(v for words in VALUE_NAMES.values() for v in words if v not in _ENGLISH_VALUES)
# Parts of column names that mark health data (DESIGN §6): absence, sickness, pregnancy, work ability.
HEALTH_NAME_PARTS = ("ziek", "verzuim", "zwanger", "herstel", "werkvermogen", "gezondheid", "arbo", "absence",
                     "sick", "pregnan", "health", "diagnos")
_SIMILAR = 0.85  # difflib ratio above which a name counts as a spelling variant
_EXACT = 0.9  # scores from here on are exact name matches (see _score)


def normalise(name: str) -> str:
    """Lower case without accents, spaces or punctuation: "Datum in dienst" -> "datumindienst"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def looks_like_health_column(name: str) -> bool:
    """True for a column name that suggests health data ("Eerste ziektedag", "Verzuim %")."""
    plain = normalise(name)
    return any(part in plain for part in HEALTH_NAME_PARTS)


def _score(source: str, names: tuple[str, ...]) -> float:
    """1 for the first name, a little less for later ones; spelling variants score lower still."""
    best = 0.0
    for rank, name in enumerate(names):
        if source == name:
            return 1.0 - rank * 0.01
        ratio = difflib.SequenceMatcher(None, source, name).ratio()
        if ratio >= _SIMILAR:
            best = max(best, 0.8 * ratio - rank * 0.01)
    return best


def _names(table: str, column: str) -> tuple[str, ...]:
    dutch, english = COLUMN_NAMES.get((table, column), ((), ()))
    return (*dutch, *english, normalise(column))


def propose_column(table: str, column: str, source_columns: Iterable[str]) -> str | None:
    """The source column that most likely feeds `table.column`, or None when nothing is close.

    A spelling variant never wins a column whose name is exactly another column's ("Datum uit
    dienst" is close to "Datum in dienst" but is the end date)."""
    sources = list(source_columns)
    others = {n for other in TABLES[table].column_names if other != column for n in _names(table, other)}
    scored = []
    for source in sources:
        score = _score(normalise(source), _names(table, column))
        if score > 0 and (score >= _EXACT or normalise(source) not in others):
            scored.append((score, source))
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def propose_columns(table: str, source_columns: Iterable[str]) -> dict[str, str]:
    """Exchange column -> proposed source column, for every column of `table` with a proposal."""
    sources = list(source_columns)
    proposals = {}
    for column in TABLES[table].column_names:
        found = propose_column(table, column, sources)
        if found is not None:
            proposals[column] = found
    return proposals


def propose_value(column: str, value: str, choices: Iterable[str]) -> str | None:
    """The exchange value for a source value of an enum column; None when it is already valid or
    unknown (it then passes through and validation reports it)."""
    if value in set(choices):
        return None
    return VALUE_NAMES.get(column, {}).get(normalise(value))


def propose_values(column: str, values: Iterable[str], choices: Iterable[str]) -> dict[str, str]:
    """Source value -> exchange value for those values with a proposal."""
    allowed = list(choices)
    proposals = {}
    for value in values:
        found = propose_value(column, value, allowed)
        if found is not None:
            proposals[value] = found
    return proposals


def value_choices(table: str, column: str) -> tuple[str, ...]:
    """The values an exchange column accepts, for columns that take a value list (else empty)."""
    spec = TABLES[table].column(column)
    if spec.kind == "enum":
        return tuple(spec.choices or ())
    return ("true", "false") if spec.kind == "bool" else ()


def translatable(mapping: Mapping[str, str], table: str) -> list[str]:
    """The mapped exchange columns of `table` whose values may need translating."""
    return [c for c in mapping if value_choices(table, c)]
