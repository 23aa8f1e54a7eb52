"""HR admin edits the catalog: change an entry, add an own instrument, reset an entry to the default.

Every other role gets a 403 that says why. Bad input re-shows the form with the messages (400) and
saves nothing; a save or reset is logged with the entry before and after (CatalogChange).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from levensfase.model.arrangements import CatalogError
from levensfase.model.arrangements.overrides import entry_body
from levensfase.web.maatwerk import access, catalog_services, presentation, selectors
from levensfase.web.maatwerk.catalog_form import EntryForm, initial
from levensfase.web.maatwerk.views.common import forbidden, lang

NOT_ALLOWED = gettext_lazy("Only HR administrators change the arrangement catalog.")


def _save(request: HttpRequest, form: EntryForm, *, code: str | None) -> HttpResponse | None:
    """Save a valid form; None when the form (or the core's check) has an error to show."""
    if not form.is_valid():
        return None
    code = code or form.cleaned_data["code"]
    try:
        catalog_services.save_entry(user=request.user, code=code, body=form.body(), adding=form.adding)
    except CatalogError as exc:
        form.add_error(None, _("The arrangement could not be saved: %(reason)s") % {"reason": exc})
        return None
    return redirect("maatwerk:catalog_edit", code=code)


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    taken = frozenset(a.code for a in selectors.catalog())
    if request.method == "POST":
        form = EntryForm(request.POST, adding=True, taken=taken)
        return _save(request, form, code=None) or _page(request, form, code=None, status=400)
    form = EntryForm(adding=True, taken=taken, initial={"active": True, "per": "once", "funded_by": "employer",
                                                         "source": _("Own arrangement of the organisation")})
    return _page(request, form, code=None)


@login_required
def entry_edit(request: HttpRequest, code: str) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    catalog = selectors.catalog()
    if code not in catalog:
        raise Http404
    if request.method == "POST":
        form = EntryForm(request.POST)
        return _save(request, form, code=code) or _page(request, form, code=code, status=400)
    return _page(request, EntryForm(initial=initial(entry_body(catalog[code]))), code=code)


@login_required
@require_POST
def entry_reset(request: HttpRequest, code: str) -> HttpResponse:
    if not access.can_manage_catalog(user=request.user):
        return forbidden(request, str(NOT_ALLOWED))
    if code not in selectors.catalog():
        raise Http404
    catalog_services.reset_entry(user=request.user, code=code)
    return redirect("maatwerk:catalog_edit", code=code)


def _page(request: HttpRequest, form: EntryForm, *, code: str | None, status: int = 200) -> HttpResponse:
    overrides = selectors.catalog_overrides()
    catalog = selectors.catalog()
    return render(request, "maatwerk/catalog_edit.html", {
        "form": form, "code": code, "adding": code is None,
        "name": catalog[code].name(lang()) if code in catalog else "",
        "own": code is not None and code not in selectors.default_catalog(),
        "changed": code in overrides and code in selectors.default_catalog(),
        "changes": presentation.catalog_changes(code) if code else [],
    }, status=status)
