"""Findings: every sentence the product says about its numbers, built from published tables by the
rules of DESIGN §6a (minimum n and a 95% interval before naming a group, bands that must separate
before naming a scenario, missing data said as missing, Dutch number formats in Dutch)."""

from levensfase.analytics.findings.evaluation import evaluation_finding
from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.groups import Group, groups_from_rows, highest_group_finding, lowest_group_finding
from levensfase.analytics.findings.scenarios import ScenarioBand, bands_at_end, scenario_finding

__all__ = ["Finding", "evaluation_finding", "Group", "ScenarioBand", "bands_at_end", "groups_from_rows", "highest_group_finding",
           "lowest_group_finding", "scenario_finding"]
