"""Sociale-innovatiescan (issue 19): where units stand on social innovation, whether the HR policy
serves it, and what a change programme (veranderingstraject) achieved. Pure core: no Django.

- `instrument`: the questionnaire as data (packaged TOML or an organisation's own file);
- `scoring`: dimension scores per unit, role and round, through `analytics.privacy`;
- `indicators`: the HR indicators per unit beside them, from the existing core measures;
- `kpis`: business results per unit (`unit_kpis.csv`);
- `programmes`: programme definitions and the difference-in-differences per dimension and indicator;
- `document`: the scan as one JSON-ready dict, and its HTML / PDF renderings.
"""
