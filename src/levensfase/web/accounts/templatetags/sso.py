"""{% sso_login_button %}: the "Log in with <organisation account>" button, only when configured."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from levensfase.web.accounts import oidc

register = template.Library()


@register.inclusion_tag("accounts/sso_button.html", takes_context=True)
def sso_login_button(context) -> dict:
    if not oidc.configured():
        return {"url": ""}
    wanted = context.get("next") or ""
    return {"url": reverse("sso_start") + (f"?{urlencode({'next': wanted})}" if wanted else ""),
            "label": oidc.button_label()}
