"""Numbers and dates as a sentence writes them: Dutch in Dutch (1.234,5; 55,4%; 6 december 2026),
English in English (1,234.5; 55.4%; 6 December 2026). The one formatting helper of the core, so
every finding prints a number the same way (DESIGN §6a, §9)."""

from __future__ import annotations

from datetime import date

__all__ = ["MONTHS", "day", "euro", "number", "percent"]

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def _check(lang: str) -> str:
    if lang not in ("nl", "en"):
        raise ValueError(f"lang must be 'nl' or 'en', got {lang!r}")
    return lang


def number(value: float | int | None, lang: str, digits: int = 0) -> str:
    """1.234,5 (nl) or 1,234.5 (en); "–" for a missing value. Rounds half away from zero, as people do."""
    _check(lang)
    if value is None:
        return "–"
    scaled = abs(value) * 10**digits
    rounded = int(scaled + 0.5 + 1e-9) / 10**digits
    text = f"{rounded:,.{digits}f}"
    if value < 0 and rounded != 0:
        text = "-" + text
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def percent(share: float | None, lang: str, digits: int = 1) -> str:
    """A share (0–1) as 55,4% (nl) or 55.4% (en)."""
    return "–" if share is None else number(share * 100, lang, digits) + "%"


def euro(value: float | None, lang: str) -> str:
    """Whole euros: € 1.234 (nl) or €1,234 (en)."""
    if value is None:
        return "–"
    return f"€ {number(value, lang)}" if lang == "nl" else f"€{number(value, lang)}"


def day(value: date | str, lang: str) -> str:
    """6 december 2026 (nl) or 6 December 2026 (en)."""
    _check(lang)
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
