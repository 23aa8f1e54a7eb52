"""Band names of the surveys in the UI language (templates print, this decides)."""

from __future__ import annotations

from django import template

from levensfase.web.surveys.questions import BAND_TEXT

register = template.Library()


@register.filter
def band_label(band: str) -> str:
    """The UI-language name of a WAI band (poor / moderate / good / excellent)."""
    return BAND_TEXT[band][0] if band in BAND_TEXT else band
