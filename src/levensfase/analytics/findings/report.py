"""All findings of one analysis document, in reading order (the `findings` section of analyse)."""

from __future__ import annotations

from typing import Any

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.policy import competencies_findings, employability_findings, policy_scan_findings
from levensfase.analytics.findings.sections import (
    coverage_findings, outflow_findings, pension_wave_finding, phases_findings, retention_findings,
)

__all__ = ["report_findings", "section_text"]


def report_findings(report: dict[str, Any]) -> list[Finding]:
    """Coverage lines first, then flows, pension wave, retention, phases, employability, policy, competencies."""
    return [*coverage_findings(report), *outflow_findings(report), pension_wave_finding(report),
            *retention_findings(report), *phases_findings(report), *employability_findings(report),
            *policy_scan_findings(report), *competencies_findings(report)]


def section_text(findings: list[dict[str, Any]] | list[Finding], section: str, lang: str) -> list[str]:
    """The sentences of one section (from Finding objects or their dicts) in `lang`."""
    key = "text_en" if lang == "en" else "text_nl"
    out = []
    for f in findings:
        row = f.as_dict() if isinstance(f, Finding) else f
        if row["section"] == section:
            out.append(row[key])
    return out
