"""The mapping profile chosen on the import page: a shipped one by name, a saved one, or an
uploaded TOML file. Saved and uploaded profiles are staged as a file for that one import."""

from __future__ import annotations

from django.utils.translation import gettext as _

from levensfase.web.mappings.models import MappingProfile
from levensfase.web.mappings.profiles import MAX_PROFILE_BYTES, ProfileRefused, parse_toml, stage_profile

SAVED = "saved:"


def saved_choices() -> list[tuple[str, str]]:
    return [(f"{SAVED}{p.pk}", p.name) for p in MappingProfile.objects.only("pk", "name")]


def chosen_profile(*, choice: str, uploaded) -> str:
    """What the import keeps as its mapping: a shipped profile's name, or the key of a staged copy
    of a saved or uploaded profile; "" for none. ProfileRefused for a broken upload."""
    if uploaded is not None:
        text, profile = parse_toml(uploaded.read(MAX_PROFILE_BYTES + 1))
        return stage_profile(text=text, label=profile.name or uploaded.name.rsplit(".", 1)[0])
    if choice.startswith(SAVED):
        saved = MappingProfile.objects.filter(pk=choice.removeprefix(SAVED)).first()
        if saved is None:
            raise ProfileRefused(_("This saved profile no longer exists."))
        return stage_profile(text=saved.toml, label=saved.name)
    return choice
