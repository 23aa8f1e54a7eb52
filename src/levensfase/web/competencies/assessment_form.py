"""The assessment form: one level (1–4 or empty) per competency shown, plus one competency to add.

Validation collects every problem at once; the caller writes nothing unless the list is empty.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from levensfase.web.competencies.levels import LEVELS

PREFIX = "level_"


def _level(raw: str) -> int | None:
    return int(raw) if raw.strip() in {str(n) for n in LEVELS} else None


def clean(data, *, shown: dict[str, str], catalogue: dict[str, tuple[str, str]]) -> tuple[dict[str, int], list[str]]:
    """(skill_id → level, error messages) from the POST data.

    `shown`: skill_id → name of the competencies on the form; `catalogue`: every competency that
    may be added. Empty levels are "not assessed now" and are skipped.
    """
    levels: dict[str, int] = {}
    errors: list[str] = []
    for key in data:
        if not key.startswith(PREFIX):
            continue
        skill_id, raw = key[len(PREFIX):], str(data.get(key, "")).strip()
        if skill_id not in shown:
            errors.append(_("The form contains a competency that is not on your list; reload the page."))
            continue
        if not raw:
            continue
        level = _level(raw)
        if level is None:
            errors.append(_("“%(skill)s”: choose a level from 1 to 4.") % {"skill": shown[skill_id]})
        else:
            levels[skill_id] = level
    added, raw = str(data.get("add_skill", "")).strip(), str(data.get("add_level", "")).strip()
    if added:
        if added not in catalogue:
            errors.append(_("Choose a competency to add from the list."))
        elif _level(raw) is None:
            errors.append(_("“%(skill)s”: choose a level from 1 to 4.") % {"skill": catalogue[added][0]})
        else:
            levels[added] = _level(raw)
    elif raw:
        errors.append(_("Choose the competency that goes with the level you added."))
    if not levels and not errors:
        errors.append(_("Give a level for at least one competency."))
    return levels, errors
