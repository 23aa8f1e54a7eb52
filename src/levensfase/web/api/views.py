"""The page where a user makes and revokes their own API tokens; the secret is shown once."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from levensfase.web.accounts import access
from levensfase.web.api import tokens as token_services
from levensfase.web.api.models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80,
                           help_text=gettext_lazy("What the token is for, e.g. “BI export”."))
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=[
        (Scope.READ, gettext_lazy("read: aggregates and the records you may see")),
        (Scope.IMPORT, gettext_lazy("import: read, and upload and confirm imports")),
    ], initial=Scope.READ)
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=token_services.MAX_DAYS,
                              initial=token_services.DEFAULT_DAYS)

    def clean_scope(self):
        scope = self.cleaned_data["scope"]
        if scope == Scope.IMPORT and not access.can_import(user=self.user):
            raise forms.ValidationError(_("Only the HR administrator may import, so only they get the import scope."))
        return scope

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        secret = token_services.create_token(user=request.user, name=form.cleaned_data["name"],
                                             scope=form.cleaned_data["scope"], days=form.cleaned_data["days"]).secret
        form = TokenForm(user=request.user)
    response = render(request, "api/tokens.html", {"form": form, "secret": secret,
                                                    "tokens": token_services.tokens_of(user=request.user)})
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if token_services.revoke_token(user=request.user, token_id=token_id):
        messages.success(request, _("The token has been revoked; it no longer works."))
    return redirect("api_tokens")


def not_found(request: HttpRequest) -> HttpResponse:
    from levensfase.web.api.api import api
    from levensfase.web.api.errors import error_response

    return error_response(api, request, 404)
