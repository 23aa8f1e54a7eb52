"""Template helpers of the page frame: the navigation per role and the role's name (labels, dates
and numbers are the web kit's: web/ui/templatetags/ui.py).

Kept here so templates stay dumb: they print what these return and decide nothing.
"""

from __future__ import annotations

from django import template

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.pages import inbox
from levensfase.web.pages.menu import menu

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[dict]:
    """The top navigation of the signed-in user (pages/menu.py), with the to-do count on "Home"."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if access.role_of(user) is None:
        return []
    todo = inbox.for_request(request)  # the home page's to-do inbox: its count on "Home"
    return menu(user=user, path=request.path, home_count=todo.count if todo else 0)


@register.simple_tag(takes_context=True)
def role_label(context) -> str:
    role = access.role_of(getattr(context.get("request"), "user", None))
    return Role(role).label if role else ""
